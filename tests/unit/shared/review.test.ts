import { describe, expect, it } from 'vitest';
import {
  buildReview,
  callbackFigures,
  zeroFigures,
  type ReviewInput,
  type ReviewRepDay,
} from '../../../shared/domain/review';

/** The pure review builder (issue #17): scopes, a week's days summed, "not kept" never zero. */
const TARGETS = { dials: 100, effectiveCalls: 20, talkMinutes: 60, leads: 4, deals: 2, revenue: 1000 };
const H = 3_600_000;

function rep(id: string, team: string | null, dials: number, deals: number, revenue: number): ReviewRepDay {
  return {
    rep: id,
    name: id.toUpperCase(),
    team,
    figures: { ...zeroFigures(), dials, connects: dials / 2, effectiveCalls: dials / 4, deals, leads: deals, revenue },
    targets: TARGETS,
    pausedSeconds: 60,
    refusals: [{ code: 'price', count: 2 }],
    hours: [{ minute: 600, dials, connects: dials / 2, deals, revenue }],
  };
}

function input(over: Partial<ReviewInput> = {}): ReviewInput {
  return {
    period: { kind: 'week', from: '2026-03-02', to: '2026-03-08' },
    scope: { kind: 'floor' },
    team: null,
    asOf: 10 * H,
    open: false,
    start: 0,
    end: 7 * 24 * H,
    days: [
      {
        day: '2026-03-02',
        source: 'stream',
        fraction: 1,
        reps: [rep('a', 't1', 40, 1, 300), rep('b', 't2', 20, 0, 0)],
        tags: new Map([['t1', [{ code: 'price_high', count: 3 }]]]),
        alerts: [{ rule: 'long_pause', rep: 'b', team: 't2' }],
      },
      {
        day: '2026-03-03',
        source: 'stream',
        fraction: 1,
        reps: [rep('a', 't1', 60, 2, 700)],
        tags: new Map(),
        alerts: [],
      },
    ],
    callbacks: [],
    graceMs: 10 * 60_000,
    handoffs: [],
    allowances: { break: 15 },
    tomorrow: { day: '2026-03-09', targets: [], callbacks: [], start: 0, end: 0 },
    ...over,
  };
}

describe('buildReview', () => {
  it('sums a week per rep and for the scope, with attainment against the days worked', () => {
    const review = buildReview(input());
    expect(review.figures).toMatchObject({ dials: 120, deals: 3, revenue: 1000 });
    expect(review.reps.map((r) => [r.rep, r.dials, r.attainment])).toEqual([
      ['a', 100, 50], // 1000 of 2 x 1000
      ['b', 20, 0],
    ]);
    expect(review.targets.find((t) => t.metric === 'revenue')).toMatchObject({ target: 3000, attainment: 33.33 });
    expect(review.hours).toEqual([{ minute: 600, dials: 120, connects: 60, deals: 3, revenue: 1000 }]);
    expect(review.alerts).toMatchObject({
      longPauses: 1,
      pausedSeconds: 180,
      byRule: [{ code: 'long_pause', count: 1 }],
    });
    expect(review.tags).toEqual([{ code: 'price_high', count: 3 }]);
  });

  it('keeps to the scope: a team, a rep (whose review has no team tags)', () => {
    const team = buildReview(input({ scope: { kind: 'team', team: 't2' } }));
    expect(team.figures.dials).toBe(20);
    expect(team.tags).toEqual([]);
    const own = buildReview(input({ scope: { kind: 'rep', rep: 'a' } }));
    expect(own.figures.dials).toBe(100);
    expect(own.tags).toBeNull();
    expect(own.alerts.byRule).toEqual([]);
  });

  it('says "not kept" (null) for what a saved-only day lacks, never zero', () => {
    const saved = { ...rep('a', 't1', 10, 0, 0), pausedSeconds: null, refusals: null, hours: null };
    const review = buildReview(
      input({
        days: [{ day: '2026-02-02', source: 'saved', fraction: 1, reps: [saved], tags: null, alerts: [] }],
        callbacks: null,
      }),
    );
    expect(review.figures.dials).toBe(10);
    expect([review.hours, review.refusals, review.tags, review.callbacks, review.alerts.pausedSeconds]).toEqual([
      null,
      null,
      null,
      null,
      null,
    ]);
    expect(review.best).toBeNull();
  });
});

describe('a week partly kept (saved-only days and kept days)', () => {
  it('answers reasons, hours, paused time and call-backs from the kept days, totals from all', () => {
    const saved = { ...rep('a', 't1', 10, 1, 50), pausedSeconds: null, refusals: null, hours: null };
    const onlySaved = { ...rep('c', 't1', 5, 0, 0), pausedSeconds: null, refusals: null, hours: null };
    const cb = (call: string, followUpAt: number) => ({
      ...{ call, rep: 'a', team: 't1', followUpAt, state: 'open' as const, closedAt: null },
    });
    const review = buildReview(
      input({
        days: [
          { day: '2026-03-02', source: 'saved', fraction: 1, reps: [saved, onlySaved], tags: new Map(), alerts: [] },
          { ...input().days[0]!, day: '2026-03-03' },
          { day: '2026-03-04', source: 'none', fraction: 1, reps: [], tags: new Map(), alerts: [] },
        ],
        // Kept: the 3rd and 4th (day 1 and 2 of a period starting at 0).
        callbackWindows: [{ start: 24 * H, end: 72 * H }],
        callbacks: [cb('on-saved-day', 2 * H), cb('on-kept-day', 26 * H), cb('after', 80 * H)],
        asOf: 100 * H,
      }),
    );
    expect(review.coverage).toEqual({ keptDays: ['2026-03-03'], savedOnlyDays: ['2026-03-02'] });
    expect(review.figures).toMatchObject({ dials: 75, deals: 2, revenue: 350 });
    expect(review.refusals).toEqual([{ code: 'price', count: 4 }]);
    expect(review.hours).toEqual([{ minute: 600, dials: 60, connects: 30, deals: 1, revenue: 300 }]);
    expect(review.best?.minute).toBe(600);
    expect(review.alerts.pausedSeconds).toBe(120);
    expect(review.callbacks).toMatchObject({ due: 1, overdue: 1 });
    const rows = new Map(review.reps.map((r) => [r.rep, r]));
    expect(rows.get('a')).toMatchObject({ dials: 50, pausedSeconds: 60 });
    expect(rows.get('c')).toMatchObject({ dials: 5, pausedSeconds: null }); // worked the saved-only day only
  });

  it('is "not kept" (null) when every day with figures is saved-only', () => {
    const saved = { ...rep('a', 't1', 10, 0, 0), pausedSeconds: null, refusals: null, hours: null };
    const day = (d: string) => ({
      day: d,
      source: 'saved' as const,
      fraction: 1,
      reps: [saved],
      tags: null,
      alerts: [],
    });
    const review = buildReview(input({ days: [day('2026-03-02'), day('2026-03-03')], callbacks: null }));
    expect(review.coverage).toEqual({ keptDays: [], savedOnlyDays: ['2026-03-02', '2026-03-03'] });
    expect([review.refusals, review.hours, review.alerts.pausedSeconds, review.callbacks]).toEqual([
      null,
      null,
      null,
      null,
    ]);
  });
});

describe('callbackFigures', () => {
  const item = (
    call: string,
    followUpAt: number | null,
    state: 'open' | 'done' | 'called' | 'cancelled',
    closedAt: number | null,
  ) => ({
    ...{ call, rep: 'a', team: 't1', followUpAt, state, closedAt },
  });
  it('partitions the call-backs due in the period: in time, late, overdue, not due yet, cancelled', () => {
    const grace = 10 * 60_000;
    const out = callbackFigures(
      [
        item('in-time', 2 * H, 'called', 2 * H + 5 * 60_000),
        item('late', 2 * H, 'done', 3 * H),
        item('overdue', 4 * H, 'open', null),
        item('closed-after-asOf', 4 * H, 'done', 9 * H),
        item('pending', 8 * H - 60_000, 'open', null),
        item('cancelled', 5 * H, 'cancelled', 5 * H),
        item('tomorrow', 30 * H, 'open', null),
        item('no-time', null, 'open', null),
        item('in-time', 2 * H, 'called', 2 * H + 5 * 60_000), // listed twice: counted once
      ],
      0,
      24 * H,
      8 * H,
      grace,
    );
    expect(out).toEqual({ due: 5, done: 1, doneLate: 1, overdue: 2, pending: 1, missed: 3, cancelled: 1 });
  });

  it('ranks the hours that are over: the hour still running today is shown but neither best nor worst', () => {
    const hoursOf = (minute: number, dials: number) => ({ minute, dials, connects: 0, deals: 0, revenue: 0 });
    const day = {
      day: '2026-03-02',
      source: 'live' as const,
      fraction: 0.5,
      reps: [{ ...rep('a', 't1', 0, 0, 0), hours: [hoursOf(600, 30), hoursOf(660, 12), hoursOf(720, 1)] }],
      tags: new Map(),
      alerts: [],
    };
    const period = { kind: 'day' as const, from: '2026-03-02', to: '2026-03-02' };
    const today = buildReview(input({ period, days: [day], open: true, openHour: 720 }));
    expect(today.hours?.map((h) => h.minute)).toEqual([600, 660, 720]);
    expect([today.best?.minute, today.worst?.minute]).toEqual([600, 660]);
    // Once the day is over, every hour counts.
    const closed = buildReview(input({ period, days: [day], open: false, openHour: null }));
    expect([closed.best?.minute, closed.worst?.minute]).toEqual([600, 720]);
  });
});
