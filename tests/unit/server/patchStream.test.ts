/**
 * Patch deltas (issue #13), property style over seeded random event sequences: a client that
 * starts from a snapshot (taken at any moment, even with changes still coalescing) and applies
 * its feed's patch stream in sequence holds exactly the next snapshot; one that misses a patch
 * sees the gap, resyncs, and again holds the server's figures.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  applyRepPatch,
  ownTotals,
  applyTeamPatches,
  decodeTotals,
  encodeRep,
  readRep,
} from '../../../shared/contracts/floorPatch';
import type { FloorDelta } from '../../../shared/contracts/socket';
import type { RepView, TeamView, Totals } from '../../../shared/domain/floorView';
import type { Scope } from '../../../shared/domain/viewer';
import type { CallEvent } from '../../../shared/events/callEvent';
import { createFloorService, type FloorService } from '../../../server/floor/floorService';
import { createScopeFeeds, feedRows, roomOf } from '../../../server/realtime/scopeFeeds';
import type { FloorServer } from '../../../server/realtime/floorServer';
import type { SlicedBroadcast } from '../../../server/realtime/slicedBroadcast';
import { applyBatch } from '../../support/applyBatch';
import { createEventBuilder, foldRules } from '../../support/builders';
import { seeded } from '../../integration/support/floorScript';

const TARGETS = { dials: 100, effectiveCalls: 20, talkMinutes: 120, leads: 5, deals: 2, revenue: 1500.5 };
const TEAMS = ['team-a', 'team-b', 'team-c'];
const REPS = Array.from({ length: 12 }, (_, i) => `rep-${i}`);
const SCOPES: Scope[] = [
  { kind: 'floor' },
  ...TEAMS.map((team) => ({ kind: 'team' as const, team })),
  ...REPS.map((rep) => ({ kind: 'rep' as const, rep })),
];

interface Client {
  scope: Scope;
  seq: number;
  reps: Map<string, RepView>;
  teams: TeamView[];
  totals: Totals;
  /** Set by a gap: the client asked for a snapshot. */
  resync: boolean;
  deltas: number;
}

/** What the client store does with a delta (client/stores/floor.ts applyDelta), minus Vue. */
function apply(client: Client, delta: FloorDelta): void {
  if (client.resync || delta.seq <= client.seq) return;
  if (delta.seq !== client.seq + 1) return void (client.resync = true);
  const changed: RepView[] = [];
  for (const patch of delta.reps) {
    const next = applyRepPatch(client.reps.get(patch[0]), patch, delta.serverNow);
    if (!next) return void (client.resync = true);
    changed.push(next);
  }
  const teams = applyTeamPatches(client.teams, delta.teams);
  const totals = delta.totals ? decodeTotals(delta.totals) : client.totals;
  if (!teams || !totals) return void (client.resync = true);
  for (const rep of changed) client.reps.set(rep.id, rep);
  for (const id of delta.removed) client.reps.delete(id);
  [client.seq, client.teams, client.totals] = [delta.seq, teams, totals];
  if (client.scope.kind === 'rep') ({ teams: client.teams, totals: client.totals } = ownTotals(client.reps.values()));
  client.deltas++;
}

function setup(seed: number) {
  vi.useFakeTimers({ now: Date.UTC(2026, 10, 23, 9) });
  const random = seeded(seed);
  const floor = createFloorService({ targetsFor: () => TARGETS, today: '2026-11-23' });
  const members = new Map(SCOPES.map((scope) => [roomOf(scope), new Set(['socket'])]));
  const io = { sockets: { adapter: { rooms: members } } } as unknown as FloorServer;
  const outbox: { room: string; delta: FloorDelta }[] = [];
  const broadcast = Object.assign(
    (room: string | null, emit: (to: never) => void) =>
      emit({
        emit: (_event: string, delta: FloorDelta) => outbox.push({ room: room!, delta: structuredClone(delta) }),
      } as never),
    { pending: () => 0 },
  ) as SlicedBroadcast;
  const feeds = createScopeFeeds({ io, floor, clock: () => Date.now(), floorIntervalMs: 100, broadcast });
  return { random, floor, feeds, outbox };
}

/** The snapshot the gateway builds for a scope, as the client keeps it. */
function snapshotOf(floor: FloorService, feeds: ReturnType<typeof createScopeFeeds>, scope: Scope) {
  const view = structuredClone(floor.view(scope));
  feeds.snapshotTaken(scope, view.teams);
  return {
    seq: feeds.seqOf(scope),
    reps: new Map(feedRows(scope, view.reps).map((r) => [r.id, r])),
    teams: view.teams,
    totals: view.totals,
  };
}

function randomEvent(b: ReturnType<typeof createEventBuilder>, random: () => number): CallEvent {
  const rep = REPS[Math.floor(random() * REPS.length)]!;
  const call = `${rep}-c${Math.floor(random() * 40)}`;
  const roll = random();
  if (roll < 0.06) return b.login(rep, { team: TEAMS[Math.floor(random() * TEAMS.length)]!, name: `N${rep}` });
  if (roll < 0.4) return b.dial(rep, call);
  if (roll < 0.55) return b.answer(rep, call);
  if (roll < 0.75) return b.hangup(rep, call);
  if (roll < 0.8) return b.outcome(rep, call, 'sale', { amount: Math.round(random() * 99_999) / 100 });
  if (roll < 0.85) return b.outcome(rep, call, 'callback', { followUpAt: Date.now() + 3_600_000 });
  if (roll < 0.9) return b.outcome(rep, call, 'refused', { reason: random() < 0.5 ? 'price' : 'timing' });
  if (roll < 0.97) return b.pause(rep, 'break');
  return b.logout(rep);
}

describe('patch deltas', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  for (const seed of [1, 2, 3, 4, 5]) {
    it(`a snapshot plus the patch stream equals the next snapshot, in every feed (seed ${seed})`, () => {
      const { random, floor, feeds, outbox } = setup(seed);
      const b = createEventBuilder({ start: Date.now() });
      const clients = new Map<string, Client>();
      const fresh = (scope: Scope): Client => ({ scope, ...snapshotOf(floor, feeds, scope), resync: false, deltas: 0 });
      for (const scope of SCOPES) clients.set(roomOf(scope), fresh(scope));
      let dropped = 0;
      let resynced = 0;
      let batch: CallEvent[] = [];
      for (let i = 0; i < 1500; i++) {
        batch.push(randomEvent(b, random));
        b.advance(Math.floor(random() * 3000));
        if (i === 1000) b.advance(24 * 3600_000); // a new day: reps reset, offline reps leave
        if (random() < 0.7) continue;
        const change = applyBatch(floor, batch, foldRules('UTC'));
        batch = [];
        feeds.changed(change.changed, change.removed);
        if (random() < 0.5) vi.advanceTimersByTime(Math.floor(random() * 150));
        // Now and then a client reconnects mid-stream (the floor feed may hold coalesced changes).
        if (random() < 0.05) {
          const scope = SCOPES[Math.floor(random() * SCOPES.length)]!;
          clients.set(roomOf(scope), fresh(scope));
        }
        for (const { room, delta } of outbox.splice(0)) {
          // Now and then a patch is lost on the way: the client must see the gap, never show it wrong.
          if (random() < 0.02) {
            dropped++;
            continue;
          }
          apply(clients.get(room)!, delta);
        }
        for (const [room, client] of clients) {
          if (!client.resync) continue;
          resynced++;
          clients.set(room, fresh(client.scope));
        }
      }
      vi.advanceTimersByTime(1000);
      for (const { room, delta } of outbox.splice(0)) apply(clients.get(room)!, delta);
      // A client whose last patch was lost learns it from the next delta: here, at once.
      for (const [room, client] of clients) {
        if (client.seq === feeds.seqOf(client.scope) && !client.resync) continue;
        resynced++;
        clients.set(room, fresh(client.scope));
      }
      expect(dropped).toBeGreaterThan(0);
      expect(resynced).toBeGreaterThan(0);
      for (const [room, client] of clients) {
        expect(client.resync, room).toBe(false);
        const server = snapshotOf(floor, feeds, client.scope);
        expect(Object.fromEntries(client.reps), room).toEqual(Object.fromEntries(server.reps));
        expect(client.teams, room).toEqual(server.teams);
        expect(client.totals, room).toEqual(server.totals);
      }
      expect([...clients.values()].some((c) => c.deltas > 10)).toBe(true);
    });
  }
});

describe('patch deltas around a snapshot', () => {
  afterEach(() => vi.useRealTimers());

  it('sends the floor totals after a snapshot even when they are back to what the feed sent before it', () => {
    const { floor, feeds, outbox } = setup(9);
    const b = createEventBuilder({ start: Date.now() });
    const commit = (event: CallEvent) => {
      const change = applyBatch(floor, [event], foldRules('UTC'));
      feeds.changed(change.changed, change.removed);
    };
    commit(b.login('rep-1', { team: 'team-a' }));
    commit(b.pause('rep-1', 'break')); // coalescing: waits for the interval
    vi.advanceTimersByTime(200);
    outbox.length = 0;
    commit(b.ready('rep-1')); // first change after a quiet spell: sent at once
    commit(b.pause('rep-1', 'break')); // held for the interval
    const snapshot = snapshotOf(floor, feeds, { kind: 'floor' }); // paused
    commit(b.ready('rep-1')); // back to what the last delta said
    vi.advanceTimersByTime(200);
    const delta = outbox.find((o) => o.room === 'floor' && o.delta.seq === snapshot.seq + 1)!.delta;
    expect(delta.totals && decodeTotals(delta.totals)?.byStatus).toMatchObject({ available: 1, paused: 0 });
    const client: Client = { scope: { kind: 'floor' }, ...snapshot, resync: false, deltas: 0 };
    apply(client, delta);
    expect(client.totals).toEqual(floor.summary().totals);
  });

  it('keeps the fields of every view change until the gateway takes them', () => {
    const { floor } = setup(10);
    const b = createEventBuilder({ start: Date.now() });
    applyBatch(floor, [b.login('rep-1', { team: 'team-a' })], foldRules('UTC'));
    floor.takeChangedFields(['rep-1']);
    applyBatch(floor, [b.dial('rep-1', 'c1')], foldRules('UTC'));
    applyBatch(floor, [b.pause('rep-1', 'break')], foldRules('UTC'));
    const [fields] = floor.takeChangedFields(['rep-1']);
    const patch = encodeRep(floor.repView('rep-1'), fields!, Date.now());
    const partial = readRep(patch, Date.now())!;
    expect(partial).toMatchObject({ status: 'paused', dials: 1, pauseReason: 'break' });
    expect(partial).not.toHaveProperty('name');
    expect(floor.takeChangedFields(['rep-1'])).toEqual([0]);
  });

  it("tells the floor's wallboards when a team's last rep leaves it, and leaves its console's totals at none", () => {
    const { floor, feeds, outbox } = setup(1);
    const b = createEventBuilder({ start: Date.now() });
    const fold = (events: CallEvent[]) => {
      const change = applyBatch(floor, events, foldRules('UTC'));
      feeds.changed(change.changed, change.removed);
      vi.advanceTimersByTime(200);
    };
    fold([b.login('rep-0', { team: 'team-a', name: 'Ann' }), b.login('rep-1', { team: 'team-b', name: 'Bob' })]);
    const clients = [{ kind: 'floor' as const }, { kind: 'team' as const, team: 'team-a' }].map((scope): Client => ({
      scope,
      ...snapshotOf(floor, feeds, scope),
      resync: false,
      deltas: 0,
    }));
    outbox.splice(0);
    expect(clients[0]!.teams.map((t) => t.id)).toEqual(['team-a', 'team-b']);
    fold([b.login('rep-0', { team: 'team-b', name: 'Ann' })]);
    for (const { room, delta } of outbox.splice(0))
      for (const client of clients) if (roomOf(client.scope) === room) apply(client, delta);
    for (const client of clients) {
      expect(client.resync).toBe(false);
      expect(client.deltas).toBe(1);
      const server = snapshotOf(floor, feeds, client.scope);
      expect(client.teams).toEqual(server.teams);
      expect(client.totals).toEqual(server.totals);
    }
    expect(clients[0]!.teams.map((t) => t.id)).toEqual(['team-b']);
    expect([clients[1]!.teams, clients[1]!.totals.reps]).toEqual([[], 0]);
  });
});
