import { MINUTE_MS, type EpochMs } from '../../../shared/time';
import type { FloorLayout } from './dimensions';
import type { SimEvent, SimNotice } from './events';
import type { Rng } from './random';

/** Fresh customers a rep dials per minute of the shift, on average (breaks included; measured). */
const FRESH_DIALS_PER_REP_MINUTE = 0.42;

/** When the line collapses and the short list runs dry: mid-morning, or around the live start. */
export function dayTimes(shiftStartAt: EpochMs, shiftMinutes: number, liveAt: EpochMs | undefined) {
  // A whole day (no live start): the line is flagged mid-morning and the short list runs low before lunch.
  if (liveAt === undefined)
    return {
      flagAt: shiftStartAt + Math.round(0.2 * shiftMinutes) * MINUTE_MS,
      shortListDryAt: shiftStartAt + Math.round(0.3 * shiftMinutes) * MINUTE_MS,
    };
  // A demo: the line collapsed 50 minutes ago (so its last hour is mostly after it and its baseline
  // before), or 20 minutes into a shift that has just begun; the list runs dry 45 minutes from now.
  return {
    flagAt: Math.max(shiftStartAt + 20 * MINUTE_MS, liveAt - 50 * MINUTE_MS),
    shortListDryAt: liveAt + 45 * MINUTE_MS,
  };
}

/** The short list's size: what the floor dials from it, at its share of dials, until it should run dry. */
export function estimateShortList(layout: FloorLayout, reps: number, from: EpochMs, dryAt: EpochMs): number {
  const short = layout.lists.find((l) => l.id === layout.shortList);
  if (!short) return 0;
  const total = layout.campaigns.reduce((sum, c) => sum + c.weight, 0);
  const campaign = layout.campaigns.find((c) => c.id === short.campaign)?.weight ?? 0;
  const siblings = layout.lists.filter((l) => l.campaign === short.campaign).reduce((sum, l) => sum + l.weight, 0);
  const share = (campaign / total) * (short.weight / siblings);
  const minutes = Math.max(30, (dryAt - from) / MINUTE_MS);
  return Math.max(40, Math.round(FRESH_DIALS_PER_REP_MINUTE * reps * share * minutes));
}

export const withSize = (layout: FloorLayout, size: number): FloorLayout => ({
  ...layout,
  lists: layout.lists.map((l) => (l.id === layout.shortList ? { ...l, size } : l)),
});

const CLOSERS = ['closer-1', 'closer-2', 'closer-3', 'closer-4'];
const REJECTIONS = ['not_qualified', 'duplicate', 'no_budget'];

/** A lead handed to the closers, accepted or rejected, then won or lost (issue #16). */
export function handoff(
  rng: Rng,
  rep: string,
  outcome: Extract<SimEvent, { type: 'call.outcome' }>,
  notice: (n: SimNotice) => void,
): void {
  const lead = `lead-${outcome.call}`;
  const by = rng.pick(CLOSERS);
  const amount = rng.pick([1999, 2999, 4999, 9999]);
  const base = { rep, lead };
  notice({
    type: 'lead.handoff',
    ...base,
    at: outcome.at,
    to: rng.chance(0.8) ? 'closers' : 'fulfilment',
    call: outcome.call,
    ...(outcome.campaign ? { campaign: outcome.campaign } : {}),
    ...(outcome.customer ? { customer: outcome.customer } : {}),
    ...(outcome.contact ? { contact: outcome.contact } : {}),
    amount,
  });
  const answeredAt = outcome.at + Math.round(rng.between(5, 30) * MINUTE_MS);
  if (rng.chance(0.15))
    return notice({ type: 'lead.rejected', ...base, at: answeredAt, by, reason: rng.pick(REJECTIONS) });
  notice({ type: 'lead.accepted', ...base, at: answeredAt, by });
  const closedAt = answeredAt + Math.round(rng.between(30, 150) * MINUTE_MS);
  const won = rng.chance(0.45);
  notice({
    type: 'lead.closed',
    ...base,
    at: closedAt,
    result: won ? 'won' : 'lost',
    by,
    ...(won ? { amount } : {}),
  });
}
