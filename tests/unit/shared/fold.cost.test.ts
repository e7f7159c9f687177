/**
 * Per-event cost of the fold must not grow with what a rep already has (issue #10, item 4):
 * 20,000 call-backs for one rep took 11 s to fold and the next 20,000 took 43 s, because every
 * outcome copied and re-sorted the rep's call-backs (and copied its refusal counts). Checked
 * structurally, never timed: folding event N copies O(log N) nodes of the rep's maps, not N.
 */
import { describe, expect, it } from 'vitest';
import { foldCallEvents } from '../../../shared/domain/fold';
import { VIEW_CALLBACKS, VIEW_REASONS, toRepView } from '../../../shared/domain/floorView';
import { emptyFloor, type FloorState, type RepState } from '../../../shared/domain/repState';
import type { CallOutcome } from '../../../shared/events/callEvent';
import { UTC_RULES, repOf } from './foldSupport';

const T0 = Date.UTC(2026, 10, 23, 9, 0);
const TARGETS = { dials: 0, effectiveCalls: 0, talkMinutes: 0, leads: 0, deals: 0, revenue: 0 };

function outcome(i: number, kind: 'callback' | 'refused'): CallOutcome {
  const at = T0 + i;
  const event: CallOutcome = { id: `${at}-0`, type: 'call.outcome', rep: 'rep-1', call: `c${i}`, at, outcome: kind };
  if (kind === 'callback')
    event.followUpAt = T0 + ((i * 7919) % 86_400) * 1000; // not in call order
  else event.reason = `reason ${i}`; // every refusal a new reason
  return event;
}

/** Folds n outcomes one per batch, as the live consumer does. */
function foldOneByOne(n: number, kind: 'callback' | 'refused'): FloorState {
  let state = emptyFloor();
  for (let i = 0; i < n; i++) state = foldCallEvents(state, [outcome(i, kind)], UTC_RULES);
  return state;
}

/** Nodes of the rep's per-day maps that folding one more event made anew (the rest is shared). */
function copiedBy(before: RepState, after: RepState): number {
  return (
    after.calls.recentSize +
    after.calls.base.nodesNotIn(before.calls.base) +
    after.callbacks.nodesNotIn(before.callbacks) +
    after.refusals.nodesNotIn(before.refusals) +
    after.refusalRanking.nodesNotIn(before.refusalRanking)
  );
}

describe('fold cost per event', () => {
  it.each(['callback', 'refused'] as const)(
    'folding one more %s outcome copies a bounded number of nodes, at 500 and at 8,000 per rep',
    (kind) => {
      const copied = [500, 8_000].map((n) => {
        const state = foldOneByOne(n, kind);
        const next = foldCallEvents(state, [outcome(n, kind)], UTC_RULES);
        const [before, after] = [repOf(state, 'rep-1'), repOf(next, 'rep-1')];
        expect(after.calls.size).toBe(n + 1);
        // The state folded from is left whole: it still has exactly n calls.
        expect(before.calls.size).toBe(n);
        return copiedBy(before, after);
      });
      // A copy of the rep's call-backs or reasons would be >= 500 and >= 8,000 nodes.
      for (const count of copied) expect(count).toBeLessThanOrEqual(4 * 40);
      expect(copied[1]! - copied[0]!).toBeLessThan(100);
    },
  );

  it('toRepView() carries the soonest call-backs and the top reasons, bounded, plus the call-back count', () => {
    const callbacks = repOf(foldOneByOne(3_000, 'callback'), 'rep-1');
    const view = toRepView(callbacks, TARGETS);
    expect(view.callbacks).toHaveLength(VIEW_CALLBACKS);
    expect(view.callbackCount).toBe(3_000);
    const due = view.callbacks.map((c) => c.followUpAt!);
    expect(due).toEqual([...due].sort((a, b) => a - b));
    expect(due[0]).toBe(Math.min(...[...callbacks.callbacks.values()].map((c) => c.followUpAt!)));

    const reasons = toRepView(repOf(foldOneByOne(3_000, 'refused'), 'rep-1'), TARGETS);
    expect(reasons.refusals).toHaveLength(VIEW_REASONS);
    expect(reasons.refusals[0]).toEqual({ reason: 'reason 0', count: 1 }); // all tied: by reason
  });

  it('toRepView() ranks reasons by count and keeps the ranking right when a count goes down', () => {
    let state = emptyFloor();
    const refuse = (i: number, reason: string, at = T0 + i * 1000): CallOutcome => ({
      ...{ id: `${T0 + i * 1000}-0`, type: 'call.outcome', rep: 'rep-1', call: `c${i}` },
      ...{ at, outcome: 'refused', reason },
    });
    state = foldCallEvents(state, [refuse(1, 'price'), refuse(2, 'price'), refuse(3, 'timing')], UTC_RULES);
    expect(toRepView(repOf(state, 'rep-1'), TARGETS).refusals).toEqual([
      { reason: 'price', count: 2 },
      { reason: 'timing', count: 1 },
    ]);
    // An earlier outcome of c2 arrives late: c2 was a call-back, not a price refusal.
    const earlier: CallOutcome = {
      ...{ id: `${T0 + 5000}-0`, type: 'call.outcome', rep: 'rep-1', call: 'c2', at: T0 + 1500 },
      ...{ outcome: 'callback', followUpAt: T0 + 86_400_000 },
    };
    const rep = repOf(foldCallEvents(state, [earlier], UTC_RULES), 'rep-1');
    expect(toRepView(rep, TARGETS).refusals).toEqual([
      { reason: 'price', count: 1 },
      { reason: 'timing', count: 1 },
    ]);
    expect(toRepView(rep, TARGETS).callbacks).toEqual([{ call: 'c2', followUpAt: T0 + 86_400_000 }]);
  });
});
