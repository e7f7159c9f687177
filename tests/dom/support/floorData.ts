import type { FloorDelta, FloorSettings, FloorSnapshot, Health } from '../../../shared/contracts/socket';
import { ALL_FIELDS, encodeRep, encodeTeam, encodeTotals } from '../../../shared/contracts/floorPatch';
import { summarize } from '../../../shared/domain/floorView';
import type { RepView } from '../../../shared/domain/floorView';

/** 10:00:00 UTC = 10:00 on a floor in UTC, one hour into a 09:00-18:00 shift (pace fraction 1/9). */
export const T0 = Date.UTC(2026, 2, 10, 10, 0, 0);

export const SETTINGS: FloorSettings = {
  timeZone: 'UTC',
  shiftStart: '09:00',
  shiftEnd: '18:00',
  effectiveCallSeconds: 60,
};

export const HEALTHY: Health = { redis: 'up', lagMs: 120, lastReadAt: T0, stale: false, deadLetters: 0 };

/** A complete rep row with quiet defaults; override what the test is about. */
export function makeRep(overrides: Partial<RepView> & { id: string }): RepView {
  return {
    name: overrides.id,
    team: null,
    status: 'available',
    pauseReason: null,
    statusSince: T0,
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

/** A snapshot whose teams and totals are summed from its reps, like the server's. */
export function makeSnapshot(reps: RepView[], overrides: Partial<FloorSnapshot> = {}): FloorSnapshot {
  return {
    day: '2026-03-10',
    reps,
    ...summarize(reps),
    seq: 10,
    cursor: '1773136800000-0',
    serverNow: T0,
    settings: SETTINGS,
    health: HEALTHY,
    scope: { kind: 'floor' },
    viewer: { kind: 'kiosk', id: 'k1', name: 'Wallboard' },
    rank: null,
    ...overrides,
  };
}

/**
 * A delta carrying `reps` as whole-row patches; every team's totals and the floor's, summed from
 * `floor` (the whole floor after it), as the wire encodes them.
 */
export function makeDelta(
  seq: number,
  changed: RepView[],
  floor: RepView[],
  overrides: Partial<FloorDelta> = {},
): FloorDelta {
  const serverNow = overrides.serverNow ?? T0 + seq * 100;
  const { teams, totals } = summarize(floor);
  return {
    seq,
    cursor: `${T0 + seq}-0`,
    serverNow,
    day: '2026-03-10',
    reps: changed.map((rep) => encodeRep(rep, ALL_FIELDS, serverNow)),
    removed: [],
    teams: teams.map(encodeTeam),
    totals: encodeTotals(totals),
    ...overrides,
  };
}
