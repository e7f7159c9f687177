import type { Outcome, PauseReason } from '../events/callEvent';
import type { DayKey, EpochMs } from '../time';
import type { StreamId } from '../streamId';
import { ChunkedMap } from './chunkedMap';

export const REP_STATUSES = ['offline', 'available', 'dialing', 'on_call', 'wrapup', 'paused'] as const;
export type RepStatus = (typeof REP_STATUSES)[number];

/** What the fold remembers of one call today, so that every event of it counts once. */
export interface CallRecord {
  dialAt?: EpochMs;
  answerAt?: EpochMs;
  hangupAt?: EpochMs;
  outcome?: Outcome;
  amount?: number;
  reason?: string;
  followUpAt?: EpochMs;
}

/**
 * A rep's calls of the day, kept in two tiers so that the fold can stay immutable and cheap: a
 * batch copies only `recent` (small), and `recent` is merged into `base` once it grows past a few
 * dozen calls. Copying the whole day's calls for every batch made replay of a busy day slow.
 */
export interface CallBook {
  readonly base: ReadonlyMap<string, CallRecord>;
  readonly recent: ReadonlyMap<string, CallRecord>;
}

export const emptyCallBook = (): CallBook => ({ base: new Map(), recent: new Map() });

export function getCall(book: CallBook, call: string): CallRecord | undefined {
  return book.recent.get(call) ?? book.base.get(call);
}

/** Every call in the book in one map (recent shadows base). */
export function allCalls(book: CallBook): Map<string, CallRecord> {
  const calls = new Map(book.base);
  for (const [id, call] of book.recent) calls.set(id, call);
  return calls;
}

/** Calls in the book (a call in both tiers counts once: recent shadows base). */
export function callCount(book: CallBook): number {
  let count = book.base.size;
  for (const call of book.recent.keys()) if (!book.base.has(call)) count++;
  return count;
}

/** A call-back promised to a customer. */
export interface Callback {
  call: string;
  followUpAt: EpochMs;
}

/** The day's counters of one rep; every field is summed from the rep's calls and statuses. */
export interface RepCounters {
  dials: number;
  connects: number;
  effectiveCalls: number;
  talkMs: number;
  leads: number;
  deals: number;
  revenue: number;
}

/** One rep's live state and day totals. */
export interface RepState extends RepCounters {
  id: string;
  name: string;
  team: string | null;
  status: RepStatus;
  pauseReason: PauseReason | null;
  /** Source time the current status began (fold time, from events). */
  statusSince: EpochMs;
  currentCall: string | null;
  /** When the current call was answered, for the live call timer. */
  callAnsweredAt: EpochMs | null;
  /** Time spent today in each status, closed segments only (the open one runs from statusSince). */
  statusMs: Record<RepStatus, number>;
  /** Refusal reason -> count today. */
  refusals: Readonly<Record<string, number>>;
  callbacks: readonly Callback[];
  /** Today's calls by call id. */
  calls: CallBook;
  /** Bumped on every change; lets views skip unchanged reps. */
  version: number;
}

/** The whole floor as folded from the stream. */
export interface FloorState {
  /** Local date (floor time zone) the counters belong to; null before the first event. */
  day: DayKey | null;
  /** Last stream entry applied; entries at or before it are ignored when re-read. */
  lastId: StreamId | null;
  /** Events applied since the process started folding (for lag and health). */
  applied: number;
  reps: ChunkedMap<string, RepState>;
}

export function emptyFloor(): FloorState {
  return { day: null, lastId: null, applied: 0, reps: ChunkedMap.empty() };
}

export function zeroStatusMs(): Record<RepStatus, number> {
  return { offline: 0, available: 0, dialing: 0, on_call: 0, wrapup: 0, paused: 0 };
}

export function newRep(id: string, at: EpochMs): RepState {
  return {
    id,
    name: id,
    team: null,
    status: 'offline',
    pauseReason: null,
    statusSince: at,
    currentCall: null,
    callAnsweredAt: null,
    dials: 0,
    connects: 0,
    effectiveCalls: 0,
    talkMs: 0,
    leads: 0,
    deals: 0,
    revenue: 0,
    statusMs: zeroStatusMs(),
    refusals: {},
    callbacks: [],
    calls: emptyCallBook(),
    version: 0,
  };
}
