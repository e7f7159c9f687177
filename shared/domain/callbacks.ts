import { z } from 'zod';
import { idSchema } from '../events/callEvent';
import type { EpochMs } from '../time';

/**
 * The call-back ledger (issue #16): a call-back promised on a call stays open, across days,
 * restarts and stream trimming, until it is done. Keyed by the call it was promised on.
 */
export const CALLBACK_STATES = ['open', 'done', 'cancelled', 'called'] as const;
export type CallbackState = (typeof CALLBACK_STATES)[number];

/** One call-back as the ledger stores it (server side; `customer` is personal data). */
export interface CallbackItem {
  /** The call it was promised on (the item's key). */
  call: string;
  rep: string;
  team: string | null;
  /** When to call back; null when the source did not say. */
  followUpAt: EpochMs | null;
  contact: string | null;
  /** Who was promised a call (personal data): a later call to them closes the item. */
  customer: string | null;
  /** Source time of the outcome that promised it. */
  createdAt: EpochMs;
  state: CallbackState;
  closedAt: EpochMs | null;
  /** Who closed it: a username (done, cancelled) or the call that reached the customer (called). */
  closedBy: string | null;
}

/** A call-back as the API sends it: never the customer id; a rep's own phone-like id masked. */
export interface CallbackView {
  call: string;
  rep: string;
  team: string | null;
  followUpAt: EpochMs | null;
  contact: string | null;
  /** The rep's own call-backs only: the customer's phone-like id masked (138****1234), else null. */
  customerHint: string | null;
  createdAt: EpochMs;
  state: CallbackState;
  overdue: boolean;
}

/** GET /api/callbacks: open call-backs in the viewer's reach, overdue and due-soon first. */
export interface CallbacksResponse {
  callbacks: CallbackView[];
  /** Overdue count per rep in the list (the lead's "who is overdue"). */
  overdueByRep: Record<string, number>;
  graceMinutes: number;
  serverNow: EpochMs;
}

/** GET /api/callbacks/overdue: overdue counts per team (the wallboard's; no names, no customers). */
export interface OverdueCountsResponse {
  teams: Record<string, number>;
  serverNow: EpochMs;
}

/** Past its time by more than the grace: the lead is alerted and the rep reminded. */
export function isOverdue(item: Pick<CallbackItem, 'followUpAt'>, now: EpochMs, graceMs: number): boolean {
  return item.followUpAt !== null && now >= item.followUpAt + graceMs;
}

/** Soonest first (overdue ones are the soonest), those of unknown time last, then by call. */
export function byDue(a: Pick<CallbackItem, 'followUpAt' | 'call'>, b: Pick<CallbackItem, 'followUpAt' | 'call'>) {
  const [x, y] = [a.followUpAt ?? Infinity, b.followUpAt ?? Infinity];
  if (x !== y) return x < y ? -1 : 1;
  return a.call < b.call ? -1 : a.call > b.call ? 1 : 0;
}

export const CALLBACK_ACTIONS = ['done', 'cancel'] as const;
export type CallbackAction = (typeof CALLBACK_ACTIONS)[number];

/** POST /api/callbacks/:call/reassign body. */
export const reassignSchema = z.object({ rep: idSchema }).strict();

/** GET /api/callbacks query: a lead or supervisor may narrow to one rep or team. */
export const callbacksQuerySchema = z.object({ rep: idSchema.optional(), team: idSchema.optional() }).strict();

/** The ledger's HTTP paths (server/http/callbackRoutes.ts). */
export const callbackRoutes = {
  list: '/api/callbacks',
  overdue: '/api/callbacks/overdue',
  act: (call: string, action: CallbackAction) => `/api/callbacks/${encodeURIComponent(call)}/${action}`,
  reassign: (call: string) => `/api/callbacks/${encodeURIComponent(call)}/reassign`,
} as const;

export const callbackViewSchema = z.object({
  call: z.string(),
  rep: z.string(),
  team: z.string().nullable(),
  followUpAt: z.number().nullable(),
  contact: z.string().nullable(),
  customerHint: z.string().nullable(),
  createdAt: z.number(),
  state: z.enum(CALLBACK_STATES),
  overdue: z.boolean(),
}) satisfies z.ZodType<CallbackView>;

export const callbacksResponseSchema = z.object({
  callbacks: z.array(callbackViewSchema),
  overdueByRep: z.record(z.string(), z.number()),
  graceMinutes: z.number(),
  serverNow: z.number(),
}) satisfies z.ZodType<CallbacksResponse>;

export const overdueCountsSchema = z.object({
  teams: z.record(z.string(), z.number()),
  serverNow: z.number(),
}) satisfies z.ZodType<OverdueCountsResponse>;
