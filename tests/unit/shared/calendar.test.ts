import { describe, expect, it } from 'vitest';
import {
  calendarFileSchema,
  calendarPosition,
  isoWeek,
  isWorkingDay,
  workCalendar,
  workingDaysBetween,
} from '../../../shared/domain/calendar';
import { CN_CALENDAR } from '../../../shared/domain/calendars/cn';

const MON_FRI = [1, 2, 3, 4, 5];
const CN = workCalendar(MON_FRI, CN_CALENDAR);
const PLAIN = workCalendar(MON_FRI);

describe("China's 2026 calendar (国务院办公厅, 4 November 2025)", () => {
  it('takes National Day (1-7 October) off and works the make-up Saturday 10 October: 18 working days in October', () => {
    expect(workingDaysBetween(CN, '2026-10-01', '2026-10-31')).toBe(18);
    expect(workingDaysBetween(PLAIN, '2026-10-01', '2026-10-31')).toBe(22);
    for (let d = 1; d <= 7; d++) expect(isWorkingDay(CN, `2026-10-0${d}`)).toBe(false);
    expect(isWorkingDay(CN, '2026-10-10')).toBe(true); // Saturday
    expect(isWorkingDay(CN, '2026-10-11')).toBe(false); // an ordinary Sunday
  });

  it('works Sunday 20 September for National Day and takes Mid-Autumn (Friday 25) off', () => {
    expect(isWorkingDay(CN, '2026-09-20')).toBe(true);
    expect(isWorkingDay(CN, '2026-09-25')).toBe(false);
    // 22 weekdays in September, less the 25th, plus Sunday the 20th.
    expect(workingDaysBetween(CN, '2026-09-01', '2026-09-30')).toBe(22);
  });

  it('takes the Spring Festival block (15-23 February) off and works Saturdays 14 and 28 February: 16 working days', () => {
    expect(workingDaysBetween(CN, '2026-02-01', '2026-02-28')).toBe(16);
    expect(workingDaysBetween(PLAIN, '2026-02-01', '2026-02-28')).toBe(20);
    expect(isWorkingDay(CN, '2026-02-14')).toBe(true);
    expect(isWorkingDay(CN, '2026-02-23')).toBe(false); // a Monday, the block's last day
    expect(isWorkingDay(CN, '2026-02-28')).toBe(true);
  });

  it('lists every date of the notice once, none both a holiday and a working day, all in 2026', () => {
    expect(calendarFileSchema.safeParse(CN_CALENDAR).success).toBe(false); // `years` is not a file key
    const { holidays, workdays } = CN_CALENDAR;
    expect(calendarFileSchema.safeParse({ holidays, workdays }).success).toBe(true);
    expect(new Set(holidays).size).toBe(holidays.length);
    expect(holidays).toHaveLength(33); // 3 + 9 + 3 + 5 + 3 + 3 + 7
    expect(workdays).toEqual(['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10']);
    expect([...holidays, ...workdays].every((d) => d.startsWith('2026-'))).toBe(true);
  });
});

describe('calendarPosition()', () => {
  it('counts what is left of the month and of the ISO week, and the part of the week in this month', () => {
    // Wednesday 30 September: the week runs to Sunday 4 October, a holiday stretch.
    expect(calendarPosition(CN, '2026-09-30')).toEqual({
      working: true,
      holiday: false,
      monthLeft: 1,
      weekLeft: 1,
      weekLeftInMonth: 1,
    });
    // Thursday 8 October: 8, 9 and Saturday 10 left this week; 18 - 0 done = 18 in the month.
    expect(calendarPosition(CN, '2026-10-08')).toEqual({
      working: true,
      holiday: false,
      monthLeft: 18,
      weekLeft: 3,
      weekLeftInMonth: 3,
    });
    // Wednesday 28 October: 28-30 in October, none of the week's November days is a working day.
    expect(calendarPosition(PLAIN, '2026-10-28')).toMatchObject({ monthLeft: 3, weekLeft: 3, weekLeftInMonth: 3 });
    // Thursday 29 January 2026: the week runs into February (2 Feb is the next Monday).
    expect(calendarPosition(PLAIN, '2026-01-29')).toMatchObject({ monthLeft: 2, weekLeft: 2, weekLeftInMonth: 2 });
    expect(calendarPosition(CN, '2026-10-01')).toMatchObject({ working: false, holiday: true, monthLeft: 18 });
  });

  it('takes Monday as the first day of the week, across a month and a year end', () => {
    expect(isoWeek('2026-10-01')).toEqual({ monday: '2026-09-28', sunday: '2026-10-04' });
    expect(isoWeek('2027-01-01')).toEqual({ monday: '2026-12-28', sunday: '2027-01-03' });
    expect(isoWeek('2026-10-05')).toEqual({ monday: '2026-10-05', sunday: '2026-10-11' });
    expect(isoWeek('2026-10-11')).toEqual({ monday: '2026-10-05', sunday: '2026-10-11' });
  });
});

describe('calendarFileSchema', () => {
  it('accepts holidays alone (workdays default to none)', () => {
    expect(calendarFileSchema.parse({ holidays: ['2026-12-25'] })).toEqual({ holidays: ['2026-12-25'], workdays: [] });
  });

  it.each([
    ['a date that does not exist', { holidays: ['2026-02-30'] }, 'holidays.0'],
    ['a date in another format', { holidays: ['25/12/2026'] }, 'holidays.0'],
    ['a list that is a string', { holidays: '2026-12-25' }, 'holidays'],
    ['a day both a holiday and a working day', { holidays: ['2026-12-25'], workdays: ['2026-12-25'] }, 'workdays.0'],
    ['an unknown key', { holidays: [], workday: ['2026-12-26'] }, ''],
    ['no holidays key', { workdays: [] }, 'holidays'],
  ])('rejects %s, naming where', (_what, file, path) => {
    const parsed = calendarFileSchema.safeParse(file);
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues[0]!.path.join('.')).toBe(path);
  });
});
