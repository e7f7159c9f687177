import { describe, expect, it } from 'vitest';
import {
  addDay,
  addDays,
  buildLeaderboard,
  competitionRanks,
  leaderboardQuerySchema,
  metricValue,
  periodDays,
  type LeaderboardInput,
} from '../../../shared/domain/leaderboard';

function input(rep: string, figures: Partial<LeaderboardInput> = {}): LeaderboardInput {
  const zero = { dials: 0, connects: 0, effectiveCalls: 0, talkSeconds: 0, leads: 0, deals: 0, revenue: 0 };
  return { rep, name: rep.toUpperCase(), team: 'team-a', ...zero, revenueTarget: 0, ...figures };
}

const reps = (board: { rows: { rep: string }[] }) => board.rows.map((r) => r.rep);

describe('buildLeaderboard()', () => {
  it('orders by value descending and gives distinct positions 1..n', () => {
    const board = buildLeaderboard(
      [input('a', { deals: 1 }), input('b', { deals: 3 }), input('c', { deals: 2 })],
      'deals',
    );
    expect(reps(board)).toEqual(['b', 'c', 'a']);
    expect(board.rows.map((r) => [r.position, r.value])).toEqual([
      [1, 3],
      [2, 2],
      [3, 1],
    ]);
  });

  it('breaks ties by rep id ascending, whatever the input order', () => {
    const rows = [
      input('rep-9', { revenue: 500 }),
      input('rep-10', { revenue: 500 }),
      input('rep-2', { revenue: 500 }),
    ];
    expect(reps(buildLeaderboard(rows, 'revenue'))).toEqual(['rep-10', 'rep-2', 'rep-9']);
    expect(reps(buildLeaderboard([...rows].reverse(), 'revenue'))).toEqual(['rep-10', 'rep-2', 'rep-9']);
    expect(buildLeaderboard(rows, 'revenue').rows.map((r) => r.position)).toEqual([1, 2, 3]);
  });

  it('gives equal values a shared rank (standard competition ranking: 1, =2, =2, 4)', () => {
    const board = buildLeaderboard(
      [input('a', { deals: 5 }), input('b', { deals: 3 }), input('c', { deals: 3 }), input('d', { deals: 1 })],
      'deals',
    );
    expect(board.rows.map((r) => [r.rep, r.position, r.rank, r.tied])).toEqual([
      ['a', 1, 1, false],
      ['b', 2, 2, true],
      ['c', 3, 2, true],
      ['d', 4, 4, false],
    ]);
    const all = buildLeaderboard([input('x'), input('y'), input('z')], 'dials').rows;
    expect(all.map((r) => [r.rank, r.tied])).toEqual([
      [1, true],
      [1, true],
      [1, true],
    ]);
    expect(competitionRanks([], () => true)).toEqual([]);
  });

  it('ranks each metric by its own counter', () => {
    const rows = [
      input('a', { dials: 9, leads: 1, effectiveCalls: 5, talkSeconds: 100 }),
      input('b', { dials: 3, leads: 2, effectiveCalls: 1, talkSeconds: 900 }),
    ];
    expect(reps(buildLeaderboard(rows, 'dials'))).toEqual(['a', 'b']);
    expect(reps(buildLeaderboard(rows, 'leads'))).toEqual(['b', 'a']);
    expect(reps(buildLeaderboard(rows, 'effectiveCalls'))).toEqual(['a', 'b']);
    expect(reps(buildLeaderboard(rows, 'talkSeconds'))).toEqual(['b', 'a']);
  });

  it('gives movement as places gained against the previous positions (0 for a newcomer)', () => {
    const previous = new Map([
      ['a', 1],
      ['b', 2],
      ['c', 3],
    ]);
    const board = buildLeaderboard(
      [input('a', { deals: 1 }), input('b', { deals: 0 }), input('c', { deals: 5 }), input('d', { deals: 2 })],
      'deals',
      previous,
    );
    expect(board.rows.map((r) => [r.rep, r.movement])).toEqual([
      ['c', 2],
      ['d', 0],
      ['a', -2],
      ['b', -2],
    ]);
  });

  it('carries name and team through', () => {
    const [row] = buildLeaderboard([input('a', { team: null, name: 'Li Na' })], 'dials').rows;
    expect(row).toMatchObject({ rep: 'a', name: 'Li Na', team: null, position: 1, movement: 0 });
  });
});

describe('metricValue()', () => {
  it('conversion is deals / connects, 0 without connects', () => {
    expect(metricValue(input('a', { deals: 2, connects: 8 }), 'conversion')).toBe(0.25);
    expect(metricValue(input('a', { deals: 0, connects: 0 }), 'conversion')).toBe(0);
  });

  it('targetPercent is revenue as % of the revenue target, 0 without a target', () => {
    expect(metricValue(input('a', { revenue: 1500, revenueTarget: 1000 }), 'targetPercent')).toBe(150);
    expect(metricValue(input('a', { revenue: 1500, revenueTarget: 0 }), 'targetPercent')).toBe(0);
  });

  it('ranks conversion and targetPercent in their own order', () => {
    const rows = [
      input('hi-volume', { connects: 40, deals: 4, revenue: 4000, revenueTarget: 8000 }),
      input('sharp', { connects: 5, deals: 2, revenue: 1200, revenueTarget: 1000 }),
    ];
    expect(reps(buildLeaderboard(rows, 'conversion'))).toEqual(['sharp', 'hi-volume']);
    expect(reps(buildLeaderboard(rows, 'targetPercent'))).toEqual(['sharp', 'hi-volume']);
    expect(reps(buildLeaderboard(rows, 'revenue'))).toEqual(['hi-volume', 'sharp']);
  });
});

describe('addDay()', () => {
  it('sums days, keeps revenue in cents and adds each day worked to the target', () => {
    const sums = new Map<string, LeaderboardInput>();
    const day = { name: 'Old', team: 'team-a', dials: 10, connects: 4, effectiveCalls: 3, talkSeconds: 60 };
    addDay(sums, 'a', { ...day, leads: 1, deals: 1, revenue: 0.1 }, 500);
    addDay(sums, 'a', { ...day, name: 'New', team: 'team-b', leads: 0, deals: 0, revenue: 0.2 }, 700);
    expect(sums.get('a')).toEqual({
      rep: 'a',
      name: 'New',
      team: 'team-b',
      dials: 20,
      connects: 8,
      effectiveCalls: 6,
      talkSeconds: 120,
      leads: 1,
      deals: 1,
      revenue: 0.3,
      revenueTarget: 1200,
      // Days saved before issue #16 carry no handoff credit: they count as none.
      handoffsWon: 0,
      handoffRevenue: 0,
    });
  });

  it('sums handoff credit beside revenue and ranks it as its own metrics', () => {
    const sums = new Map<string, LeaderboardInput>();
    const day = { name: 'A', team: 'team-a', dials: 0, connects: 0, effectiveCalls: 0, talkSeconds: 0, leads: 0 };
    addDay(sums, 'a', { ...day, deals: 0, revenue: 0, handoffsWon: 2, handoffRevenue: 100.1 }, 0);
    addDay(sums, 'a', { ...day, deals: 1, revenue: 5, handoffsWon: 1, handoffRevenue: 0.2 }, 0);
    addDay(sums, 'b', { ...day, deals: 3, revenue: 900 }, 0);
    expect(sums.get('a')).toMatchObject({ revenue: 5, handoffsWon: 3, handoffRevenue: 100.3 });
    const board = buildLeaderboard([...sums.values()], 'handoffRevenue').rows;
    expect(board.map((r) => [r.rep, r.value])).toEqual([
      ['a', 100.3],
      ['b', 0],
    ]);
    expect(buildLeaderboard([...sums.values()], 'revenue').rows[0]!.rep).toBe('b');
  });
});

describe('periods', () => {
  it('week runs from Monday (ISO) to today, month from the 1st', () => {
    expect(periodDays('today', '2026-03-18')).toEqual(['2026-03-18']);
    expect(periodDays('week', '2026-03-18')).toEqual(['2026-03-16', '2026-03-17', '2026-03-18']); // a Wednesday
    expect(periodDays('week', '2026-03-22')).toHaveLength(7); // Sunday closes the ISO week
    expect(periodDays('week', '2026-03-16')).toEqual(['2026-03-16']);
    expect(periodDays('month', '2026-03-03')).toEqual(['2026-03-01', '2026-03-02', '2026-03-03']);
    expect(periodDays('week', '2026-03-02')).toEqual(['2026-03-02']);
    expect(periodDays('week', '2026-03-01')[0]).toBe('2026-02-23'); // crosses the month
  });

  it('addDays moves over month and year ends', () => {
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addDays('2025-12-31', 1)).toBe('2026-01-01');
    expect(addDays('2026-03-18', -7)).toBe('2026-03-11');
  });
});

describe('leaderboardQuerySchema', () => {
  it('defaults the period to today and takes an optional team', () => {
    expect(leaderboardQuerySchema.parse({ metric: 'deals' })).toEqual({ metric: 'deals', period: 'today' });
    expect(leaderboardQuerySchema.parse({ metric: 'conversion', period: 'month', team: 'team-a' })).toMatchObject({
      team: 'team-a',
    });
  });

  it('refuses a missing or unknown metric, an unknown period, a bad team and extra keys', () => {
    for (const query of [
      {},
      { metric: 'calls' },
      { metric: 'deals', period: 'year' },
      { metric: 'deals', team: 'no spaces' },
      { metric: 'deals', extra: '1' },
      { metric: ['deals', 'dials'] },
    ]) {
      expect(leaderboardQuerySchema.safeParse(query).success).toBe(false);
    }
  });
});
