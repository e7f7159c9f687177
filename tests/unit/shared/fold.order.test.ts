/**
 * Order independence of a call's events (issue #10, item 11): when sources disagree (two outcomes
 * for one call, two answers seconds apart), the earliest `ts` wins, ties to the smaller entry ID,
 * so totals never depend on which arrived first. And outcomes with a missing detail (item 12).
 */
import { describe, expect, it } from 'vitest';
import { foldCallEvents } from '../../../shared/domain/fold';
import { toRepView } from '../../../shared/domain/floorView';
import { UNKNOWN_REASON, type RepState } from '../../../shared/domain/repState';
import { topRefusals } from '../../../shared/domain/trends';
import type { CallEvent } from '../../../shared/events/callEvent';
import { createEventBuilder } from '../../support/builders';
import { UTC_RULES, callbacksOf, countersOf, foldEach, refusalsOf, repOf } from './foldSupport';

const T0 = Date.UTC(2026, 10, 23, 9, 0);
const S = 1000;
const TARGETS = { dials: 0, effectiveCalls: 0, talkMinutes: 0, leads: 0, deals: 0, revenue: 0 };

function permutations<T>(items: readonly T[]): T[][] {
  if (items.length <= 1) return [[...items]];
  return items.flatMap((item, i) =>
    permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]),
  );
}

/** Everything the rep's totals are made of, and the call's kept times (entry IDs aside). */
function figures(rep: RepState) {
  const { dialId: _d, answerId: _a, hangupId: _h, outcomeId: _o, ...call } = rep.calls.get('c1') ?? {};
  return {
    counters: countersOf(rep),
    refusals: refusalsOf(rep),
    ranking: [...rep.refusalRanking.values()],
    callbacks: callbacksOf(rep),
    missingDetails: rep.missingDetails,
    call,
  };
}

/** Folds the events in this arrival order: stream IDs follow arrival, `ts` stays the source's. */
function arriving(events: readonly CallEvent[]): RepState {
  const stamped = events.map((event, i) => ({ ...event, id: `${T0 + 3_600_000 + i}-0` }));
  return repOf(foldEach(stamped), 'rep-1');
}

describe('foldCallEvents() order of a call`s events', () => {
  it('foldCallEvents() gives the same figures for every arrival order and duplication of a call`s events', () => {
    const b = createEventBuilder({ start: T0 });
    const events: CallEvent[] = [
      b.dial('rep-1', 'c1', { at: T0 }),
      b.answer('rep-1', 'c1', { at: T0 + 5 * S }),
      b.answer('rep-1', 'c1', { at: T0 + 8 * S }), // a second source, 3 s later
      b.hangup('rep-1', 'c1', { at: T0 + 95 * S }),
      b.outcome('rep-1', 'c1', 'refused', { at: T0 + 96 * S, reason: 'price' }),
      b.outcome('rep-1', 'c1', 'sale', { at: T0 + 100 * S, amount: 1200 }), // a second, later outcome
    ];
    const expected = figures(arriving(events));
    expect(expected).toMatchObject({
      counters: { dials: 1, connects: 1, effectiveCalls: 1, talkMs: 90 * S, leads: 0, deals: 0, revenue: 0 },
      refusals: { price: 1 },
      call: { answerAt: T0 + 5 * S, outcome: 'refused', reason: 'price' },
    });
    const all = permutations(events);
    expect(all).toHaveLength(720);
    for (const order of all) {
      expect(figures(arriving(order))).toEqual(expected);
      // Delivered twice (an adapter's retry): still the same.
      expect(figures(arriving([...order, ...order.slice(0, 3)]))).toEqual(expected);
    }
  });

  it('foldCallEvents() lets a late-arriving earlier outcome replace the kept one and corrects every figure', () => {
    const b = createEventBuilder({ start: T0 });
    const dial = b.dial('rep-1', 'c1', { at: T0 });
    const sale = b.outcome('rep-1', 'c1', 'sale', { at: T0 + 100 * S, amount: 1200 });
    const callback = b.outcome('rep-1', 'c1', 'callback', { at: T0 + 90 * S, followUpAt: T0 + 86_400_000 });
    const afterSale = foldEach([dial, sale]);
    expect(countersOf(repOf(afterSale, 'rep-1'))).toMatchObject({ leads: 1, deals: 1, revenue: 1200 });
    const rep = repOf(foldCallEvents(afterSale, [callback], UTC_RULES), 'rep-1');
    expect(countersOf(rep)).toMatchObject({ dials: 1, connects: 1, leads: 0, deals: 0, revenue: 0 });
    expect(callbacksOf(rep)).toEqual([{ call: 'c1', followUpAt: T0 + 86_400_000 }]);
  });

  it('foldCallEvents() breaks a tie of equal ts by the smaller entry ID', () => {
    const b = createEventBuilder({ start: T0 });
    const first = b.outcome('rep-1', 'c1', 'refused', { at: T0, reason: 'price' });
    const second = b.outcome('rep-1', 'c1', 'refused', { at: T0, reason: 'timing' });
    expect(refusalsOf(repOf(foldEach([first, second]), 'rep-1'))).toEqual({ price: 1 });
  });
});

describe('foldCallEvents() outcomes with a missing detail', () => {
  it('foldCallEvents() counts a sale without amount, a refusal without reason and a call-back without time', () => {
    const b = createEventBuilder({ start: T0 });
    const state = foldEach([
      ...b.callSequence('rep-1', 'c1', { talkMs: 90 * S, outcome: 'sale' }),
      ...b.callSequence('rep-1', 'c2', { talkMs: 30 * S, outcome: 'refused' }),
      ...b.callSequence('rep-1', 'c3', { talkMs: 30 * S, outcome: 'refused', reason: 'price' }),
      ...b.callSequence('rep-1', 'c4', { talkMs: 30 * S, outcome: 'callback' }),
      ...b.callSequence('rep-1', 'c5', { talkMs: 30 * S, outcome: 'callback', followUpAt: T0 + 86_400_000 }),
      ...b.callSequence('rep-2', 'c6', { talkMs: 30 * S, outcome: 'sale', amount: 10 }),
    ]);
    const rep = repOf(state, 'rep-1');
    expect(countersOf(rep)).toMatchObject({ dials: 5, connects: 5, leads: 1, deals: 1, revenue: 0 });
    expect(refusalsOf(rep)).toEqual({ [UNKNOWN_REASON]: 1, price: 1 });
    expect(callbacksOf(rep)).toEqual([
      { call: 'c5', followUpAt: T0 + 86_400_000 },
      { call: 'c4', followUpAt: null }, // unknown time: after the timed ones
    ]);
    expect(rep.missingDetails).toBe(3);
    expect(repOf(state, 'rep-2').missingDetails).toBe(0);
    expect(state.missingDetails).toBe(3);
  });

  it('foldCallEvents() stops counting a missing detail when the outcome that lacked it loses to an earlier one', () => {
    const b = createEventBuilder({ start: T0 });
    const state = foldEach([
      b.outcome('rep-1', 'c1', 'sale', { at: T0 + 60 * S }),
      b.outcome('rep-1', 'c1', 'sale', { at: T0 + 50 * S, amount: 99 }),
    ]);
    expect(repOf(state, 'rep-1')).toMatchObject({ missingDetails: 0, revenue: 99 });
    expect(state.missingDetails).toBe(0);
  });
});

describe('foldCallEvents() names that are built-in object keys', () => {
  it('foldCallEvents() counts refusal reasons __proto__, constructor, toString, hasOwnProperty as reasons', () => {
    const names = ['__proto__', 'constructor', 'toString', 'hasOwnProperty'];
    const b = createEventBuilder({ start: T0 });
    const events = names.flatMap((reason, i) => [
      b.login(reason, { name: reason, team: reason }),
      ...b.callSequence('rep-1', `c${i}`, { talkMs: 30 * S, outcome: 'refused', reason }),
      ...b.callSequence(reason, `d${i}`, { talkMs: 30 * S, outcome: 'refused', reason }),
    ]);
    events.push(...b.callSequence('rep-1', 'c9', { talkMs: 30 * S, outcome: 'refused', reason: 'price' }));
    const state = foldEach(events);
    const view = toRepView(repOf(state, 'rep-1'), TARGETS);
    expect(view.refusals).toEqual([
      { reason: '__proto__', count: 1 },
      { reason: 'constructor', count: 1 },
      { reason: 'hasOwnProperty', count: 1 },
      { reason: 'price', count: 1 },
      { reason: 'toString', count: 1 },
    ]);
    for (const name of names) expect(repOf(state, name)).toMatchObject({ name, team: name, dials: 1 });
    const top = topRefusals([...state.reps.values()].map((rep) => toRepView(rep, TARGETS)));
    expect(top.find((r) => r.reason === '__proto__')).toEqual({ reason: '__proto__', count: 2 });
    expect(top.every((r) => typeof r.count === 'number')).toBe(true);
  });
});
