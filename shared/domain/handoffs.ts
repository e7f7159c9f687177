import { z } from 'zod';
import { idSchema, type LeadResult } from '../events/callEvent';
import type { EpochMs } from '../time';

/**
 * Lead handoffs (issue #16): a rep hands a qualified lead to a team or person who closes or
 * fulfils it; the receiving side accepts or rejects it and later closes it won or lost. The
 * ledger (server/redis/handoffRepo.ts) keeps each lead's facts apart (handoff, acceptance,
 * rejection, close), each the earliest of its kind by (ts, entry ID), and derives the state from
 * them, so the events of one lead may arrive in any order and more than once.
 *
 * - `pending`: something about the lead arrived before its handoff (kept, not listed until it comes);
 * - `open`: handed off, waiting for acceptance (the `handoff_waiting` alert watches these);
 * - `accepted`, `rejected`: the later of the two decisions (a lead rejected, then accepted after
 *   all, is accepted; ties to accepted);
 * - `won`, `lost`: closed. A close is final: a late acceptance or rejection does not reopen it.
 */
export const HANDOFF_STATES = ['pending', 'open', 'accepted', 'rejected', 'won', 'lost'] as const;
export type HandoffState = (typeof HANDOFF_STATES)[number];

/** Rates and the recent list cover this many days of handoffs (older ones are forgotten). */
export const HANDOFF_WINDOW_DAYS = 30;

/** One lead as the ledger stores it (server side). Never the customer id: the ledger does not keep it. */
export interface HandoffItem {
  lead: string;
  /** The originating rep. */
  rep: string;
  /** The originating rep's team when the handoff was read. */
  team: string | null;
  /** The receiving team or person, as the event named it. */
  to: string;
  /** The receiving team: `to`'s team when `to` is a rep the floor knows, else `to` itself. */
  toTeam: string;
  call: string | null;
  campaign: string | null;
  /** Display label (personal data: the originating rep and the receiving team only). */
  contact: string | null;
  /** Expected value given with the handoff. */
  amount: number | null;
  /** When it was handed off; null while only later facts arrived (state `pending`). */
  handoffAt: EpochMs | null;
  acceptedAt: EpochMs | null;
  acceptedBy: string | null;
  rejectedAt: EpochMs | null;
  rejectedBy: string | null;
  rejectedReason: string | null;
  closedAt: EpochMs | null;
  result: LeadResult | null;
  closedAmount: number | null;
  closedBy: string | null;
  state: HandoffState;
}

/** The state a lead's facts make (the ledger's Lua script derives the same; see stateOf in handoffRepo). */
export function handoffState(
  item: Pick<HandoffItem, 'handoffAt' | 'acceptedAt' | 'rejectedAt' | 'closedAt' | 'result'>,
): HandoffState {
  if (item.handoffAt === null) return 'pending';
  if (item.closedAt !== null && item.result !== null) return item.result;
  if (item.acceptedAt !== null && (item.rejectedAt === null || item.acceptedAt >= item.rejectedAt)) return 'accepted';
  if (item.rejectedAt !== null) return 'rejected';
  return 'open';
}

/** Still in someone's hands: waiting for acceptance, or accepted and not closed. */
export const isOpenState = (state: HandoffState): boolean => state === 'open' || state === 'accepted';

/** A handoff as the API sends it: no customer id, the contact label only where the viewer may read it. */
export interface HandoffView {
  lead: string;
  rep: string;
  /** The originating rep's display name as the floor knows it (the id when unknown). */
  repName: string;
  team: string | null;
  to: string;
  toTeam: string;
  campaign: string | null;
  /** The originating rep's own and the receiving team's only; null for everyone else. */
  contact: string | null;
  amount: number | null;
  handoffAt: EpochMs;
  state: Exclude<HandoffState, 'pending'>;
  acceptedAt: EpochMs | null;
  acceptedBy: string | null;
  rejectedReason: string | null;
  closedAt: EpochMs | null;
  closedAmount: number | null;
  /** Waiting for acceptance longer than the threshold (the `handoff_waiting` alert holds). */
  waiting: boolean;
}

/** Counts behind the rates of one rep or receiving team over the window. */
export interface HandoffRate {
  /** Rep id or receiving team id. */
  key: string;
  handoffs: number;
  accepted: number;
  rejected: number;
  won: number;
  lost: number;
  /** Accepted (closed ones included: a close implies it was taken) / decided; null when none decided. */
  acceptanceRate: number | null;
  /** Won / closed; null when none closed. */
  closeRate: number | null;
  wonAmount: number;
}

/** What the viewer may know of handoffs; a kiosk gets the counts only. */
export interface HandoffCounts {
  open: number;
  waiting: number;
  accepted: number;
}

/** GET /api/handoffs */
export interface HandoffsResponse {
  /** Open and accepted handoffs in the viewer's reach, oldest first (empty for a kiosk). */
  open: HandoffView[];
  /** Decided or closed handoffs of the window, newest first (empty for a kiosk). */
  recent: HandoffView[];
  byRep: HandoffRate[];
  byTeam: HandoffRate[];
  counts: HandoffCounts;
  waitMinutes: number;
  windowDays: number;
  serverNow: EpochMs;
}

/** Decided = accepted, rejected or closed (a closed lead was taken). */
function rateOf(key: string, items: readonly Pick<HandoffView, 'state' | 'closedAmount'>[]): HandoffRate {
  const count = (states: readonly HandoffState[]) => items.filter((i) => states.includes(i.state)).length;
  const [accepted, rejected, won, lost] = [
    count(['accepted', 'won', 'lost']),
    count(['rejected']),
    count(['won']),
    count(['lost']),
  ];
  const wonAmount = items.reduce((sum, i) => (i.state === 'won' ? sum + (i.closedAmount ?? 0) : sum), 0);
  return {
    key,
    handoffs: items.length,
    accepted,
    rejected,
    won,
    lost,
    acceptanceRate: accepted + rejected > 0 ? accepted / (accepted + rejected) : null,
    closeRate: won + lost > 0 ? won / (won + lost) : null,
    wonAmount: Math.round(wonAmount * 100) / 100,
  };
}

/** Rates per key (rep or receiving team), most handoffs first, then by key. */
export function handoffRates<T extends Pick<HandoffView, 'state' | 'closedAmount'>>(
  items: readonly T[],
  keyOf: (item: T) => string,
): HandoffRate[] {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    let group = groups.get(key);
    if (!group) groups.set(key, (group = []));
    group.push(item);
  }
  return [...groups]
    .map(([key, group]) => rateOf(key, group))
    .sort((a, b) => b.handoffs - a.handoffs || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/** GET /api/handoffs query: a lead or supervisor may narrow to one rep; a supervisor to one team. */
export const handoffsQuerySchema = z.object({ rep: idSchema.optional(), team: idSchema.optional() }).strict();

export const handoffRoutes = {
  list: '/api/handoffs',
  accept: (lead: string) => `/api/handoffs/${encodeURIComponent(lead)}/accept`,
} as const;

const rateSchema = z.object({
  key: z.string(),
  handoffs: z.number(),
  accepted: z.number(),
  rejected: z.number(),
  won: z.number(),
  lost: z.number(),
  acceptanceRate: z.number().nullable(),
  closeRate: z.number().nullable(),
  wonAmount: z.number(),
}) satisfies z.ZodType<HandoffRate>;

export const handoffViewSchema = z.object({
  lead: z.string(),
  rep: z.string(),
  repName: z.string(),
  team: z.string().nullable(),
  to: z.string(),
  toTeam: z.string(),
  campaign: z.string().nullable(),
  contact: z.string().nullable(),
  amount: z.number().nullable(),
  handoffAt: z.number(),
  state: z.enum(['open', 'accepted', 'rejected', 'won', 'lost']),
  acceptedAt: z.number().nullable(),
  acceptedBy: z.string().nullable(),
  rejectedReason: z.string().nullable(),
  closedAt: z.number().nullable(),
  closedAmount: z.number().nullable(),
  waiting: z.boolean(),
}) satisfies z.ZodType<HandoffView>;

export const handoffsResponseSchema = z.object({
  open: z.array(handoffViewSchema),
  recent: z.array(handoffViewSchema),
  byRep: z.array(rateSchema),
  byTeam: z.array(rateSchema),
  counts: z.object({ open: z.number(), waiting: z.number(), accepted: z.number() }),
  waitMinutes: z.number(),
  windowDays: z.number(),
  serverNow: z.number(),
}) satisfies z.ZodType<HandoffsResponse>;
