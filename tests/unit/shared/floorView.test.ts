import { describe, expect, it } from 'vitest';
import { summarize, toFloorView, toRepView } from '../../../shared/domain/floorView';
import type { RepView } from '../../../shared/domain/floorView';
import { emptyFloor, newRep } from '../../../shared/domain/repState';
import type { RepState } from '../../../shared/domain/repState';
import type { DailyTargets } from '../../../shared/domain/targets';
import { createEventBuilder } from '../../support/builders';
import { foldEach, repOf } from './foldSupport';

const T0 = Date.UTC(2026, 10, 23, 9, 0);
const TARGETS: DailyTargets = { dials: 120, effectiveCalls: 30, talkMinutes: 90, leads: 6, deals: 2, revenue: 1000 };

function rep(overrides: Partial<RepState>): RepState {
  return { ...newRep(overrides.id ?? 'r', T0), ...overrides };
}

describe('toRepView()', () => {
  it('toRepView() turns talk and status times into whole seconds, rounding down', () => {
    const view = toRepView(
      rep({
        talkMs: 125_999,
        status: 'available',
        statusMs: {
          offline: 3_600_000,
          available: 10_500,
          dialing: 2_000,
          on_call: 125_999,
          wrapup: 30_999,
          paused: 900_400,
        },
      }),
      TARGETS,
    );
    expect(view).toMatchObject({ talkSeconds: 125, wrapupSeconds: 30, pauseSeconds: 900 });
    // Logged-in time is every status but offline: 10.5 + 2 + 125.999 + 30.999 + 900.4 s.
    expect(view.loggedInSeconds).toBe(1069);
  });

  it('toRepView() counts closed status segments only, so the view changes only when an event arrives', () => {
    const b = createEventBuilder({ start: T0 });
    const state = foldEach([
      b.login('rep-1', { at: T0 }),
      b.pause('rep-1', 'lunch', { at: T0 + 60_000 }),
      b.ready('rep-1', { at: T0 + 31 * 60_000 }),
      b.pause('rep-1', 'break', { at: T0 + 40 * 60_000 }),
    ]);
    const view = toRepView(repOf(state, 'rep-1'), TARGETS);
    expect(view).toMatchObject({ status: 'paused', pauseReason: 'break', statusSince: T0 + 40 * 60_000 });
    expect(view.pauseSeconds).toBe(30 * 60);
    expect(view.loggedInSeconds).toBe(40 * 60);
  });

  it('toRepView() carries identity, live call, counters and targets without per-call records', () => {
    const b = createEventBuilder({ start: T0 });
    const state = foldEach([
      b.login('rep-1', { name: 'Ann', team: 'team-a' }),
      ...b.callSequence('rep-1', 'c1', { talkMs: 61_000, outcome: 'sale', amount: 250 }),
      b.dial('rep-1', 'c2'),
      b.answer('rep-1', 'c2'),
    ]);
    const view = toRepView(repOf(state, 'rep-1'), TARGETS);
    expect(view).toMatchObject({
      id: 'rep-1',
      name: 'Ann',
      team: 'team-a',
      status: 'on_call',
      currentCall: 'c2',
      dials: 2,
      connects: 2,
      effectiveCalls: 1,
      talkSeconds: 61,
      leads: 1,
      deals: 1,
      revenue: 250,
      targets: TARGETS,
    });
    expect(view.callAnsweredAt).toBe(view.statusSince);
    expect(view).not.toHaveProperty('calls');
    expect(view).not.toHaveProperty('statusMs');
  });
});

describe('summarize()', () => {
  const view = (overrides: Partial<RepView>): RepView => ({
    ...toRepView(rep({ id: overrides.id ?? 'r' }), TARGETS),
    ...overrides,
  });

  it('summarize() adds up team and floor totals, counting teamless reps on the floor only', () => {
    const reps = [
      view({
        id: 'a1',
        team: 'team-a',
        status: 'on_call',
        dials: 10,
        connects: 4,
        effectiveCalls: 2,
        talkSeconds: 300,
        leads: 1,
        deals: 1,
        revenue: 100.1,
      }),
      view({
        id: 'a2',
        team: 'team-a',
        status: 'paused',
        dials: 5,
        connects: 2,
        effectiveCalls: 1,
        talkSeconds: 120,
        leads: 1,
        deals: 0,
        revenue: 0.2,
      }),
      view({ id: 'b1', team: 'team-b', status: 'available', dials: 7, connects: 3, talkSeconds: 60 }),
      view({ id: 'x', team: null, status: 'on_call', dials: 1, connects: 1, revenue: 9.7 }),
    ];
    const { teams, totals } = summarize(reps);

    expect(teams.map((t) => t.id)).toEqual(['team-a', 'team-b']);
    const teamA = teams[0]?.totals;
    expect(teamA).toMatchObject({
      reps: 2,
      dials: 15,
      connects: 6,
      effectiveCalls: 3,
      talkSeconds: 420,
      leads: 2,
      deals: 1,
      revenue: 100.3,
    });
    expect(teamA?.byStatus).toEqual({ offline: 0, available: 0, dialing: 0, on_call: 1, wrapup: 0, paused: 1 });
    expect(teamA?.targets).toEqual({
      dials: 240,
      effectiveCalls: 60,
      talkMinutes: 180,
      leads: 12,
      deals: 4,
      revenue: 2000,
    });

    expect(totals).toMatchObject({ reps: 4, dials: 23, connects: 10, talkSeconds: 480, revenue: 110 });
    expect(totals.byStatus).toMatchObject({ on_call: 2, paused: 1, available: 1 });
    expect(totals.targets.dials).toBe(480);
  });

  it('summarize() gives zero totals and no teams for an empty floor', () => {
    const { teams, totals } = summarize([]);
    expect(teams).toEqual([]);
    expect(totals).toMatchObject({ reps: 0, dials: 0, revenue: 0 });
  });
});

describe('toFloorView()', () => {
  it('toFloorView() lists reps by team then name, teamless reps last, with the day', () => {
    const b = createEventBuilder({ start: T0 });
    const state = foldEach([
      b.login('r3', { name: 'Zoe', team: 'team-a' }),
      b.login('r1', { name: 'Bob' }),
      b.login('r2', { name: 'Ann', team: 'team-b' }),
      b.login('r4', { name: 'Cy', team: 'team-a' }),
    ]);
    const floor = toFloorView(state, (r) => ({ ...TARGETS, dials: r.id === 'r1' ? 0 : 100 }));
    expect(floor.day).toBe('2026-11-23');
    expect(floor.reps.map((r) => r.name)).toEqual(['Cy', 'Zoe', 'Ann', 'Bob']);
    expect(floor.teams.map((t) => [t.id, t.totals.reps])).toEqual([
      ['team-a', 2],
      ['team-b', 1],
    ]);
    expect(floor.totals).toMatchObject({ reps: 4, targets: { dials: 300 } });
  });

  it('toFloorView() shows an empty floor before the first event', () => {
    expect(toFloorView(emptyFloor(), () => TARGETS)).toMatchObject({
      day: null,
      reps: [],
      teams: [],
      totals: { reps: 0 },
    });
  });
});
