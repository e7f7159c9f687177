import type { FloorDelta } from '../../shared/contracts/socket';
import { rooms } from '../../shared/contracts/socket';
import { forBoard, type RepView } from '../../shared/domain/floorView';
import type { Scope } from '../../shared/domain/viewer';
import type { Clock } from '../../shared/time';
import type { FloorService } from '../floor/floorService';
import { createFloorPublisher, type FloorPublisher } from './floorPublisher';
import type { FloorServer } from './floorServer';
import type { SlicedBroadcast } from './slicedBroadcast';

/** The rows a feed sends: floor and team feeds leave call-backs and refusals to the rep's own page. */
export function feedRows(scope: Scope, reps: RepView[]): RepView[] {
  return scope.kind === 'rep' ? reps : reps.map(forBoard);
}

/** Floor-delta writes per second an instance allows itself. */
const FLOOR_WRITES_PER_SECOND = 5000;

/**
 * Every delta is one write (a syscall) per socket. A floor feed watched by a few dozen wallboards
 * goes out every `minMs` (10 a second); watched by thousands of kiosks it slows down (5,000: one a
 * second) so the writes stay within FLOOR_WRITES_PER_SECOND and the stream reader is never starved.
 */
export const floorDeltaInterval = (sockets: number, minMs: number): number =>
  Math.max(minMs, (sockets * 1000) / FLOOR_WRITES_PER_SECOND);

export function roomOf(scope: Scope): string {
  return scope.kind === 'floor' ? rooms.floor() : scope.kind === 'team' ? rooms.team(scope.team) : rooms.rep(scope.rep);
}

export interface ScopeFeeds {
  /** Sequence of the scope's last delta, for its snapshot. */
  seqOf(scope: Scope): number;
  changed(changed: readonly string[], removed: readonly string[]): void;
  stop(): void;
}

/**
 * One delta feed per room: the floor (coalesced to ~10 a second for wallboards), each team and
 * each rep (sent with every batch: a console or a rep page sees its changes at once). A feed only
 * runs while the room has sockets on this instance, so 5,000 idle rep feeds cost nothing.
 */
export function createScopeFeeds(deps: {
  io: FloorServer;
  floor: FloorService;
  clock: Clock;
  floorIntervalMs: number;
  broadcast: SlicedBroadcast;
}): ScopeFeeds {
  const { io, floor, clock } = deps;
  const feeds = new Map<string, FloorPublisher>();
  const { broadcast } = deps;
  // A rep moving team must vanish from the old team's console.
  const teamOf = new Map<string, string | null>();
  const socketsIn = (room: string) => io.sockets.adapter.rooms.get(room)?.size ?? 0;
  const hasSockets = (room: string) => socketsIn(room) > 0;
  const floorInterval = (room: string) => floorDeltaInterval(socketsIn(room), deps.floorIntervalMs);

  function feed(scope: Scope): FloorPublisher {
    const room = roomOf(scope);
    let publisher = feeds.get(room);
    if (!publisher) {
      publisher = createFloorPublisher({
        intervalMs: scope.kind === 'floor' ? () => floorInterval(room) : () => 0,
        now: clock,
        send(seq, repIds, removed) {
          const summary = floor.summary(scope);
          const delta: FloorDelta = {
            seq,
            cursor: floor.cursor(),
            serverNow: clock(),
            day: summary.day,
            reps: feedRows(scope, floor.repViews(repIds)),
            removed,
            teams: summary.teams,
            totals: summary.totals,
          };
          broadcast(room, (to) => to.emit('floor:delta', delta));
        },
      });
      feeds.set(room, publisher);
    }
    return publisher;
  }

  function notify(scope: Scope, changed: string[], removed: string[]): void {
    if (changed.length === 0 && removed.length === 0) return;
    if (!hasSockets(roomOf(scope)) && !feeds.has(roomOf(scope))) return;
    feed(scope).changed(changed, removed);
  }

  return {
    seqOf: (scope) => feeds.get(roomOf(scope))?.seq() ?? 0,
    changed(changed, removed) {
      notify({ kind: 'floor' }, [...changed], [...removed]);
      const byTeam = new Map<string, { changed: string[]; removed: string[] }>();
      const entry = (team: string) => byTeam.get(team) ?? byTeam.set(team, { changed: [], removed: [] }).get(team)!;
      for (const view of floor.repViews(changed)) {
        const before = teamOf.get(view.id);
        if (before && before !== view.team) entry(before).removed.push(view.id);
        if (view.team) entry(view.team).changed.push(view.id);
        teamOf.set(view.id, view.team);
        notify({ kind: 'rep', rep: view.id }, [view.id], []);
      }
      for (const id of removed) {
        const team = teamOf.get(id);
        if (team) entry(team).removed.push(id);
        teamOf.delete(id);
        notify({ kind: 'rep', rep: id }, [], [id]);
      }
      for (const [team, change] of byTeam) notify({ kind: 'team', team }, change.changed, change.removed);
    },
    stop() {
      for (const publisher of feeds.values()) publisher.stop();
    },
  };
}
