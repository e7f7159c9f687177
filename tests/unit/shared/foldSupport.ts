import { foldCallEvents } from '../../../shared/domain/fold';
import type { FoldRules } from '../../../shared/domain/fold';
import { emptyFloor } from '../../../shared/domain/repState';
import type { Callback, FloorState, RepCounters, RepState } from '../../../shared/domain/repState';
import type { CallEvent } from '../../../shared/events/callEvent';
import { foldRules } from '../../support/builders';

export const UTC_RULES: FoldRules = foldRules('UTC');

/** Folds events one at a time, as the live consumer does after catching up. */
export function foldEach(events: readonly CallEvent[], rules = UTC_RULES, state = emptyFloor()): FloorState {
  return events.reduce((s, e) => foldCallEvents(s, [e], rules), state);
}

export function repOf(state: FloorState, id: string): RepState {
  const rep = state.reps.get(id);
  if (!rep) throw new Error(`no rep ${id} in the floor state`);
  return rep;
}

/** A rep's refusal counts as a plain record (reason -> count), for assertions. */
export function refusalsOf(rep: RepState): Record<string, number> {
  return Object.fromEntries(rep.refusals);
}

/** A rep's call-backs in order (soonest first, unknown times last), for assertions. */
export function callbacksOf(rep: RepState): Callback[] {
  return [...rep.callbacks.values()];
}

export function countersOf(rep: RepState): RepCounters {
  const { dials, connects, effectiveCalls, talkMs, leads, deals, revenue } = rep;
  return { dials, connects, effectiveCalls, talkMs, leads, deals, revenue };
}

/**
 * Freezes a floor state all the way down, Maps included (their set/delete/clear throw), so any
 * in-place edit by the fold fails loudly instead of silently corrupting a shared state.
 */
export function deepFreeze<T>(value: T): T {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return value;
  if (value instanceof Map) {
    for (const [k, v] of value) {
      deepFreeze(k);
      deepFreeze(v);
    }
    for (const method of ['set', 'delete', 'clear'] as const) {
      Object.defineProperty(value, method, {
        value: () => {
          throw new TypeError(`mutated a frozen Map (${method})`);
        },
      });
    }
  }
  Object.freeze(value);
  for (const v of Object.values(value as object)) deepFreeze(v);
  return value;
}
