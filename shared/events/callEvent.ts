import { z } from 'zod';
import type { EpochMs } from '../time';
import type { StreamId } from '../streamId';

/** Rep and team ids: 1-64 chars of A-Za-z0-9._- (the ingestion contract). */
export const idSchema = z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, 'must be 1-64 chars of A-Za-z0-9._-');
export const callIdSchema = z.string().regex(/^[A-Za-z0-9._:@-]{1,128}$/, 'must be 1-128 chars of A-Za-z0-9._:@-');
/** A customer id (personal data): the call id's charset, 1-128 chars (e.g. `crm:88231`). */
export const customerSchema = z.string().regex(/^[A-Za-z0-9._:@-]{1,128}$/, 'must be 1-128 chars of A-Za-z0-9._:@-');
/** The number presented to the customer (the floor's line, not personal data): digits with an optional +. */
export const callerIdSchema = z.string().regex(/^\+?\d{3,20}$/, 'must be 3-20 digits with an optional leading +');
/** The network's reason a dial failed, as a short token (e.g. `USER_BUSY`, `486`, `unallocated`). */
export const causeSchema = z.string().regex(/^[A-Za-z0-9._-]{1,40}$/, 'must be 1-40 chars of A-Za-z0-9._-');

/** At most this many codes in an outcome's `tags`, and this many characters in its `remark`. */
export const MAX_TAGS = 10;
export const MAX_REMARK_CHARS = 200;

export const PAUSE_REASONS = ['break', 'lunch', 'meeting', 'training', 'other'] as const;
export type PauseReason = (typeof PAUSE_REASONS)[number];

export const OUTCOMES = ['no_answer', 'busy', 'invalid', 'refused', 'callback', 'lead', 'sale'] as const;
export type Outcome = (typeof OUTCOMES)[number];

export const EVENT_TYPES = [
  'rep.login',
  'rep.logout',
  'rep.pause',
  'rep.ready',
  'call.dial',
  'call.answer',
  'call.hangup',
  'call.outcome',
  'list.loaded',
  // Lead handoffs (issue #16): `rep` is the ORIGINATING rep on every one of them.
  'lead.handoff',
  'lead.accepted',
  'lead.rejected',
  'lead.closed',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

interface EventBase {
  /** Stream entry ID; orders entries and makes re-reads harmless. */
  id: StreamId;
  rep: string;
  /** Event time at the source (the `ts` field, else the entry ID's time). */
  at: EpochMs;
}

export type RepLogin = EventBase & { type: 'rep.login'; name?: string; team?: string };
export type RepLogout = EventBase & { type: 'rep.logout' };
export type RepPause = EventBase & { type: 'rep.pause'; reason: PauseReason };
export type RepReady = EventBase & { type: 'rep.ready' };
/**
 * Optional fields of every call event (issue #15): who and what the call was for. `customer` is
 * personal data: it never reaches floor or team feeds, the TV, or a lead's or kiosk's answers.
 */
export interface CallContext {
  /** Campaign id (id charset). */
  campaign?: string;
  /** Target list id (id charset). */
  list?: string;
  /** Lead source or medium (id charset). */
  source?: string;
  /** The number presented to the customer (the floor's line). */
  callerId?: string;
  /** A stable id of the person called (personal data). */
  customer?: string;
  /** A display label of the person called, 1-80 chars (personal data: the rep's own page only). */
  contact?: string;
}

export type CallDial = EventBase & CallContext & { type: 'call.dial'; call: string };
export type CallAnswer = EventBase & CallContext & { type: 'call.answer'; call: string };
export type CallHangup = EventBase & CallContext & { type: 'call.hangup'; call: string; cause?: string };
export type CallOutcome = EventBase &
  CallContext & {
    type: 'call.outcome';
    /** The network's reason a dial failed (with `no_answer`, `busy`, `invalid`). */
    cause?: string;
    call: string;
    outcome: Outcome;
    /** Sale amount (currency units), only for `sale`. */
    amount?: number;
    /** Refusal reason, only for `refused`. */
    reason?: string;
    /** Follow-up time, only for `callback`. */
    followUpAt?: EpochMs;
    /** Reason and feedback codes (issue #16): 1-10 distinct codes of the id charset, in the order sent. */
    tags?: string[];
    /** Free text beside the codes, 1-200 chars (personal data rules: never on the TV or a kiosk). */
    remark?: string;
  };

/** Largest list size a `list.loaded` event or a supervisor may give. */
export const MAX_LIST_SIZE = 100_000_000;

/**
 * A target list was loaded into the dialer (issue #15): its size, for penetration and "runs dry".
 * Not about a rep: `rep` is the empty string, which no rep id can be (ids are 1-64 chars); the fold
 * skips it and the campaigns module (server/campaigns) keeps the size.
 */
export interface ListLoaded {
  type: 'list.loaded';
  id: StreamId;
  at: EpochMs;
  rep: '';
  list: string;
  size: number;
  campaign?: string;
}

/** One event of the ingestion contract, parsed and typed. */
export const LEAD_RESULTS = ['won', 'lost'] as const;
export type LeadResult = (typeof LEAD_RESULTS)[number];

/**
 * Lead handoffs (issue #16): a rep hands a qualified lead to a team or person who closes or
 * fulfils it. `rep` is the originating rep on every lead event (credit folds per rep); `lead`
 * has the call id's charset. The events of one lead may arrive in any order and more than once.
 */
export type LeadHandoff = EventBase & {
  type: 'lead.handoff';
  lead: string;
  /** The receiving team or person (id charset). */
  to: string;
  call?: string;
  campaign?: string;
  /** Personal data: never stored by the handoff ledger, never shown. */
  customer?: string;
  /** Display label of the lead (personal data: the originating rep and the receiving team only). */
  contact?: string;
  /** Expected value (currency units). */
  amount?: number;
};
export type LeadAccepted = EventBase & { type: 'lead.accepted'; lead: string; by: string };
export type LeadRejected = EventBase & { type: 'lead.rejected'; lead: string; by: string; reason: string };
export type LeadClosed = EventBase & {
  type: 'lead.closed';
  lead: string;
  result: LeadResult;
  amount?: number;
  by?: string;
};
export type LeadEvent = LeadHandoff | LeadAccepted | LeadRejected | LeadClosed;

/** One event of the ingestion contract, parsed and typed. */
export type CallEvent =
  | RepLogin
  | RepLogout
  | RepPause
  | RepReady
  | CallDial
  | CallAnswer
  | CallHangup
  | CallOutcome
  | ListLoaded
  | LeadEvent;

/** An event as a source writes it, before Redis gives it an entry ID (distributes over the union). */
export type SourceEvent = CallEvent extends infer E ? (E extends CallEvent ? Omit<E, 'id'> : never) : never;
