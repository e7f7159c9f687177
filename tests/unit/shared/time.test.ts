import { describe, expect, it } from 'vitest';
import { createLocalTime, isKnownTimeZone } from '../../../shared/time';

const MIN = 60_000;

/** Independent local date and minute, straight from Intl without any memo. */
function expectedLocal(timeZone: string, at: number): { day: string; minute: number } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  return { day: `${parts.year}-${parts.month}-${parts.day}`, minute: Number(parts.hour) * 60 + Number(parts.minute) };
}

describe('createLocalTime()', () => {
  it('createLocalTime() gives the UTC date and minute of day in UTC', () => {
    const { dayOf, minuteOfDay } = createLocalTime('UTC');
    expect(dayOf(Date.UTC(2026, 10, 23, 0, 0))).toBe('2026-11-23');
    expect(dayOf(Date.UTC(2026, 10, 23, 23, 59, 59, 999))).toBe('2026-11-23');
    expect(minuteOfDay(Date.UTC(2026, 10, 23, 9, 7, 59))).toBe(547);
    expect(minuteOfDay(Date.UTC(2026, 10, 23, 23, 59))).toBe(1439);
  });

  it('createLocalTime() moves the date at 16:00 UTC in Asia/Shanghai (UTC+8)', () => {
    const { dayOf, minuteOfDay } = createLocalTime('Asia/Shanghai');
    expect(dayOf(Date.UTC(2026, 10, 23, 15, 59))).toBe('2026-11-23');
    expect(minuteOfDay(Date.UTC(2026, 10, 23, 15, 59))).toBe(1439);
    expect(dayOf(Date.UTC(2026, 10, 23, 16, 0))).toBe('2026-11-24');
    expect(minuteOfDay(Date.UTC(2026, 10, 23, 16, 1))).toBe(1);
    expect(minuteOfDay(Date.UTC(2026, 10, 24, 1, 0))).toBe(9 * 60);
  });

  it('createLocalTime() follows America/New_York into daylight saving time (8 Mar 2026)', () => {
    const { dayOf, minuteOfDay } = createLocalTime('America/New_York');
    expect(minuteOfDay(Date.UTC(2026, 2, 8, 6, 59))).toBe(1 * 60 + 59); // 01:59 EST
    expect(minuteOfDay(Date.UTC(2026, 2, 8, 7, 0))).toBe(3 * 60); // 03:00 EDT
    expect(dayOf(Date.UTC(2026, 2, 8, 3, 59))).toBe('2026-03-07'); // 22:59 EST
    expect(dayOf(Date.UTC(2026, 2, 9, 3, 59))).toBe('2026-03-08'); // 23:59 EDT
    expect(dayOf(Date.UTC(2026, 2, 9, 4, 0))).toBe('2026-03-09'); // midnight EDT
  });

  it('createLocalTime() follows America/New_York out of daylight saving time (1 Nov 2026)', () => {
    const { dayOf, minuteOfDay } = createLocalTime('America/New_York');
    expect(minuteOfDay(Date.UTC(2026, 10, 1, 5, 59))).toBe(1 * 60 + 59); // 01:59 EDT
    expect(minuteOfDay(Date.UTC(2026, 10, 1, 6, 0))).toBe(1 * 60); // 01:00 EST, again
    expect(dayOf(Date.UTC(2026, 10, 1, 3, 59))).toBe('2026-10-31'); // 23:59 EDT
    expect(dayOf(Date.UTC(2026, 10, 1, 4, 0))).toBe('2026-11-01'); // midnight EDT
    expect(dayOf(Date.UTC(2026, 10, 2, 4, 59))).toBe('2026-11-01'); // 23:59 EST
    expect(dayOf(Date.UTC(2026, 10, 2, 5, 0))).toBe('2026-11-02'); // midnight EST
  });

  it.each(['UTC', 'Asia/Shanghai', 'America/New_York', 'Europe/London', 'Asia/Kathmandu', 'Australia/Lord_Howe'])(
    'createLocalTime() agrees with Intl at every minute and second of two DST-changing days in %s',
    (zone) => {
      const { dayOf, minuteOfDay } = createLocalTime(zone);
      for (const start of [Date.UTC(2026, 2, 7, 12), Date.UTC(2026, 9, 24, 12), Date.UTC(2026, 9, 31, 12)]) {
        for (let at = start; at < start + 2 * 24 * 60 * MIN; at += 7 * MIN + 13_000) {
          expect({ day: dayOf(at), minute: minuteOfDay(at) }, `${zone} at ${new Date(at).toISOString()}`).toEqual(
            expectedLocal(zone, at),
          );
        }
      }
    },
  );

  it('createLocalTime() gives the same answer on a repeated (memoised) call', () => {
    const { dayOf, minuteOfDay } = createLocalTime('Asia/Shanghai');
    const at = Date.UTC(2026, 10, 23, 15, 59, 30);
    expect([dayOf(at), minuteOfDay(at)]).toEqual([dayOf(at), minuteOfDay(at)]);
    expect(minuteOfDay(at + 30_000)).toBe(0);
  });
});

describe('isKnownTimeZone()', () => {
  it('isKnownTimeZone() accepts IANA zones and rejects unknown names', () => {
    expect(isKnownTimeZone('Asia/Shanghai')).toBe(true);
    expect(isKnownTimeZone('Europe/London')).toBe(true);
    expect(isKnownTimeZone('Mars/Olympus_Mons')).toBe(false);
  });
});
