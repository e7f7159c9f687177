import type { EpochMs } from '../../../shared/time';
import { isFault, type SimEntry, type SimEvent } from './events';

const MINUTE_MS = 60_000;

/** The team that closes the floor's handed-off leads in the demo. */
export const CLOSER_TEAM = 'closers';

/**
 * Lead handoffs in the simulated floor (issue #16): every other qualified lead (`lead` outcome) is
 * handed to the closer team a minute later, accepted a few minutes after that, and closed some
 * twenty minutes on: won, now and then lost, and one in seven rejected instead. Deterministic (a
 * counter, no randomness), so a demo always shows a handoff flowing to the closers and back as
 * won. Returns what the runner writes: the batch, then the handoff events due by `until`.
 */
export function createHandoffFlow(): (batch: readonly SimEntry[], until: EpochMs) => SimEntry[] {
  let leads = 0;
  const pending: SimEvent[] = [];

  function plan(rep: string, call: string, at: EpochMs, n: number): void {
    const lead = `${call}-h`;
    const amount = 800 + ((n * 137) % 12) * 100;
    const handoffAt = at + MINUTE_MS;
    pending.push({ type: 'lead.handoff', rep, lead, to: CLOSER_TEAM, call, amount, at: handoffAt });
    if (n % 7 === 3) {
      pending.push({
        type: 'lead.rejected',
        rep,
        lead,
        by: 'closer-1',
        reason: 'no_budget',
        at: handoffAt + 6 * MINUTE_MS,
      });
      return;
    }
    pending.push({ type: 'lead.accepted', rep, lead, by: 'closer-1', at: handoffAt + (3 + (n % 4)) * MINUTE_MS });
    const won = n % 5 !== 4;
    const closeAt = handoffAt + (15 + (n % 10)) * MINUTE_MS;
    pending.push({
      type: 'lead.closed',
      rep,
      lead,
      result: won ? 'won' : 'lost',
      ...(won ? { amount } : {}),
      by: 'closer-1',
      at: closeAt,
    });
  }

  return (batch, until) => {
    for (const entry of batch) {
      if (isFault(entry) || entry.type !== 'call.outcome' || entry.outcome !== 'lead') continue;
      if (leads++ % 2 === 0) plan(entry.rep, entry.call, entry.at, leads);
    }
    pending.sort((a, b) => a.at - b.at);
    let due = 0;
    while (due < pending.length && pending[due]!.at <= until) due++;
    return [...batch, ...pending.splice(0, due)];
  };
}
