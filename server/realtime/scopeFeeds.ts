import type { FloorDelta, RepPatch, TeamPatch, TotalsRow } from '../../shared/contracts/socket';
import { rooms } from '../../shared/contracts/socket';
import {
  ALL_FIELDS,
  BOARD_OMITS,
  encodeRep,
  encodeTeam,
  encodeTotals,
  fieldBit,
  sameRow,
} from '../../shared/contracts/floorPatch';
import { emptyTotals, forBoard, type RepView, type TeamView, type Totals } from '../../shared/domain/floorView';
import type { Scope } from '../../shared/domain/viewer';
import type { Clock } from '../../shared/time';
import { streamIdTime } from '../../shared/streamId';
import type { FloorService } from '../floor/floorService';
import type { EgressStats } from './egressStats';
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
  /**
   * A snapshot of the scope was built, showing these teams: its next delta carries every team's
   * and the scope's totals, and a zero row for each of these teams gone by then.
   */
  snapshotTaken(scope: Scope, shown: readonly TeamView[]): void;
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
  /** Records each frame's egress delay (oldest pending stream entry → handed to the socket layer). */
  egress?: EgressStats;
}): ScopeFeeds {
  const { io, floor, clock } = deps;
  const feeds = new Map<string, Feed>();
  const { broadcast } = deps;
  // A rep moving team must vanish from the old team's console.
  const teamOf = new Map<string, string | null>();
  const socketsIn = (room: string) => io.sockets.adapter.rooms.get(room)?.size ?? 0;
  const hasSockets = (room: string) => socketsIn(room) > 0;
  const floorInterval = (room: string) => floorDeltaInterval(socketsIn(room), deps.floorIntervalMs);

  function feed(scope: Scope): FloorPublisher {
    const room = roomOf(scope);
    let entry = feeds.get(room);
    if (!entry) {
      const sentTotals = createSentTotals();
      const board = scope.kind !== 'rep';
      const publisher = createFloorPublisher({
        // The floor feed, written to every wallboard, coalesces to 10 deltas a second at most. A
        // team's console and a rep's page hear each read page's changes: coalescing consoles too
        // (tried) saved little once small rooms no longer waited behind big broadcasts, and put
        // 100 ms on a lead's every figure.
        intervalMs: scope.kind === 'floor' ? () => floorInterval(room) : () => 0,
        now: clock,
        send(seq, repIds, removed, fields) {
          // A rep's own feed sends no totals: its page sums its one row (floorPatch.ts ownTotals).
          const summary = board ? floor.summary(scope) : { day: floor.state().day, teams: [], totals: null };
          const serverNow = clock();
          const reps: RepPatch[] = [];
          for (let i = 0; i < repIds.length; i++) {
            const mask = board ? fields[i]! & ~BOARD_OMITS : fields[i]!;
            if (mask !== 0) reps.push(encodeRep(floor.repView(repIds[i]!), mask, serverNow));
          }
          const delta: FloorDelta = {
            seq,
            cursor: floor.cursor(),
            serverNow,
            day: summary.day,
            reps,
            removed,
            teams: sentTotals.teams(summary.teams),
          };
          const totals = summary.totals && sentTotals.totals(summary.totals);
          if (totals) delta.totals = totals;
          const since = feeds.get(room)?.since ?? null;
          feeds.get(room)!.since = null;
          broadcast(room, (to) => {
            to.emit('floor:delta', delta);
            if (since !== null) deps.egress?.record(scope.kind, clock() - since);
          });
        },
      });
      entry = { publisher, sentTotals, since: null };
      feeds.set(room, entry);
    }
    return entry.publisher;
  }

  function notify(scope: Scope, changed: string[], removed: string[], fields: number[]): void {
    if (changed.length === 0 && removed.length === 0) return;
    if (!hasSockets(roomOf(scope)) && !feeds.has(roomOf(scope))) return;
    const publisher = feed(scope);
    const entry = feeds.get(roomOf(scope))!;
    if (entry.since === null) {
      const cursor = floor.cursor();
      entry.since = cursor ? streamIdTime(cursor) : null;
    }
    publisher.changed(changed, removed, fields);
  }

  return {
    seqOf: (scope) => feeds.get(roomOf(scope))?.publisher.seq() ?? 0,
    snapshotTaken(scope, shown) {
      if (scope.kind === 'rep') return;
      // Created now if need be: a team in this snapshot that empties before the feed's first
      // delta must still be sent as gone.
      feed(scope);
      feeds.get(roomOf(scope))!.sentTotals.forget(shown.map((team) => team.id));
    },
    changed(changed, removed) {
      const fields = floor.takeChangedFields(changed);
      notify({ kind: 'floor' }, [...changed], [...removed], fields);
      const byTeam = new Map<string, { changed: string[]; removed: string[]; fields: number[] }>();
      const entry = (team: string) =>
        byTeam.get(team) ?? byTeam.set(team, { changed: [], removed: [], fields: [] }).get(team)!;
      for (let i = 0; i < changed.length; i++) {
        const view = floor.repView(changed[i]!);
        const mask = fields[i]!;
        const before = teamOf.get(view.id);
        const moved = before !== undefined && before !== view.team;
        if (before && moved) entry(before).removed.push(view.id);
        if (view.team) {
          const team = entry(view.team);
          team.changed.push(view.id);
          // New to this team's consoles: the whole row.
          team.fields.push(moved || mask & TEAM_BIT ? ALL_FIELDS : mask);
        }
        teamOf.set(view.id, view.team);
        notify({ kind: 'rep', rep: view.id }, [view.id], [], [mask]);
      }
      for (const id of removed) {
        const team = teamOf.get(id);
        if (team) entry(team).removed.push(id);
        teamOf.delete(id);
        notify({ kind: 'rep', rep: id }, [], [id], []);
      }
      for (const [team, change] of byTeam)
        notify({ kind: 'team', team }, change.changed, change.removed, change.fields);
    },
    stop() {
      for (const { publisher } of feeds.values()) publisher.stop();
    },
  };
}

const TEAM_BIT = fieldBit('team');

interface Feed {
  publisher: FloorPublisher;
  sentTotals: ReturnType<typeof createSentTotals>;
  /** Arrival (stream ID time) of the newest entry of the first batch pending since the last delta. */
  since: number | null;
}

/** A team a snapshot showed whose totals the feed has not sent since (never equal to a patch). */
const UNSENT = [] as unknown as TeamPatch;

/**
 * The totals a feed last sent, to send only those that changed. A snapshot of the scope hands
 * its clients newer totals than the feed sent: forget() makes the next delta carry them all, and
 * a zero row for each team the snapshot showed that is gone by then.
 */
function createSentTotals() {
  const teams = new Map<string, TeamPatch>();
  let totals: TotalsRow | null = null;
  return {
    teams(current: readonly TeamView[]): TeamPatch[] {
      const patches: TeamPatch[] = [];
      for (const team of current) {
        const patch = encodeTeam(team);
        if (sameRow(teams.get(team.id), patch)) continue;
        teams.set(team.id, patch);
        patches.push(patch);
      }
      // A team gone from the scope's summary: one pass only when the counts say one is missing.
      if (teams.size > current.length) {
        const seen = new Set(current.map((team) => team.id));
        for (const id of teams.keys()) {
          if (seen.has(id)) continue;
          teams.delete(id);
          patches.push([id, ...encodeTotals(emptyTotals())]);
        }
      }
      return patches;
    },
    totals(current: Totals): TotalsRow | null {
      const row = encodeTotals(current);
      if (totals !== null && sameRow(totals, row)) return null;
      totals = row;
      return row;
    },
    /** `shown`: the teams the snapshot holds, sent again next delta, or as gone if they are. */
    forget(shown: readonly string[]): void {
      teams.clear();
      for (const id of shown) teams.set(id, UNSENT);
      totals = null;
    },
  };
}
