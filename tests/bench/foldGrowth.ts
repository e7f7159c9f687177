/**
 * How a rep's fold cost grows with what the rep already has (issue #10, item 4): one event per
 * fold, as the live consumer folds. Run by hand: `node --import tsx tests/bench/foldGrowth.ts`.
 * Linear cost means the second 20,000 call-backs take about as long as the first.
 */
import { foldCallEvents } from '../../shared/domain/fold';
import { toRepView } from '../../shared/domain/floorView';
import { emptyFloor, type FloorState } from '../../shared/domain/repState';
import type { CallEvent } from '../../shared/events/callEvent';
import { foldRules } from '../support/builders';

const rules = foldRules('UTC');
const START = Date.UTC(2026, 10, 23, 9, 0);
const TARGETS = { dials: 0, effectiveCalls: 0, talkMinutes: 0, leads: 0, deals: 0, revenue: 0 };
let seq = 0;

function outcome(i: number, detail: 'callback' | 'refused'): CallEvent {
  const at = START + Math.floor(i / 10);
  const id = `${at}-${seq++}`;
  return detail === 'callback'
    ? {
        id,
        type: 'call.outcome',
        rep: 'rep-1',
        call: `c${i}`,
        at,
        outcome: 'callback',
        followUpAt: at + ((i * 7919) % 86_400_000),
      }
    : { id, type: 'call.outcome', rep: 'rep-1', call: `c${i}`, at, outcome: 'refused', reason: `reason ${i}` };
}

/** Folds `count` outcomes one by one (and builds the rep's view after each, as a batch does). */
function run(state: FloorState, from: number, count: number, detail: 'callback' | 'refused'): [FloorState, number] {
  const t0 = performance.now();
  for (let i = from; i < from + count; i++) {
    state = foldCallEvents(state, [outcome(i, detail)], rules);
    toRepView(state.reps.get('rep-1')!, TARGETS);
  }
  return [state, performance.now() - t0];
}

let state = emptyFloor();
let ms: number;
[state, ms] = run(state, 0, 20_000, 'callback');
console.log(`call-backs     0-20,000: ${(ms / 1000).toFixed(2)} s`);
[state, ms] = run(state, 20_000, 20_000, 'callback');
console.log(`call-backs 20,000-40,000: ${(ms / 1000).toFixed(2)} s`);
[, ms] = run(emptyFloor(), 0, 20_000, 'refused');
console.log(`20,000 distinct refusal reasons: ${(ms / 1000).toFixed(2)} s`);
