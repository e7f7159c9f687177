import type { Outcome, SourceEvent } from '../../../shared/events/callEvent';
import { createRng } from '../../../server/dev/simulator/random';

/** The simulator's seeded PRNG (mulberry32), so every run writes the same floor. */
export const seeded = (seed: number): (() => number) => createRng(seed).next;

/**
 * A day's worth of events for a few reps, in source-time order: log-ins, calls with every
 * outcome, pauses. Enough variety to exercise every counter; not a realistic simulation.
 */
export function floorScript(opts: { reps: number; callsPerRep: number; startAt: number; seed: number }): SourceEvent[] {
  const random = seeded(opts.seed);
  const events: SourceEvent[] = [];
  const outcomes: Outcome[] = ['no_answer', 'busy', 'invalid', 'refused', 'callback', 'lead', 'sale'];
  for (let r = 0; r < opts.reps; r++) {
    const rep = `rep-${String(r + 1).padStart(3, '0')}`;
    let at = opts.startAt + r * 1000;
    events.push({ type: 'rep.login', rep, at, name: `Rep ${r + 1}`, team: `team-${'abc'[r % 3]}` });
    for (let c = 0; c < opts.callsPerRep; c++) {
      const call = `${rep}-c${c}`;
      events.push({ type: 'call.dial', rep, call, at: (at += 2000) });
      const answered = random() < 0.4;
      if (answered) events.push({ type: 'call.answer', rep, call, at: (at += 5000) });
      events.push({ type: 'call.hangup', rep, call, at: (at += answered ? Math.floor(random() * 180_000) : 20_000) });
      const outcome = answered ? outcomes[3 + Math.floor(random() * 4)]! : outcomes[Math.floor(random() * 3)]!;
      const extra =
        outcome === 'sale'
          ? { amount: Math.round(random() * 100_000) / 100 }
          : outcome === 'refused'
            ? { reason: ['price', 'not_interested', 'has_provider'][Math.floor(random() * 3)]! }
            : outcome === 'callback'
              ? { followUpAt: at + 86_400_000 }
              : {};
      events.push({ type: 'call.outcome', rep, call, at: (at += 10_000), outcome, ...extra });
      events.push({ type: 'rep.ready', rep, at: (at += 1000) });
      if (c % 7 === 6) {
        events.push({ type: 'rep.pause', rep, at: (at += 1000), reason: 'break' });
        events.push({ type: 'rep.ready', rep, at: (at += 300_000) });
      }
    }
  }
  return events.sort((a, b) => a.at - b.at);
}
