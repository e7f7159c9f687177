import { describe, expect, it } from 'vitest';
import type { RepView } from '../../../shared/domain/floorView';
import type { Viewer } from '../../../shared/domain/viewer';
import type { DayKey } from '../../../shared/time';
import type { DayTotals } from '../../../server/redis/dayTotalsRepo';
import { createLeaderboardService } from '../../../server/leaderboard/leaderboardService';

const TARGETS = { dials: 0, effectiveCalls: 0, talkMinutes: 0, leads: 0, deals: 0, revenue: 1000 };

function view(id: string, team: string, deals: number, revenue = 0): RepView {
  return {
    id,
    name: id,
    team,
    status: 'available',
    pauseReason: null,
    statusSince: 0,
    currentCall: null,
    callAnsweredAt: null,
    dials: 10,
    connects: 5,
    effectiveCalls: 3,
    talkSeconds: 100,
    wrapupSeconds: 0,
    pauseSeconds: 0,
    loggedInSeconds: 0,
    leads: deals,
    deals,
    revenue,
    refusals: [],
    callbacks: [],
    callbackCount: 0,
    missingDetails: 0,
    handoffsWon: 0,
    handoffRevenue: 0,
    targets: TARGETS,
    version: 1,
  };
}

const totals = (team: string, deals: number, revenue = 0): DayTotals => ({
  name: 'x',
  team,
  dials: 1,
  connects: 1,
  effectiveCalls: 1,
  talkSeconds: 1,
  leads: deals,
  deals,
  revenue,
});

function setup(today: DayKey = '2026-03-18') {
  let now = Date.UTC(2026, 2, 18, 12);
  const live = { day: today as DayKey | null, reps: [view('a', 't1', 1), view('b', 't2', 2)] };
  const saved = new Map<DayKey, Map<string, DayTotals>>([
    ['2026-03-16', new Map([['a', totals('t1', 5, 500)]])],
    ['2026-03-17', new Map([['b', totals('t2', 1, 100)]])],
    ['2026-03-18', new Map([['a', totals('t1', 99)]])], // today's periodic save: must not count
  ]);
  const loads: DayKey[][] = [];
  const service = createLeaderboardService({
    floor: { state: () => ({ day: live.day }) as never, view: () => ({ reps: live.reps }) as never },
    dayTotals: {
      load: async (days) => {
        loads.push([...days]);
        return new Map(days.map((d) => [d, saved.get(d) ?? new Map()]));
      },
    },
    localTime: { dayOf: () => today },
    clock: () => now,
    targetsFor: () => ({ ...TARGETS, revenue: 400 }),
  });
  return { service, live, saved, loads, tick: (ms: number) => (now += ms) };
}

const supervisor: Viewer = { kind: 'user', username: 's', role: 'supervisor' };
const lead: Viewer = { kind: 'user', username: 'l', role: 'lead', team: 't1' };
const rep: Viewer = { kind: 'user', username: 'r', role: 'rep', rep: 'a', team: 't1' };
const kiosk: Viewer = { kind: 'kiosk', id: 'k', name: 'wall' };

describe('leaderboard service', () => {
  it('sums saved past days with the live day, never the live day twice', async () => {
    const { service } = setup();
    const week = await service.get(supervisor, { metric: 'deals', period: 'week' });
    expect(week.ok && week.value.rows.map((r) => [r.rep, r.value])).toEqual([
      ['a', 6],
      ['b', 3],
    ]);
    expect(week.ok && [week.value.from, week.value.to]).toEqual(['2026-03-16', '2026-03-18']);
    const today = await service.get(supervisor, { metric: 'deals', period: 'today' });
    expect(today.ok && today.value.rows.map((r) => r.value)).toEqual([2, 1]);
  });

  it('targetPercent uses the daily target of each day worked', async () => {
    const { service } = setup();
    // a: 500 revenue on the 16th (target 1000 from today's view) + 0 today (1000) = 25 %
    const week = await service.get(supervisor, { metric: 'targetPercent', period: 'week' });
    expect(week.ok && week.value.rows.find((r) => r.rep === 'a')?.value).toBe(25);
  });

  it('lets supervisors and wallboards see any team, leads and reps the floor and their own team', async () => {
    const { service } = setup();
    for (const viewer of [supervisor, kiosk])
      expect((await service.get(viewer, { metric: 'deals', period: 'today', team: 't2' })).ok).toBe(true);
    for (const viewer of [lead, rep]) {
      expect((await service.get(viewer, { metric: 'deals', period: 'today' })).ok).toBe(true);
      expect((await service.get(viewer, { metric: 'deals', period: 'today', team: 't1' })).ok).toBe(true);
      expect(await service.get(viewer, { metric: 'deals', period: 'today', team: 't2' })).toMatchObject({
        ok: false,
        status: 403,
      });
    }
  });

  it("ranks within a team and gives a rep the rep's own row", async () => {
    const { service } = setup();
    const board = await service.get(rep, { metric: 'deals', period: 'today', team: 't1' });
    expect(board.ok && board.value.rows.map((r) => r.rep)).toEqual(['a']);
    const floor = await service.get(rep, { metric: 'deals', period: 'today' });
    expect(floor.ok && floor.value.own).toMatchObject({ rep: 'a', position: 2 });
    const forSupervisor = await service.get(supervisor, { metric: 'deals', period: 'today' });
    expect(forSupervisor.ok && forSupervisor.value.own).toBeNull();
  });

  it('shows movement against the order before the last change, for every reader alike', async () => {
    const { service, live } = setup();
    await service.get(supervisor, { metric: 'deals', period: 'today' });
    live.reps = [view('a', 't1', 3), view('b', 't2', 2)];
    const first = await service.get(supervisor, { metric: 'deals', period: 'today' });
    const second = await service.get(kiosk, { metric: 'deals', period: 'today' });
    for (const board of [first, second]) {
      expect(board.ok && board.value.rows.map((r) => [r.rep, r.movement])).toEqual([
        ['a', 1],
        ['b', -1],
      ]);
    }
    // Another metric's board has its own memory.
    const dials = await service.get(supervisor, { metric: 'dials', period: 'today' });
    expect(dials.ok && dials.value.rows.every((r) => r.movement === 0)).toBe(true);
  });

  it('loads a past day once, but re-reads yesterday after a minute', async () => {
    const { service, loads, saved, tick } = setup();
    await service.get(supervisor, { metric: 'deals', period: 'month' });
    await service.get(supervisor, { metric: 'deals', period: 'week' });
    expect(loads).toHaveLength(1);
    expect(loads[0]).toHaveLength(17);
    saved.set('2026-03-17', new Map([['b', totals('t2', 4)]]));
    tick(61_000);
    const week = await service.get(supervisor, { metric: 'deals', period: 'week' });
    expect(loads[1]).toEqual(['2026-03-17']);
    expect(week.ok && week.value.rows.find((r) => r.rep === 'b')?.value).toBe(6);
  });

  it('reads the saved day of a new day still without events from memory, not twice', async () => {
    const { service, live } = setup('2026-03-19');
    live.day = '2026-03-18'; // no event yet after midnight: the views are the 18th's
    const today = await service.get(supervisor, { metric: 'deals', period: 'today' });
    expect(today.ok && today.value.rows).toEqual([]);
    const week = await service.get(supervisor, { metric: 'deals', period: 'week' });
    expect(week.ok && week.value.rows.map((r) => [r.rep, r.value])).toEqual([
      ['a', 6],
      ['b', 3],
    ]);
  });
});
