import { describe, expect, it } from 'vitest';
import type { RepView } from '../../../shared/domain/floorView';
import { compareStanding, rankReps } from '../../../shared/domain/rank';

/** A complete rep row with quiet defaults; override what the test is about. */
function makeRep(overrides: Partial<RepView> & { id: string }): RepView {
  return {
    name: overrides.id,
    team: null,
    status: 'available',
    pauseReason: null,
    statusSince: 0,
    currentCall: null,
    callAnsweredAt: null,
    dials: 0,
    connects: 0,
    effectiveCalls: 0,
    talkSeconds: 0,
    wrapupSeconds: 0,
    pauseSeconds: 0,
    loggedInSeconds: 0,
    leads: 0,
    deals: 0,
    revenue: 0,
    refusals: [],
    callbacks: [],
    callbackCount: 0,
    missingDetails: 0,
    handoffsWon: 0,
    handoffRevenue: 0,
    targets: { dials: 180, effectiveCalls: 30, talkMinutes: 150, leads: 6, deals: 2, revenue: 5000 },
    version: 1,
    ...overrides,
  };
}

const order = (reps: RepView[]) => [...reps].sort(compareStanding).map((r) => r.id);

describe('compareStanding()', () => {
  it('puts more deals first, whatever the other counters', () => {
    const a = makeRep({ id: 'a', deals: 1, revenue: 100, leads: 0, effectiveCalls: 0, dials: 0 });
    const b = makeRep({ id: 'b', deals: 2, revenue: 0 });
    const c = makeRep({ id: 'c', deals: 0, revenue: 10_000, leads: 50, effectiveCalls: 90, dials: 500 });
    expect(order([c, a, b])).toEqual(['b', 'a', 'c']);
  });

  it('breaks a tie on deals by revenue', () => {
    const a = makeRep({ id: 'a', deals: 2, revenue: 999.99, leads: 9 });
    const b = makeRep({ id: 'b', deals: 2, revenue: 1000 });
    expect(order([a, b])).toEqual(['b', 'a']);
  });

  it('breaks a tie on deals and revenue by leads', () => {
    const a = makeRep({ id: 'a', leads: 3, effectiveCalls: 40 });
    const b = makeRep({ id: 'b', leads: 4 });
    expect(order([a, b])).toEqual(['b', 'a']);
  });

  it('then by effective calls', () => {
    const a = makeRep({ id: 'a', effectiveCalls: 10, dials: 300 });
    const b = makeRep({ id: 'b', effectiveCalls: 11, dials: 1 });
    expect(order([a, b])).toEqual(['b', 'a']);
  });

  it('then by dials', () => {
    const a = makeRep({ id: 'a', dials: 99 });
    const b = makeRep({ id: 'b', dials: 100 });
    expect(order([a, b])).toEqual(['b', 'a']);
  });

  it('orders a full tie by rep id, so the order does not depend on the input order', () => {
    const reps = ['m', 'a', 'z', 'b'].map((id) => makeRep({ id, deals: 1, dials: 5 }));
    expect(order(reps)).toEqual(['a', 'b', 'm', 'z']);
    expect(order([...reps].reverse())).toEqual(['a', 'b', 'm', 'z']);
  });

  it('ignores counters outside the standing, such as talk time and connects', () => {
    const a = makeRep({ id: 'a', talkSeconds: 9000, connects: 80, loggedInSeconds: 30_000 });
    const b = makeRep({ id: 'b' });
    expect(order([b, a])).toEqual(['a', 'b']);
  });

  it('returns 0 only for the same rep id with equal counters', () => {
    expect(compareStanding(makeRep({ id: 'a' }), makeRep({ id: 'a' }))).toBe(0);
    expect(compareStanding(makeRep({ id: 'a' }), makeRep({ id: 'b' }))).toBeLessThan(0);
    expect(compareStanding(makeRep({ id: 'b' }), makeRep({ id: 'a' }))).toBeGreaterThan(0);
  });
});

describe('rankReps()', () => {
  const floor = [
    makeRep({ id: 'n1', team: 'north', deals: 1 }),
    makeRep({ id: 's1', team: 'south', deals: 4 }),
    makeRep({ id: 'x1', team: null, deals: 3 }),
    makeRep({ id: 'n2', team: 'north', deals: 2 }),
    makeRep({ id: 'n3', team: 'north', deals: 0, dials: 10 }),
    makeRep({ id: 'x2', team: null, deals: 0 }),
  ];

  it('ranks every rep on the floor by standing, 1 being the best', () => {
    const ranks = rankReps(floor);
    expect(ranks.size).toBe(6);
    expect(['s1', 'x1', 'n2', 'n1', 'n3', 'x2'].map((id) => ranks.get(id)?.floor)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('gives every rep the floor size', () => {
    const ranks = rankReps(floor);
    expect([...ranks.values()].every((r) => r.floorSize === 6)).toBe(true);
  });

  it('ranks reps within their team and gives the team size', () => {
    const ranks = rankReps(floor);
    expect(ranks.get('n2')).toMatchObject({ floor: 3, floorSize: 6, team: 1, teamSize: 3 });
    expect(ranks.get('n1')).toMatchObject({ floor: 4, floorSize: 6, team: 2, teamSize: 3 });
    expect(ranks.get('n3')).toMatchObject({ floor: 5, floorSize: 6, team: 3, teamSize: 3 });
    expect(ranks.get('s1')).toMatchObject({ floor: 1, floorSize: 6, team: 1, teamSize: 1 });
  });

  it('gives teamless reps a floor rank but no team rank or size', () => {
    const ranks = rankReps(floor);
    expect(ranks.get('x1')).toMatchObject({ floor: 2, floorSize: 6, team: null, teamSize: null });
    expect(ranks.get('x2')).toMatchObject({ floor: 6, floorSize: 6, team: null, teamSize: null });
  });

  it('gives the same ranks whatever order the reps come in', () => {
    const expected = rankReps(floor);
    expect(rankReps([...floor].reverse())).toEqual(expected);
    expect(rankReps(new Set([floor[3]!, floor[0]!, floor[5]!, floor[1]!, floor[4]!, floor[2]!]))).toEqual(expected);
  });

  it('gives tied reps the same rank, and the next rep the place after them (1, =2, =2, 4)', () => {
    const ranks = rankReps([
      makeRep({ id: 'd', team: 't', deals: 0 }),
      makeRep({ id: 'c', team: 't', deals: 1 }),
      makeRep({ id: 'b', team: 'u', deals: 1 }),
      makeRep({ id: 'a', team: 't', deals: 3 }),
    ]);
    expect(ranks.get('a')).toEqual({ floor: 1, floorSize: 4, team: 1, teamSize: 3, floorTied: false, teamTied: false });
    expect(ranks.get('b')).toEqual({ floor: 2, floorSize: 4, team: 1, teamSize: 1, floorTied: true, teamTied: false });
    expect(ranks.get('c')).toEqual({ floor: 2, floorSize: 4, team: 2, teamSize: 3, floorTied: true, teamTied: false });
    expect(ranks.get('d')).toEqual({ floor: 4, floorSize: 4, team: 3, teamSize: 3, floorTied: false, teamTied: false });
    const full = rankReps([makeRep({ id: 'b', team: 't' }), makeRep({ id: 'a', team: 't' })]);
    expect(full.get('a')).toMatchObject({ floor: 1, team: 1, floorTied: true, teamTied: true });
    expect(full.get('b')).toMatchObject({ floor: 1, team: 1, floorTied: true, teamTied: true });
  });

  it('gives an empty map for an empty floor', () => {
    expect(rankReps([]).size).toBe(0);
  });

  it('does not reorder the array it is given', () => {
    const reps = [...floor];
    rankReps(reps);
    expect(reps.map((r) => r.id)).toEqual(floor.map((r) => r.id));
  });
});
