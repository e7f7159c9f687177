import type { LeadClosed } from '../events/callEvent';
import { compareStreamIds } from '../streamId';
import type { HandoffClose, RepState } from './repState';
import type { Owner } from './sortedMap';

/**
 * Credits a draft rep with the close of a lead the rep handed off (issue #16): a `won` close adds
 * one to `handoffsWon` and its amount to `handoffRevenue`, on the day of the close. The earliest
 * close of a lead by (ts, entry ID) wins, like a call's outcomes: a re-delivery or a second close
 * counts once, and an earlier close arriving later replaces the one kept and corrects the credit
 * by the difference. Returns whether anything changed.
 */
export function applyLeadClose(rep: RepState, event: LeadClosed, owner: Owner): boolean {
  const before = rep.handoffCloses.get(event.lead);
  if (before && !earlier(event.at, event.id, before)) return false;
  const won = event.result === 'won';
  const after: HandoffClose = { at: event.at, id: event.id, won, amount: won ? (event.amount ?? 0) : 0 };
  rep.handoffCloses = rep.handoffCloses.set(event.lead, after, owner);
  rep.handoffsWon += Number(after.won) - Number(before?.won ?? false);
  // Cents avoid float drift, as for revenue.
  rep.handoffRevenue = Math.round((rep.handoffRevenue + after.amount - (before?.amount ?? 0)) * 100) / 100;
  return before === undefined || before.won !== after.won || before.amount !== after.amount;
}

function earlier(at: number, id: string, kept: HandoffClose): boolean {
  if (at !== kept.at) return at < kept.at;
  return compareStreamIds(id, kept.id) < 0;
}

/** A rep's credit rebuilt from stored closes (a checkpoint stores the closes only). */
export function withHandoffCloses(rep: RepState, closes: Iterable<readonly [string, HandoffClose]>): RepState {
  const owner = {};
  const next: RepState = { ...rep, handoffsWon: 0, handoffRevenue: 0 };
  for (const [lead, close] of closes) {
    next.handoffCloses = next.handoffCloses.set(lead, close, owner);
    next.handoffsWon += Number(close.won);
    next.handoffRevenue = Math.round((next.handoffRevenue + close.amount) * 100) / 100;
  }
  return next;
}
