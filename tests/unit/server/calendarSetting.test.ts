import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../server/config';
import { missingCalendarYears, workCalendar, workingDaysBetween } from '../../../shared/domain/calendar';

const TOKEN = 'a'.repeat(32);
const dir = mkdtempSync(join(tmpdir(), 'floorboard-calendar-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

const load = (calendar: string, more: Record<string, string> = {}) =>
  loadConfig({ FLOORBOARD_WALLBOARD_TOKENS: TOKEN, FLOORBOARD_CALENDAR: calendar, ...more }, { clientDir: null });

describe('FLOORBOARD_CALENDAR', () => {
  it('is none by default: working weekdays only', () => {
    const config = loadConfig({ FLOORBOARD_WALLBOARD_TOKENS: TOKEN }, { clientDir: null });
    expect(config.calendar).toEqual({ source: 'none', holidays: [], workdays: [], years: null });
  });

  it("ships China's calendar as cn", () => {
    const config = load('cn');
    expect(config.calendar.holidays).toContain('2026-10-01');
    expect(config.calendar.workdays).toContain('2026-10-10');
  });

  it("reads a floor's own file: its holidays are off, its working days worked, over the working weekdays", () => {
    const path = file('uk.json', JSON.stringify({ holidays: ['2026-12-25', '2026-12-28'], workdays: ['2026-12-19'] }));
    const config = load(path, { FLOORBOARD_WORKING_DAYS: '1-5' });
    expect(config.calendar).toEqual({
      ...{ source: path, holidays: ['2026-12-25', '2026-12-28'], workdays: ['2026-12-19'] },
      years: [2026],
    });
    const calendar = workCalendar(config.workingWeekdays, config.calendar);
    // 23 weekdays in December 2026, less Christmas and the 28th, plus Saturday the 19th.
    expect(workingDaysBetween(calendar, '2026-12-01', '2026-12-31')).toBe(22);
  });

  it.each([
    [
      'a file that is not there',
      () => join(dir, 'missing.json'),
      /cannot read the calendar file .*missing\.json \(ENOENT\)/,
    ],
    ['a file that is not JSON', () => file('bad.json', '{ holidays: [2026-01-01] }'), /bad\.json is not JSON/],
    [
      'a date that does not exist',
      () => file('feb30.json', JSON.stringify({ holidays: ['2026-02-30'] })),
      /holidays\.0: is not a real date/,
    ],
    [
      'a list given as one string',
      () => file('string.json', JSON.stringify({ holidays: '2026-01-01' })),
      /must be \{ "holidays": \["YYYY-MM-DD", \.\.\.\], "workdays": \["YYYY-MM-DD", \.\.\.\] \}; holidays:/,
    ],
    [
      'a day both off and worked',
      () => file('both.json', JSON.stringify({ holidays: ['2026-05-01'], workdays: ['2026-05-01'] })),
      /workdays\.0: 2026-05-01 is listed as a holiday too/,
    ],
    [
      'a misspelt key',
      () => file('typo.json', JSON.stringify({ holidays: [], workday: ['2026-05-09'] })),
      /Unrecognized key.*workday/,
    ],
  ])('stops the start-up on %s with a clear error naming the setting', (_what, path, message) => {
    let error: unknown;
    try {
      load(path());
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toMatch(/FLOORBOARD_CALENDAR: /);
    expect((error as Error).message).toMatch(message);
  });

  it('names the years that matter today and that the calendar lacks: this year, and from November the next', () => {
    const cn = load('cn').calendar;
    expect(cn.years).toEqual([2026]);
    expect(missingCalendarYears(cn.years, '2026-10-31')).toEqual([]);
    // December 2026: January's targets are being planned and 2027's notice is not in the shipped calendar.
    expect(missingCalendarYears(cn.years, '2026-12-03')).toEqual([2027]);
    expect(missingCalendarYears(cn.years, '2027-03-01')).toEqual([2027]);
    const both = file('both.json', JSON.stringify({ holidays: ['2026-12-25', '2027-01-01'] }));
    expect(missingCalendarYears(load(both).calendar.years, '2026-12-03')).toEqual([]);
    // No holiday calendar in use: nothing is missing.
    expect(missingCalendarYears(load('none').calendar.years, '2026-12-03')).toEqual([]);
  });
});
