import type { CodeCount, HourLine, ReviewCallbacks, ReviewHandoffs } from '../contracts/review';
import type { CallbackState } from './callbacks';
import type { CallRecord } from './callBook';
import { contribution, type FoldRules } from './callRecord';
import type { HandoffState } from './handoffs';
import type { EpochMs } from '../time';

/** The review's parts from the ledgers and the fold's calls (pure; see review.ts). */

const round2 = (n: number) => Math.round(n * 100) / 100;

/** A call-back of the ledger (never its customer or contact: the review counts, it does not list). */
export interface ReviewCallbackItem {
  call: string;
  rep: string;
  team: string | null;
  followUpAt: EpochMs | null;
  state: CallbackState;
  closedAt: EpochMs | null;
}

export interface ReviewHandoffItem {
  rep: string;
  team: string | null;
  handoffAt: EpochMs | null;
  acceptedAt: EpochMs | null;
  rejectedAt: EpochMs | null;
  state: HandoffState;
  closedAmount: number | null;
}

/**
 * Call-backs due in [start, end): done = closed by a call or by the rep within the grace of
 * their time; doneLate after it; overdue = still open at `asOf` (the end of the period, or now)
 * past time and grace; pending = open, within the grace. Cancelled ones are counted apart.
 */
export function callbackFigures(
  items: readonly ReviewCallbackItem[],
  start: EpochMs,
  end: EpochMs,
  asOf: EpochMs,
  graceMs: number,
): ReviewCallbacks {
  const out: ReviewCallbacks = { due: 0, done: 0, doneLate: 0, overdue: 0, pending: 0, missed: 0, cancelled: 0 };
  const seen = new Set<string>();
  for (const item of items) {
    if (seen.has(item.call) || item.followUpAt === null) continue;
    if (item.followUpAt < start || item.followUpAt >= end) continue;
    seen.add(item.call);
    const deadline = item.followUpAt + graceMs;
    const closedBy = item.state !== 'open' && item.closedAt !== null && item.closedAt <= asOf;
    if (item.state === 'cancelled' && closedBy) {
      out.cancelled++;
      continue;
    }
    out.due++;
    if (closedBy) {
      if (item.closedAt! <= deadline) out.done++;
      else out.doneLate++;
    } else if (asOf >= deadline) out.overdue++;
    else out.pending++;
  }
  out.missed = out.doneLate + out.overdue;
  return out;
}

export function handoffFigures(items: readonly ReviewHandoffItem[], start: EpochMs, end: EpochMs): ReviewHandoffs {
  const out: ReviewHandoffs = { sent: 0, accepted: 0, rejected: 0, won: 0, lost: 0, revenue: 0 };
  for (const item of items) {
    if (item.handoffAt === null || item.handoffAt < start || item.handoffAt >= end) continue;
    out.sent++;
    if (item.acceptedAt !== null) out.accepted++;
    if (item.state === 'rejected') out.rejected++;
    if (item.state === 'won') {
      out.won++;
      out.revenue = round2(out.revenue + (item.closedAmount ?? 0));
    }
    if (item.state === 'lost') out.lost++;
  }
  return out;
}

/**
 * A rep's day in clock hours from the fold's calls: each call counts in the hour of its dial (its
 * earliest event when the dial is missing); a call carried over midnight counted on the day before.
 */
export function hoursOfCalls(
  calls: Iterable<[string, CallRecord]>,
  hourOf: (at: EpochMs) => number,
  rules: FoldRules,
): HourLine[] {
  const hours = new Map<number, HourLine>();
  for (const [, call] of calls) {
    if (call.carriedFrom !== undefined) continue;
    const at = call.dialAt ?? call.answerAt ?? call.hangupAt ?? call.outcomeAt;
    if (at === undefined) continue;
    const minute = hourOf(at);
    const hour = hours.get(minute) ?? { minute, dials: 0, connects: 0, deals: 0, revenue: 0 };
    const counted = contribution(call, rules);
    hour.dials += counted.dials;
    hour.connects += counted.connects;
    hour.deals += counted.deals;
    hour.revenue = round2(hour.revenue + counted.revenue);
    hours.set(minute, hour);
  }
  return [...hours.values()].sort((a, b) => a.minute - b.minute);
}

export function addHours(into: Map<number, HourLine>, hours: readonly HourLine[]): void {
  for (const h of hours) {
    const sum = into.get(h.minute) ?? { minute: h.minute, dials: 0, connects: 0, deals: 0, revenue: 0 };
    sum.dials += h.dials;
    sum.connects += h.connects;
    sum.deals += h.deals;
    sum.revenue = round2(sum.revenue + h.revenue);
    into.set(h.minute, sum);
  }
}

/** Better hour first: more deals, then more revenue, then more connects, then more dials, then earlier. */
export function compareHours(a: HourLine, b: HourLine): number {
  return (
    b.deals - a.deals || b.revenue - a.revenue || b.connects - a.connects || b.dials - a.dials || a.minute - b.minute
  );
}

/** Most frequent first, ties by code. */
export function rankCounts(counts: ReadonlyMap<string, number>, limit = 10): CodeCount[] {
  return [...counts]
    .map(([code, count]) => ({ code, count }))
    .sort((a, b) => b.count - a.count || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0))
    .slice(0, limit);
}
