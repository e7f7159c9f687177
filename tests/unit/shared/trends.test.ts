import { describe, expect, it } from 'vitest';
import { emptyFloor, type FloorState } from '../../../shared/domain/repState';
import { foldByQuarterHour } from '../../../shared/domain/quarterHourRuns';
import {
  buildTrends,
  emptyDayTrend,
  funnelOf,
  topRefusals,
  withOpenStatuses,
  type DayTrend,
} from '../../../shared/domain/trends';
import type { CallEvent } from '../../../shared/events/callEvent';
import { createLocalTime, MINUTE_MS, type DayKey } from '../../../shared/time';
import { createTrendRecorder } from '../../../server/trends/trendRecorder';
import { createEventBuilder, foldRules } from '../../support/builders';

// Kolkata is UTC+05:30: local quarter hours start at :00/:15/:30/:45 UTC too, but days and
// hours differ from UTC, so a UTC-minded bucketing would fail here.
const ZONE = 'Asia/Kolkata';
const local = createLocalTime(ZONE);
const DAY = '2026-03-18';
const at = (hh: number, mm: number, ss = 0) => Date.UTC(2026, 2, 18, hh, mm, ss) - 330 * MINUTE_MS;
const bucket = (hh: number, mm: number) => (hh * 60 + mm) / 15;

function recorder() {
  const rec = createTrendRecorder({ rules: foldRules(ZONE), localTime: local });
  let state: FloorState = emptyFloor();
  return {
    rec,
    apply: (events: CallEvent[]) => (state = foldByQuarterHour(state, events, foldRules(ZONE), rec.record)),
    state: () => state,
  };
}

describe('trend recorder', () => {
  it('buckets dials, connects and revenue by local quarter hour, also inside one batch', () => {
    const b = createEventBuilder({ start: at(9, 0) });
    const { rec, apply, state } = recorder();
    apply([
      b.login('r1', { team: 't1', at: at(9, 0) }),
      ...b.callSequence('r1', 'c1', { at: at(9, 7), talkMs: 90_000, outcome: 'sale', amount: 300 }),
      ...b.callSequence('r1', 'c2', { at: at(9, 14, 58), talkMs: 30_000, outcome: 'refused', reason: 'price' }),
      ...b.callSequence('r1', 'c3', { at: at(10, 29), outcome: 'no_answer' }),
    ]);
    const t = rec.trend(null);
    expect(local.dayOf(at(9, 0))).toBe(DAY);
    expect(t.dials[bucket(9, 0)]).toBe(2);
    // c2 was answered at 09:15:03, but a call's counts belong to its dial's quarter hour (09:14:58).
    expect(t.connects[bucket(9, 0)]).toBe(2);
    expect(t.connects[bucket(9, 15)]).toBe(0);
    expect(t.revenue[bucket(9, 0)]).toBe(300);
    expect(t.dials[bucket(10, 15)]).toBe(1);
    expect(t.dials.reduce((a, n) => a + n, 0)).toBe(state().reps.get('r1')!.dials);
    expect(rec.day()).toBe(DAY);
  });

  it("puts a call's counts in its dial's quarter hour whatever order its events arrive in", () => {
    const b = createEventBuilder({ start: at(9, 0) });
    const events = [
      b.login('r1', { team: 't1', at: at(9, 0) }),
      ...b.callSequence('r1', 'c1', { at: at(9, 14, 50), talkMs: 600_000, outcome: 'sale', amount: 250 }),
    ];
    const inOrder = recorder();
    inOrder.apply(events);
    // The answer, hangup and outcome (09:15 to 09:25) reach the stream before the dial (09:14:50).
    const late = recorder();
    const [login, dial, ...rest] = events;
    late.apply([login!, ...rest.map((e, i) => ({ ...e, id: `${at(9, 30) + i}-0` }))]);
    late.apply([{ ...dial!, id: `${at(9, 40)}-0` }]);
    for (const { rec } of [inOrder, late]) {
      const t = rec.trend(null);
      expect([t.dials[bucket(9, 0)], t.connects[bucket(9, 0)], t.revenue[bucket(9, 0)]]).toEqual([1, 1, 250]);
      expect(t.dials.reduce((a, n) => a + n, 0)).toBe(1);
      expect(t.connects.reduce((a, n) => a + n, 0)).toBe(1);
    }
  });

  it('counts a re-delivered event once', () => {
    const b = createEventBuilder({ start: at(9, 0) });
    const { rec, apply } = recorder();
    const call = b.callSequence('r1', 'c1', { at: at(9, 5), talkMs: 60_000, outcome: 'sale', amount: 100 });
    apply([b.login('r1', { at: at(9, 0) }), ...call]);
    apply(b.restamp(call)); // the same events again, later in the stream
    apply([b.redeliver(call[0]!), b.redeliver(call[3]!)]);
    const t = rec.trend(null);
    expect(t.dials.reduce((a, n) => a + n, 0)).toBe(1);
    expect(t.revenue.reduce((a, n) => a + n, 0)).toBe(100);
  });

  it('places status time in the quarter hours it was spent', () => {
    const b = createEventBuilder({ start: at(9, 0) });
    const { rec, apply } = recorder();
    apply([b.login('r1', { at: at(9, 0) })]);
    apply([b.pause('r1', 'lunch', { at: at(9, 10) }), b.ready('r1', { at: at(9, 40) })]);
    const mix = rec.trend(null).statusMs;
    expect(mix.available[bucket(9, 0)]).toBe(10 * MINUTE_MS);
    expect(mix.paused.slice(bucket(9, 0), bucket(9, 45))).toEqual([5, 15, 10].map((m) => m * MINUTE_MS));
  });

  it('keeps teams apart and sums them for the floor', () => {
    const b = createEventBuilder({ start: at(9, 0) });
    const { rec, apply } = recorder();
    apply([
      b.login('r1', { team: 't1', at: at(9, 0) }),
      b.login('r2', { team: 't2', at: at(9, 0) }),
      b.login('r3', { at: at(9, 0) }),
      ...b.callSequence('r1', 'c1', { at: at(9, 1) }),
      ...b.callSequence('r2', 'c2', { at: at(9, 2) }),
      ...b.callSequence('r2', 'c3', { at: at(9, 3) }),
      ...b.callSequence('r3', 'c4', { at: at(9, 4) }),
    ]);
    expect(rec.trend('t1').dials[bucket(9, 0)]).toBe(1);
    expect(rec.trend('t2').dials[bucket(9, 0)]).toBe(2);
    expect(rec.trend('nobody').dials[bucket(9, 0)]).toBe(0);
    expect(rec.trend(null).dials[bucket(9, 0)]).toBe(4);
  });

  it('closes the day at local midnight and saves both days', async () => {
    const b = createEventBuilder({ start: at(23, 50) });
    const { rec, apply } = recorder();
    apply([b.login('r1', { at: at(23, 50) }), ...b.callSequence('r1', 'c1', { at: at(23, 55) })]);
    apply(b.callSequence('r1', 'c2', { at: at(23, 55) + 10 * MINUTE_MS }));
    const saved = new Map<DayKey, ReadonlyMap<string, DayTrend>>();
    await rec.save({ save: async (day, teams) => void saved.set(day, teams) });
    expect([...saved.keys()]).toEqual([DAY, '2026-03-19']);
    expect(saved.get(DAY)!.get('~')!.dials[95]).toBe(1);
    expect(saved.get('2026-03-19')!.get('~')!.dials[0]).toBe(1);
  });
});

describe('trend shaping', () => {
  it('adds open statuses up to now, from the day start at the earliest', () => {
    const open = withOpenStatuses(
      emptyDayTrend(),
      [
        { status: 'on_call', statusSince: at(9, 10) },
        { status: 'offline', statusSince: at(9, 0) },
        { status: 'paused', statusSince: at(0, 0) - 60 * MINUTE_MS },
      ],
      at(0, 0),
      at(9, 20),
      local.minuteOfDay,
    );
    expect(open.statusMs.on_call.slice(bucket(9, 0), bucket(9, 30))).toEqual([5 * MINUTE_MS, 5 * MINUTE_MS]);
    expect(open.statusMs.paused.reduce((a, n) => a + n, 0)).toBe((9 * 60 + 20) * MINUTE_MS);
  });

  it('funnel steps in order, refusal reasons top 8 by count then reason', () => {
    expect(funnelOf({ dials: 9, connects: 5, effectiveCalls: 4, leads: 2, deals: 1 }).map((s) => s.value)).toEqual([
      9, 5, 4, 2, 1,
    ]);
    const reasons = 'abcdefghij'.split('').map((reason, i) => ({ reason, count: i % 3 }));
    const top = topRefusals([
      { refusals: reasons },
      {
        refusals: [
          { reason: 'price', count: 4 },
          { reason: 'b', count: 1 },
        ],
      },
    ]);
    expect(top).toHaveLength(8);
    expect(top.slice(0, 4)).toEqual([
      { reason: 'price', count: 4 },
      { reason: 'b', count: 2 },
      { reason: 'c', count: 2 },
      { reason: 'f', count: 2 },
    ]);
  });

  it('builds series over the shift with a pace line and no future values', () => {
    const today = emptyDayTrend();
    today.dials[bucket(8, 0)] = 3; // before the shift: widens the range
    today.revenue[bucket(8, 0)] = 100;
    today.revenue[bucket(9, 15)] = 200;
    const lastWeek = emptyDayTrend();
    lastWeek.dials[bucket(9, 0)] = 7;
    const trends = buildTrends({
      day: DAY,
      team: null,
      now: at(9, 20),
      nowMinute: 9 * 60 + 20,
      shift: { startMinute: 9 * 60, endMinute: 10 * 60 },
      today,
      lastWeek: { day: '2026-03-11', trend: lastWeek },
      reps: [],
      totals: {
        dials: 3,
        connects: 0,
        effectiveCalls: 0,
        leads: 0,
        deals: 0,
        targets: { ...emptyDayTrendTargets(), revenue: 1000 },
      },
    });
    expect(trends.minutes).toEqual([480, 495, 510, 525, 540, 555, 570, 585]);
    expect(trends.dials).toEqual([3, 0, 0, 0, 0, 0, null, null]);
    expect(trends.lastWeek?.dials).toEqual([0, 0, 0, 0, 7, 0, 0, 0]);
    expect(trends.revenue.actual).toEqual([100, 100, 100, 100, 100, 300, null, null]);
    expect(trends.revenue.pace).toEqual([0, 0, 0, 0, 250, 500, 750, 1000]);
  });
});

function emptyDayTrendTargets() {
  return { dials: 0, effectiveCalls: 0, talkMinutes: 0, leads: 0, deals: 0, revenue: 0 };
}
