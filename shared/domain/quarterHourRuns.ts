import type { CallEvent } from '../events/callEvent';
import { foldCallEvents, type FoldRules } from './fold';
import type { FloorState } from './repState';

const QUARTER_HOUR_MS = 15 * 60_000;

/** What a derived recorder is told about one run: the floor before it, after it, and its events. */
export type RunListener = (before: FloorState, after: FloorState, run: readonly CallEvent[]) => void;

/**
 * Folds a batch in runs of events of one quarter hour, so that what each run changed can be put
 * in that quarter hour's trend bucket, and so that a day ends between two runs, never inside one.
 * Every zone's offset is a whole number of quarter hours, so a local quarter hour (and so a local
 * day) never straddles a UTC quarter hour: the run key needs no time-zone lookup. The result is
 * the same state as one foldCallEvents() of the whole batch.
 */
export function foldByQuarterHour(
  state: FloorState,
  events: readonly CallEvent[],
  rules: FoldRules,
  onRun: RunListener = () => {},
): FloorState {
  const keyOf = (e: CallEvent) => Math.floor(e.at / QUARTER_HOUR_MS);
  let start = 0;
  for (let i = 1; i <= events.length; i++) {
    if (i < events.length && keyOf(events[i]!) === keyOf(events[start]!)) continue;
    const run = events.slice(start, i);
    const next = foldCallEvents(state, run, rules);
    onRun(state, next, run);
    [state, start] = [next, i];
  }
  return state;
}
