import type { PauseReason } from '../events/callEvent';
import type { DayKey, EpochMs } from '../time';
import type { StreamId } from '../streamId';
import { ChunkedMap } from './chunkedMap';
import { SortedMap } from './sortedMap';
import { CallBook } from './callBook';
import { emptyDimensions, type DimensionState, type RepCampaigns } from './dimensionState';

export const REP_STATUSES = ['offline', 'available', 'dialing', 'on_call', 'wrapup', 'paused'] as const;
export type RepStatus = (typeof REP_STATUSES)[number];

/** Key of refusals without a reason: no real reason is empty (they are trimmed, at least 1 char). */
export const UNKNOWN_REASON = '';

/** A call-back promised to a customer; `followUpAt` null when the source did not say when. */
export interface Callback {
  call: string;
  followUpAt: EpochMs | null;
  /** Who to call back, as the source labelled them (personal data: the rep's own page only). */
  contact?: string;
}

/**
 * The close of a lead this rep handed off (issue #16), as counted today: the earliest `lead.closed`
 * of the lead by (ts, entry ID) wins, so a re-delivered or second close counts once.
 */
export interface HandoffClose {
  at: EpochMs;
  id: StreamId;
  won: boolean;
  /** The closed amount credited (won only; 0 when the source gave none). */
  amount: number;
}

/** A refusal reason and how often it was given today. */
export interface ReasonCount {
  reason: string;
  count: number;
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
  /** Refusal reason -> count today (UNKNOWN_REASON for refusals given without one). */
  refusals: SortedMap<number>;
  /** The same counts most frequent first (ties by reason), so the top few cost O(few) to read. */
  refusalRanking: SortedMap<ReasonCount>;
  /** Promised call-backs, soonest first, those of unknown time last. */
  callbacks: SortedMap<Callback>;
  /** Outcomes counted today with a detail the source left out (sale amount, reason, follow-up time). */
  missingDetails: number;
  /** Leads this rep handed off that closed won today (credited on the day of the close). */
  handoffsWon: number;
  /** Their closed amounts: shown beside the rep's own revenue, never added to it. */
  handoffRevenue: number;
  /** Today's closes of this rep's handed-off leads, by lead. */
  handoffCloses: SortedMap<HandoffClose>;
  /** Today's calls by call id. */
  calls: CallBook;
  /** Today's counts per campaign (bucket, see dimensions.ts): what `?campaign=` views show. */
  campaigns: RepCampaigns;
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
  /** Sum of the reps' `missingDetails` today (for the health view). */
  missingDetails: number;
  reps: ChunkedMap<string, RepState>;
  /** Today's figures per campaign, list and caller ID (issue #15). */
  dims: DimensionState;
}

export function emptyFloor(): FloorState {
  return { day: null, lastId: null, applied: 0, missingDetails: 0, reps: ChunkedMap.empty(), dims: emptyDimensions() };
}

export function zeroStatusMs(): Record<RepStatus, number> {
  return { offline: 0, available: 0, dialing: 0, on_call: 0, wrapup: 0, paused: 0 };
}

const NO_CAMPAIGNS: RepCampaigns = new Map();

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
    refusals: SortedMap.empty(),
    refusalRanking: SortedMap.empty(),
    callbacks: SortedMap.empty(),
    missingDetails: 0,
    handoffsWon: 0,
    handoffRevenue: 0,
    handoffCloses: SortedMap.empty(),
    calls: CallBook.empty(),
    campaigns: NO_CAMPAIGNS,
    version: 0,
  };
}
