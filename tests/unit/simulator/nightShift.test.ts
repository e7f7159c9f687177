import { describe, expect, it, vi } from 'vitest';
import { foldByQuarterHour } from '../../../shared/domain/quarterHourRuns';
import { emptyFloor } from '../../../shared/domain/repState';
import { createLocalTime, HOUR_MS, MINUTE_MS } from '../../../shared/time';
import { isFault, type SimEvent } from '../../../server/dev/simulator/events';
import { pastDayEvents } from '../../../server/dev/simulator/history';
import { createFloorModel } from '../../../server/dev/simulator/model';
import {
  formatShift,
  parseShift,
  resolveStart,
  shiftAround,
  shiftSettings,
  todayAt,
} from '../../../server/dev/simulator/shift';

vi.setConfig({ testTimeout: 30_000 });

// 21:00-05:00 with the business day starting at 06:00.
const NIGHT = { startMinute: 21 * 60, endMinute: 29 * 60, dayStartMinute: 6 * 60 };
const ZONE = 'Asia/Shanghai'; // UTC+8, no daylight saving
// 02:00 on 2026-03-06 in Shanghai: the night of the business day 2026-03-05.
const NIGHT_0200 = Date.UTC(2026, 2, 5, 18, 0);
const SHIFT_START = Date.UTC(2026, 2, 5, 13, 0); // 21:00 on the 5th in Shanghai
const SHIFT_END = SHIFT_START + 8 * HOUR_MS; // 05:00 on the 6th

describe('night shift settings', () => {
  it('reads an overnight shift as the server does, the end the next morning', () => {
    expect(parseShift('21:00', '05:00', '06:00')).toEqual({ ok: true, shift: NIGHT });
    expect(
      shiftSettings(
        {},
        { FLOORBOARD_SHIFT_START: '21:00', FLOORBOARD_SHIFT_END: '05:00', FLOORBOARD_DAY_START: '06:00' },
        ZONE,
      ),
    ).toEqual(NIGHT);
    expect(shiftSettings({ shift: '21:00-05:00', dayStart: '06:00' }, {}, ZONE)).toEqual(NIGHT);
    // Flags win over the variables; the day shift stays as it was.
    expect(
      shiftSettings({ shift: '21:00-05:00' }, { FLOORBOARD_SHIFT_START: '08:00', FLOORBOARD_DAY_START: '06:00' }, ZONE),
    ).toEqual(NIGHT);
    expect(shiftSettings({}, {}, 'UTC')).toEqual({ startMinute: 540, endMinute: 1080, dayStartMinute: 0 });
    expect(formatShift(NIGHT)).toEqual({ start: '21:00', end: '05:00', dayStart: '06:00' });
  });

  it('refuses what the server refuses, with a message naming the fix', () => {
    expect(() => shiftSettings({ shift: '21:00-05:00' }, {}, ZONE)).toThrow(
      /--shift\/--day-start: .*set --day-start to a time outside the shift/,
    );
    expect(() => shiftSettings({}, { FLOORBOARD_SHIFT_START: '21:00', FLOORBOARD_SHIFT_END: '05:00' }, ZONE)).toThrow(
      /^FLOORBOARD_SHIFT_START\/END\/DAY_START: the shift 21:00-05:00 runs over the business day start 00:00/,
    );
    expect(() => shiftSettings({ shift: '21:00' }, {}, ZONE)).toThrow(/--shift must be HH:MM-HH:MM/);
    expect(() => shiftSettings({ shift: '25:00-05:00', dayStart: '06:00' }, {}, ZONE)).toThrow(/HH:MM/);
    expect(() => shiftSettings({ shift: '09:00-09:00' }, {}, ZONE)).toThrow(/has no length/);
    expect(() => shiftSettings({ dayStart: '06:10' }, {}, ZONE)).toThrow(/quarter hour/);
    expect(() => shiftSettings({ dayStart: 'six' }, {}, ZONE)).toThrow(/quarter hour/);
    // 01:30 in New York comes twice on the night the clocks go back.
    expect(() => shiftSettings({ shift: '09:00-18:00', dayStart: '01:30' }, {}, 'America/New_York')).toThrow(/repeats/);
  });
});

describe('night shift start', () => {
  it('finds the shift start of the business day, the evening before after midnight', () => {
    expect(todayAt(NIGHT_0200, ZONE, NIGHT.startMinute, NIGHT.dayStartMinute)).toBe(SHIFT_START);
    expect(resolveStart(NIGHT_0200, ZONE, NIGHT, 'shift')).toEqual({
      startAt: SHIFT_START,
      shiftStartAt: SHIFT_START,
      shiftMinutes: 480,
    });
    // At 02:00 the demo is inside the shift: breaks line up with the server's day.
    expect(resolveStart(NIGHT_0200, ZONE, NIGHT, 'now')).toEqual({
      startAt: NIGHT_0200,
      shiftStartAt: SHIFT_START,
      shiftMinutes: 480,
    });
    expect(shiftAround(NIGHT_0200, ZONE, NIGHT)).toBe(NIGHT);
  });

  it('moves the demo shift around now outside the night, inside the business day', () => {
    const noon = SHIFT_START - 9 * HOUR_MS; // 12:00 on the 5th
    expect(shiftAround(noon, ZONE, NIGHT)).toEqual({ startMinute: 10 * 60, endMinute: 18 * 60, dayStartMinute: 360 });
    const lateNight = SHIFT_END + 10 * MINUTE_MS; // 05:10: the day ends at 06:00
    const moved = shiftAround(lateNight, ZONE, NIGHT);
    expect(moved).toEqual({ startMinute: 27 * 60, endMinute: 30 * 60 - 1, dayStartMinute: 360 });
    // What the demo hands its server parses back to the same shift.
    const text = formatShift(moved);
    expect(parseShift(text.start, text.end, text.dayStart)).toEqual({ ok: true, shift: moved });
  });
});

describe('a night on the simulated floor', () => {
  const business = createLocalTime(ZONE, NIGHT.dayStartMinute);
  const calendar = createLocalTime(ZONE);

  it('plays 21:00-05:00 as one business day: none before the start, logouts at the end', () => {
    const start = resolveStart(NIGHT_0200, ZONE, NIGHT, 'shift');
    const model = createFloorModel({ reps: 20, teams: 2, seed: 5, ...start });
    const events = model.nextEvents(SHIFT_END + 2 * HOUR_MS).filter((e): e is SimEvent => !isFault(e));
    expect(model.done).toBe(true);
    expect(events.length).toBeGreaterThan(5000);
    expect(new Set(events.map((e) => business.dayOf(e.at)))).toEqual(new Set(['2026-03-05']));
    // It did run over midnight: on the calendar the night is two dates.
    expect(new Set(events.map((e) => calendar.dayOf(e.at)))).toEqual(new Set(['2026-03-05', '2026-03-06']));
    expect(Math.min(...events.map((e) => e.at))).toBeGreaterThanOrEqual(SHIFT_START);
    const logouts = events.filter((e) => e.type === 'rep.logout');
    expect(logouts).toHaveLength(20);
    for (const logout of logouts) {
      expect(logout.at).toBeGreaterThanOrEqual(SHIFT_END - 6 * MINUTE_MS);
      // After the call in hand (a long one runs up to 45 min), and before the next day starts at 06:00.
      expect(logout.at).toBeLessThanOrEqual(SHIFT_END + 45 * MINUTE_MS);
      const last = events.filter((e) => e.rep === logout.rep).at(-1);
      expect(last).toBe(logout);
    }
  });

  it('seeds a past night as one business day, from its 21:00', () => {
    const o = { reps: 10, teams: 2, seed: 9, timeZone: ZONE, shift: NIGHT };
    const { shiftStartAt, events } = pastDayEvents(o, '2026-03-04', 0);
    expect(shiftStartAt).toBe(SHIFT_START - 24 * HOUR_MS); // 21:00 on the 4th
    expect(events.length).toBeGreaterThan(1000);
    expect(new Set(events.map((e) => business.dayOf(e.at)))).toEqual(new Set(['2026-03-04']));
    expect(new Set(events.map((e) => calendar.dayOf(e.at)))).toEqual(new Set(['2026-03-04', '2026-03-05']));
    expect(Math.min(...events.map((e) => e.at))).toBeGreaterThanOrEqual(shiftStartAt);
    expect(events.filter((e) => e.type === 'rep.logout')).toHaveLength(10);
    // Folded as seedHistory folds it (the server's rules): the whole night stays on the 4th.
    const fold = (dayOf: (at: number) => string) =>
      foldByQuarterHour({ ...emptyFloor(), day: '2026-03-04' }, events, { effectiveCallMs: 60_000, dayOf });
    const night = fold(business.dayOf);
    expect(night.day).toBe('2026-03-04');
    expect(night.applied).toBe(events.length);
    expect(fold(calendar.dayOf).day).toBe('2026-03-05'); // by the calendar it would roll over at midnight
  });

  it('seeds a day shift as before (the day start defaults to midnight)', () => {
    const o = { reps: 5, teams: 1, seed: 9, timeZone: ZONE, shift: { startMinute: 540, endMinute: 1080 } };
    const { shiftStartAt, events } = pastDayEvents(o, '2026-03-04', 0);
    expect(shiftStartAt).toBe(Date.UTC(2026, 2, 4, 1, 0)); // 09:00 in Shanghai
    expect(new Set(events.map((e) => calendar.dayOf(e.at)))).toEqual(new Set(['2026-03-04']));
  });
});
