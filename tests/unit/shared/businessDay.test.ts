import { describe, expect, it } from 'vitest';
import { evaluateAlerts } from '../../../shared/domain/alerts';
import { DEFAULT_ALERT_THRESHOLDS, type AlertSettings } from '../../../shared/domain/alertTypes';
import { startOfDay } from '../../../shared/domain/day';
import { endDay } from '../../../shared/domain/fold';
import { summarize, toRepView } from '../../../shared/domain/floorView';
import { buildLeaderboard } from '../../../shared/domain/leaderboard';
import {
  businessShift,
  formatClockTime,
  preciseMinute,
  repPace,
  shiftFraction,
  type DailyTargets,
} from '../../../shared/domain/targets';
import { bucketOfMinute, buildTrends, emptyDayTrend } from '../../../shared/domain/trends';
import type { CallEvent } from '../../../shared/events/callEvent';
import { createLocalTime, HOUR_MS, MINUTE_MS, type EpochMs } from '../../../shared/time';
import { createEventBuilder } from '../../support/builders';
import { countersOf, foldEach, repOf } from './foldSupport';

// A Shanghai floor (UTC+8, no DST) calling another continent at night: the business day starts at
// 06:00 and the shift runs 21:00-05:00. Local 21:00 on 2 March 2026 is 13:00 UTC.
const ZONE = 'Asia/Shanghai';
const DAY_START = 6 * 60;
const local = createLocalTime(ZONE, DAY_START);
const rules = { effectiveCallMs: 60_000, dayOf: local.dayOf };
const at = (day: number, hh: number, mm = 0) => Date.UTC(2026, 2, day, hh - 8, mm);
const made = businessShift('21:00', '05:00', DAY_START);
if (!made.ok) throw new Error(made.error);
const SHIFT = made.shift;
const TARGETS: DailyTargets = { dials: 16, effectiveCalls: 4, talkMinutes: 60, leads: 2, deals: 2, revenue: 1000 };

/** Ann and Bob dial every half hour from 21:00 to 04:30; Ann sells at 23:50 and 00:10, Bob at 00:20. */
function nightEvents() {
  const b = createEventBuilder({ start: at(2, 21) });
  const events: CallEvent[] = [
    b.login('ann', { name: 'Ann', team: 'night', at: at(2, 21) }),
    b.login('bob', { name: 'Bob', team: 'night', at: at(2, 21) }),
  ];
  const sales = [
    { rep: 'ann', call: 'sale-1', at: at(2, 23, 50), amount: 300 },
    { rep: 'ann', call: 'sale-2', at: at(3, 0, 10), amount: 200 },
    { rep: 'bob', call: 'sale-3', at: at(3, 0, 20), amount: 400 },
  ];
  // Built in time order: the fold drops an entry whose stream id is not after the last one.
  for (let half = 0; half < 16; half++) {
    const dialAt = at(2, 21, 1) + half * 30 * MINUTE_MS;
    for (const sale of sales.filter((x) => x.at < dialAt && x.at >= dialAt - 30 * MINUTE_MS))
      events.push(...b.callSequence(sale.rep, sale.call, { ...sale, talkMs: 2 * MINUTE_MS, outcome: 'sale' }));
    events.push(b.dial('ann', `a${half}`, { at: dialAt }), b.dial('bob', `b${half}`, { at: dialAt + 1000 }));
  }
  return events;
}

describe('createLocalTime() with a business-day start', () => {
  it('gives the business date and minutes in [dayStart, dayStart + 1440)', () => {
    expect([local.dayOf(at(2, 6)), local.minuteOfDay(at(2, 6))]).toEqual(['2026-03-02', 360]);
    expect([local.dayOf(at(2, 21)), local.minuteOfDay(at(2, 21))]).toEqual(['2026-03-02', 1260]);
    expect([local.dayOf(at(2, 23, 59)), local.minuteOfDay(at(2, 23, 59))]).toEqual(['2026-03-02', 1439]);
    expect([local.dayOf(at(3, 0, 0)), local.minuteOfDay(at(3, 0, 0))]).toEqual(['2026-03-02', 1440]);
    expect([local.dayOf(at(3, 5, 59)), local.minuteOfDay(at(3, 5, 59))]).toEqual(['2026-03-02', 1799]);
    expect([local.dayOf(at(3, 6) - 1), local.minuteOfDay(at(3, 6) - 1)]).toEqual(['2026-03-02', 1799]);
    expect([local.dayOf(at(3, 6)), local.minuteOfDay(at(3, 6))]).toEqual(['2026-03-03', 360]);
    // Month and year ends: 02:00 on 1 January belongs to 31 December.
    expect(local.dayOf(Date.UTC(2026, 11, 31, 18))).toBe('2026-12-31');
    expect(local.dayOf(Date.UTC(2026, 11, 31, 21, 59))).toBe('2026-12-31');
    expect(local.dayOf(Date.UTC(2026, 11, 31, 22))).toBe('2027-01-01');
  });

  it('is exact to the minute for a day start off the quarter hour', () => {
    const odd = createLocalTime('UTC', 6 * 60 + 5);
    expect(odd.dayOf(Date.UTC(2026, 2, 3, 6, 4, 59))).toBe('2026-03-02');
    expect(odd.minuteOfDay(Date.UTC(2026, 2, 3, 6, 4, 59))).toBe(1440 + 364);
    expect(odd.dayOf(Date.UTC(2026, 2, 3, 6, 5))).toBe('2026-03-03');
    expect(odd.minuteOfDay(Date.UTC(2026, 2, 3, 6, 5))).toBe(365);
  });

  it('starts each business day at the day start, so the day is 23 or 25 hours on a DST change (New York)', () => {
    const ny = createLocalTime('America/New_York', DAY_START);
    // 2026: DST starts Sunday 8 March at 02:00 (EST -5 to EDT -4), ends Sunday 1 November at 02:00.
    const sat7 = startOfDay(Date.UTC(2026, 2, 7, 20), ny.dayOf); // 15:00 EST on the 7th
    const sun8 = startOfDay(Date.UTC(2026, 2, 8, 20), ny.dayOf); // 16:00 EDT on the 8th
    expect(sat7).toBe(Date.UTC(2026, 2, 7, 11)); // 06:00 EST
    expect(sun8).toBe(Date.UTC(2026, 2, 8, 10)); // 06:00 EDT
    expect((sun8 - sat7) / HOUR_MS).toBe(23);
    // 03:30 EDT on the 8th (after the change) still belongs to the 7th, at minute 1440 + 210.
    expect(ny.dayOf(Date.UTC(2026, 2, 8, 7, 30))).toBe('2026-03-07');
    expect(ny.minuteOfDay(Date.UTC(2026, 2, 8, 7, 30))).toBe(1440 + 210);
    expect(ny.dayOf(sun8 - 1)).toBe('2026-03-07');
    expect(ny.dayOf(sun8)).toBe('2026-03-08');

    const sat31 = startOfDay(Date.UTC(2026, 9, 31, 20), ny.dayOf);
    const sunNov1 = startOfDay(Date.UTC(2026, 10, 1, 20), ny.dayOf);
    expect(sat31).toBe(Date.UTC(2026, 9, 31, 10)); // 06:00 EDT
    expect(sunNov1).toBe(Date.UTC(2026, 10, 1, 11)); // 06:00 EST
    expect((sunNov1 - sat31) / HOUR_MS).toBe(25);
    // The repeated hour 01:00-02:00 is the same business day both times.
    expect(ny.dayOf(Date.UTC(2026, 10, 1, 5, 30))).toBe('2026-10-31'); // 01:30 EDT
    expect(ny.dayOf(Date.UTC(2026, 10, 1, 6, 30))).toBe('2026-10-31'); // 01:30 EST
  });

  it('keeps local midnight as the day start by default', () => {
    const plain = createLocalTime(ZONE);
    expect(plain.dayStartMinute).toBe(0);
    expect([plain.dayOf(at(3, 0, 10)), plain.minuteOfDay(at(3, 0, 10))]).toEqual(['2026-03-03', 10]);
    expect(startOfDay(at(3, 12), plain.dayOf)).toBe(at(3, 0));
  });
});

describe('businessShift()', () => {
  it('accepts a shift ending after midnight when the day starts outside it', () => {
    expect(SHIFT).toEqual({ startMinute: 1260, endMinute: 1740, dayStartMinute: DAY_START });
    expect(businessShift('21:00', '06:00', DAY_START)).toEqual({
      ok: true,
      shift: { startMinute: 1260, endMinute: 1800, dayStartMinute: DAY_START },
    });
    expect(businessShift('06:00', '18:00', DAY_START)).toMatchObject({ ok: true, shift: { startMinute: 360 } });
    expect(businessShift('09:00', '18:00')).toEqual({
      ok: true,
      shift: { startMinute: 540, endMinute: 1080, dayStartMinute: 0 },
    });
    // Ending at midnight is the end of the day, not its start.
    expect(businessShift('18:00', '00:00')).toMatchObject({ ok: true, shift: { startMinute: 1080, endMinute: 1440 } });
  });

  it('refuses a shift that runs over the day start, has no length or is no time', () => {
    const over = businessShift('21:00', '05:00');
    expect(over.ok).toBe(false);
    expect(!over.ok && over.error).toMatch(/business day start 00:00.*FLOORBOARD_DAY_START/);
    expect(businessShift('05:00', '07:00', DAY_START).ok).toBe(false);
    expect(businessShift('18:00', '09:00').ok).toBe(false);
    expect(businessShift('21:00', '21:00', DAY_START)).toMatchObject({ ok: false, error: /no length/ });
    expect(businessShift('25:00', '05:00', DAY_START)).toMatchObject({ ok: false, error: /HH:MM/ });
  });

  it('shows business minutes past 24:00 as clock times', () => {
    expect(formatClockTime(1500)).toBe('01:00');
    expect(formatClockTime(1440)).toBe('00:00');
    expect(formatClockTime(1260)).toBe('21:00');
  });
});

describe('a night shift 21:00-05:00 with the day starting at 06:00', () => {
  it('folds events from 21:00 to 05:00 into one business day; the day changes at 06:00, not midnight', () => {
    const state = foldEach(nightEvents(), rules);
    expect(state.day).toBe('2026-03-02');
    expect(countersOf(repOf(state, 'ann'))).toMatchObject({ dials: 18, deals: 2, revenue: 500 });
    expect(countersOf(repOf(state, 'bob'))).toMatchObject({ dials: 17, deals: 1, revenue: 400 });

    // The day closes at 06:00: its totals are the whole night's; the next event starts afresh.
    const dayEnd = startOfDay(at(3, 6), rules.dayOf);
    expect(dayEnd).toBe(at(3, 6));
    const closed = endDay(state, dayEnd, rules);
    expect(summarize([...closed.reps.values()].map((r) => toRepView(r, TARGETS))).totals).toMatchObject({
      dials: 35,
      deals: 3,
      revenue: 900,
    });
    const b = createEventBuilder({ start: at(3, 5, 59) });
    const late = foldEach([b.dial('ann', 'late', { at: at(3, 5, 59) })], rules, state);
    expect(late.day).toBe('2026-03-02');
    expect(repOf(late, 'ann').dials).toBe(19);
    const morning = foldEach([b.dial('ann', 'next', { at: at(3, 6) })], rules, late);
    expect(morning.day).toBe('2026-03-03');
    expect(countersOf(repOf(morning, 'ann'))).toMatchObject({ dials: 1, deals: 0, revenue: 0 });
  });

  it('day totals, pace and the leaderboard agree across midnight', () => {
    const events = nightEvents();
    const upTo = (t: EpochMs) =>
      foldEach(
        events.filter((e) => e.at <= t),
        rules,
      );
    const views = (t: EpochMs) => [...upTo(t).reps.values()].map((r) => toRepView(r, TARGETS));
    const before = views(at(2, 23, 59));
    const after = views(at(3, 0, 30));
    // Nothing resets at midnight: figures only grow.
    const totals = (v: typeof before) => summarize(v).totals;
    expect(totals(before)).toMatchObject({ dials: 13, deals: 1, revenue: 300 });
    expect(totals(after)).toMatchObject({ dials: 17, deals: 3, revenue: 900 });

    // Pace: the shift elapses continuously through midnight (179/480, then 210/480 of it).
    const fraction = (t: EpochMs) => shiftFraction(SHIFT, preciseMinute(local.minuteOfDay(t), t));
    expect(fraction(at(2, 23, 59))).toBeCloseTo(179 / 480, 9);
    expect(fraction(at(3, 0, 30))).toBeCloseTo(210 / 480, 9);
    expect(fraction(at(3, 1))).toBe(0.5);
    expect(fraction(at(3, 5))).toBe(1);
    expect(fraction(at(2, 20))).toBe(0);
    const ann = after.find((v) => v.id === 'ann')!;
    expect(repPace(ann, fraction(at(3, 0, 30))).revenue).toBeCloseTo(500 / ((1000 * 210) / 480), 9);

    // The leaderboard ranks the whole night: Ann's sale before midnight still counts after it.
    const board = (v: typeof before) =>
      buildLeaderboard(
        v.map((r) => ({ ...r, rep: r.id, revenueTarget: r.targets.revenue })),
        'revenue',
      ).rows.map((r) => [r.rep, r.value]);
    expect(board(before)).toEqual([
      ['ann', 300],
      ['bob', 0],
    ]);
    expect(board(after)).toEqual([
      ['ann', 500],
      ['bob', 400],
    ]);
  });

  it('raises behind_pace after its clock time past midnight and not_logged_in after the shift start', () => {
    const settings: AlertSettings = {
      floor: { ...DEFAULT_ALERT_THRESHOLDS, behindPaceAfter: '01:00', behindPacePercent: 30, notLoggedInMinutes: 15 },
      teams: {},
    };
    const state = foldEach(
      nightEvents().filter((e) => e.rep === 'ann' && e.at <= at(2, 21, 1)),
      rules,
    );
    const reps = [...state.reps.values()].map((r) => toRepView(r, { ...TARGETS, dials: 100 }));
    const roster = [
      { rep: 'ann', team: 'night' },
      { rep: 'cat', team: 'night' },
    ];
    const alertsAt = (t: EpochMs) =>
      evaluateAlerts(
        reps,
        { now: t, localMinute: preciseMinute(local.minuteOfDay(t), t), day: local.dayOf(t), shift: SHIFT, roster },
        settings,
      ).map((a) => a.id);
    // 23:00: behind on dials, but pace is checked from 01:00 (the next morning), not "already past 01:00".
    expect(alertsAt(at(2, 23))).toEqual(['not_logged_in:cat:2026-03-02']);
    expect(alertsAt(at(2, 21, 14))).toEqual([]);
    expect(alertsAt(at(3, 0, 59))).toEqual(['not_logged_in:cat:2026-03-02']);
    expect(alertsAt(at(3, 1))).toEqual(['behind_pace:ann:2026-03-02', 'not_logged_in:cat:2026-03-02']);
    // After the shift (05:00) nothing about the shift holds.
    expect(alertsAt(at(3, 5, 30))).toEqual([]);
  });

  it('buckets the trends by quarter hour across midnight, the axis running from the shift start', () => {
    const trend = emptyDayTrend();
    trend.dials[bucketOfMinute(local.minuteOfDay(at(2, 23, 50)))]! += 3; // bucket 95
    trend.dials[bucketOfMinute(local.minuteOfDay(at(3, 0, 10)))]! += 2; // bucket 0
    trend.revenue[95] = 300;
    trend.revenue[0] = 200;
    expect(bucketOfMinute(local.minuteOfDay(at(3, 0, 10)))).toBe(0);
    const now = at(3, 0, 20);
    const out = buildTrends({
      day: '2026-03-02',
      team: null,
      now,
      nowMinute: local.minuteOfDay(now),
      shift: SHIFT,
      today: trend,
      lastWeek: null,
      reps: [],
      totals: { dials: 5, connects: 0, effectiveCalls: 0, leads: 0, deals: 2, targets: TARGETS },
    });
    expect(out.minutes[0]).toBe(1260);
    expect(out.minutes.at(-1)).toBe(1725);
    expect(out.minutes).toHaveLength(32);
    expect(out.minutes.every((m, i) => i === 0 || m - out.minutes[i - 1]! === 15)).toBe(true);
    const i2350 = out.minutes.indexOf(1425);
    const i0010 = out.minutes.indexOf(1440);
    // Now is 00:20: the 00:15 bucket has begun, the 00:30 one not yet.
    expect(out.dials.slice(i2350, i0010 + 3)).toEqual([3, 2, 0, null]);
    expect(out.revenue.actual.slice(i2350, i0010 + 3)).toEqual([300, 500, 500, null]);
    expect(out.revenue.pace.at(-1)).toBe(1000);
    expect(out.revenue.pace[i0010]).toBeCloseTo((1000 * 195) / 480, 1);
  });
});
