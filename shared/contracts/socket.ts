import type { FloorView, RepView, TeamView, Totals } from '../domain/floorView';
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
}

/** Floor configuration every view needs to compute pace and local times. */
export interface FloorSettings {
  timeZone: string;
  /** "HH:MM" local. */
  shiftStart: string;
  shiftEnd: string;
  effectiveCallSeconds: number;
}

/** Sent on every (re)connect and on request: the whole picture with the room's sequence. */
export interface FloorSnapshot extends FloorView {
  /** Sequence of the last delta sent before this snapshot; the next delta carries seq + 1. */
  seq: number;
  /** Last stream entry folded into this state. */
  cursor: StreamId | null;
  serverNow: EpochMs;
  settings: FloorSettings;
  health: Health;
}

/** Changed reps since the previous delta (full rows: last write wins), plus fresh totals. */
export interface FloorDelta {
  seq: number;
  cursor: StreamId | null;
  serverNow: EpochMs;
  day: DayKey | null;
  reps: RepView[];
  /** Ids of reps gone from the floor (day rollover drops reps who are offline). */
  removed: string[];
  teams: TeamView[];
  totals: Totals;
}

export interface ServerToClientEvents {
  'floor:snapshot': (snapshot: FloorSnapshot) => void;
  'floor:delta': (delta: FloorDelta) => void;
  'health:changed': (health: Health & { serverNow: EpochMs }) => void;
}

export interface ClientToServerEvents {
  /** Asks for a fresh snapshot (after a sequence gap); answered with 'floor:snapshot'. */
  'floor:resync': () => void;
}

/** Who is on the other end of a socket or request. */
export type Viewer = { kind: 'wallboard'; name: string };

export interface SocketData {
  viewer: Viewer;
}

/** Socket.IO room names: one place, so server and tests agree. */
export const rooms = {
  floor: () => 'floor',
} as const;
