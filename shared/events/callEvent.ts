import { z } from 'zod';
import type { EpochMs } from '../time';
import type { StreamId } from '../streamId';

/** Rep and team ids: 1-64 chars of A-Za-z0-9._- (the ingestion contract). */
export const idSchema = z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, 'must be 1-64 chars of A-Za-z0-9._-');
export const callIdSchema = z.string().regex(/^[A-Za-z0-9._:@-]{1,128}$/, 'must be 1-128 chars of A-Za-z0-9._:@-');

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
export type CallDial = EventBase & { type: 'call.dial'; call: string };
export type CallAnswer = EventBase & { type: 'call.answer'; call: string };
export type CallHangup = EventBase & { type: 'call.hangup'; call: string };
export type CallOutcome = EventBase & {
  type: 'call.outcome';
  call: string;
  outcome: Outcome;
  /** Sale amount (currency units), only for `sale`. */
  amount?: number;
  /** Refusal reason, only for `refused`. */
  reason?: string;
  /** Follow-up time, only for `callback`. */
  followUpAt?: EpochMs;
  /** Who to call back (a display label, 1-80 chars), only for `callback`. */
  contact?: string;
};

/** One event of the ingestion contract, parsed and typed. */
export type CallEvent = RepLogin | RepLogout | RepPause | RepReady | CallDial | CallAnswer | CallHangup | CallOutcome;

/** An event as a source writes it, before Redis gives it an entry ID (distributes over the union). */
export type SourceEvent = CallEvent extends infer E ? (E extends CallEvent ? Omit<E, 'id'> : never) : never;
