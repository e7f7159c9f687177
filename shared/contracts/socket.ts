import type { Alert, GoodNews } from '../domain/alertTypes';
import type { CoachingNote } from '../domain/coaching';
import type { FloorView } from '../domain/floorView';
import type { Rank } from '../domain/rank';
import type { Scope, Viewer } from '../domain/viewer';
import type { StreamId } from '../streamId';
import type { DayKey, EpochMs } from '../time';

/** Ingestion health as every screen shows it (live / stale). */
export interface Health {
  redis: 'up' | 'down';
  /** Server time minus the source time of the newest event applied, ms; null before any. */
  lagMs: number | null;
  /** Server time the newest entry was read. */
  lastReadAt: EpochMs | null;
  /** True when the stream reader is not keeping up or cannot read (the screen says "stale"). */
  stale: boolean;
  deadLetters: number;
  /** A producer stamps entries too far ahead of Redis's clock: the newest such entry, and how many today. */
  clockAhead?: { rep: string; aheadMs: number; today: number } | null;
  /** The floor reached FLOORBOARD_MAX_REPS: events of reps not on it are dead-lettered (count since start). */
  floorFull?: { cap: number; refused: number; lastRep: string } | null;
}

/** Floor configuration every view needs to compute pace and local times. */
export interface FloorSettings {
  timeZone: string;
  /** "HH:MM" local. */
  shiftStart: string;
  shiftEnd: string;
  effectiveCallSeconds: number;
  /**
   * "HH:MM" local: when the business day starts (absent: "00:00"). Day totals, pace and the trend
   * axis run from it; a shift ending at or before its start ends the next morning.
   */
  dayStart?: string;
}

/**
 * Sent on every (re)connect and on request: the whole picture of the viewer's scope (the floor,
 * a team, or one rep) with the sequence of that scope's delta feed. Floor and team feeds carry
 * rep rows without call-backs and refusal reasons (empty); a rep's own feed has them.
 */
export interface FloorSnapshot extends FloorView {
  scope: Scope;
  viewer: Viewer;
  /** The rep's standing, for a rep's own feed; null otherwise. */
  rank: Rank | null;
  /** Sequence of the last delta sent before this snapshot; the next delta carries seq + 1. */
  seq: number;
  /** Last stream entry folded into this state. */
  cursor: StreamId | null;
  serverNow: EpochMs;
  settings: FloorSettings;
  health: Health;
}

/**
 * One rep's changes since the feed's previous delta: `[id, mask, ...values]`, bit i of `mask`
 * naming REP_FIELDS[i] (shared/contracts/floorPatch.ts), values of the set bits in that order,
 * times as `serverNow − time`. A rep new to the feed comes with every field.
 */
export type RepPatch = [id: string, mask: number, ...values: unknown[]];
/** Totals as numbers in TOTALS order (floorPatch.ts encodeTotals/decodeTotals). */
export type TotalsRow = number[];
/** A team's new totals: `[id, ...TotalsRow]`; a team counting 0 reps is gone. */
export type TeamPatch = [id: string, ...totals: number[]];

/**
 * What changed since the previous delta of the feed: per changed rep only the fields that moved
 * (static fields only when they change), teams only when their totals changed, the scope's totals
 * only when they changed. Apply with floorPatch.ts, in sequence; a gap means resync.
 */
export interface FloorDelta {
  seq: number;
  cursor: StreamId | null;
  serverNow: EpochMs;
  day: DayKey | null;
  reps: RepPatch[];
  /** Ids of reps gone from the feed (day rollover drops reps who are offline; a rep moving team). */
  removed: string[];
  /** Empty on a rep's own feed, whose teams and totals are those of its row (floorPatch.ts ownTotals). */
  teams: TeamPatch[];
  /** The scope's totals, present only when they changed; never on a rep's own feed. */
  totals?: TotalsRow;
}

/**
 * Result of a service asked on a viewer's behalf, with an HTTP-like status on failure; the HTTP
 * routes answer with it as is. (Kept here for its importers; no socket event carries it any more.)
 */
export type Ack<T> = { ok: true; value: T } | { ok: false; status: 400 | 401 | 403 | 404 | 409 | 429; error: string };

/** Why the server is closing a socket it had accepted. */
export type SessionEndReason = 'logged_out' | 'revoked' | 'expired';

export interface ServerToClientEvents {
  'floor:snapshot': (snapshot: FloorSnapshot) => void;
  'floor:delta': (delta: FloorDelta) => void;
  'health:changed': (health: Health & { serverNow: EpochMs }) => void;
  /** A rep's own standing changed (rep feeds only). */
  'rank:changed': (rank: Rank) => void;
  /** To the rep, the rep's team leads and supervisors. */
  'note:added': (note: CoachingNote) => void;
  'note:acked': (note: CoachingNote) => void;
  /** Alerts of the viewer's scope (floor: supervisors and wallboards; team: its lead). */
  /** Batched (one message per room every 50 ms at most); a batch's raises come before its updates. */
  'alert:raised': (alerts: Alert[]) => void;
  'alert:updated': (alerts: Alert[]) => void;
  /** Sales and targets reached: the wallboard celebrates each for a few seconds. Batched: one message per room a second at most. */
  'news:posted': (news: GoodNews[]) => void;
  /** Sent just before the server disconnects a socket whose session ended. */
  'session:ended': (reason: SessionEndReason) => void;
  /** A supervisor named or renamed a team: fetch GET /api/teams again (to every socket; no payload). */
  'teams:changed': () => void;
  /** A supervisor changed the reason catalogue: fetch GET /api/reasons again (to every socket; no payload). */
  'reasons:changed': () => void;
}

/**
 * The socket only delivers: every command of the client (sending or acknowledging a note,
 * acknowledging an alert, settings) goes over HTTP through client/api/. The one client event is
 * part of receiving: after a sequence gap the client asks its feed to start over.
 */
export interface ClientToServerEvents {
  /** Asks for a fresh snapshot (after a sequence gap); answered with 'floor:snapshot'. Changes nothing. */
  'floor:resync': () => void;
}

export interface SocketData {
  viewer: Viewer;
  /** Hash of the session or kiosk token: the room used to close its sockets on revocation. */
  sessionKey: string;
}

/** Socket.IO room names: one place, so server and tests agree. */
export const rooms = {
  floor: () => 'floor',
  team: (team: string) => `team:${team}`,
  rep: (rep: string) => `rep:${rep}`,
  /** Supervisors: every coaching note. */
  allNotes: () => 'notes:all',
  session: (key: string) => `session:${key}`,
} as const;

/**
 * How browsers retry after losing the server: 0.25-1 s, randomised. A restarted server is back
 * in about a second and a wall screen should be too; the jitter still spreads a room of TVs out.
 * The chaos suite connects with the same settings.
 */
export const CLIENT_RECONNECT = { reconnectionDelay: 250, reconnectionDelayMax: 1000 } as const;
