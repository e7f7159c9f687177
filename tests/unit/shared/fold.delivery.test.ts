import { describe, expect, it } from 'vitest';
import { foldCallEvents } from '../../../shared/domain/fold';
import { emptyFloor } from '../../../shared/domain/repState';
import { createEventBuilder } from '../../support/builders';
import { UTC_RULES, countersOf, deepFreeze, foldEach, refusalsOf, repOf } from './foldSupport';

const T0 = Date.UTC(2026, 10, 23, 9, 0);
const S = 1000;
const MIN = 60 * S;
const builder = () => createEventBuilder({ start: T0 });

describe('foldCallEvents() delivery guarantees', () => {
  it('foldCallEvents() counts a re-delivered event (same event, new stream id) once', () => {
    const b = builder();
    const call = b.callSequence('rep-1', 'c1', { talkMs: 2 * MIN, outcome: 'sale', amount: 500 });
    const once = foldEach(call);
    const twice = foldEach([...call, ...call.map((e) => b.redeliver(e))]);
    expect(countersOf(repOf(twice, 'rep-1'))).toEqual(countersOf(repOf(once, 'rep-1')));
    expect(repOf(twice, 'rep-1').version).toBe(repOf(once, 'rep-1').version);
  });

  it('foldCallEvents() counts a re-delivered refusal and call-back once', () => {
    const b = builder();
    const refused = b.outcome('rep-1', 'c1', 'refused', { reason: 'price' });
    const callback = b.outcome('rep-1', 'c2', 'callback', { followUpAt: T0 + 3600 * S });
    const rep = repOf(foldEach([refused, callback, b.redeliver(refused), b.redeliver(callback)]), 'rep-1');
    expect(refusalsOf(rep)).toEqual({ price: 1 });
    expect(rep.callbacks.size).toBe(1);
  });

  it('foldCallEvents() skips a re-read entry (same stream id) and everything older', () => {
    const b = builder();
    const events = b.callSequence('rep-1', 'c1', { talkMs: 2 * MIN, outcome: 'lead' });
    const state = foldCallEvents(emptyFloor(), events, UTC_RULES);
    const reread = foldCallEvents(
      state,
      [...events, ...b.callSequence('rep-1', 'c0', { talkMs: MIN }).map((e) => ({ ...e, id: '1-0' }))],
      UTC_RULES,
    );
    expect(reread).toEqual(state);
    expect(reread.applied).toBe(events.length);
    expect(state.lastId).toBe(events.at(-1)?.id);
  });

  it('foldCallEvents() gives the same state whether events come in one batch or one by one', () => {
    const b = builder();
    const events = [
      b.login('rep-1', { team: 't' }),
      ...b.callSequence('rep-1', 'c1', { talkMs: 70 * S, outcome: 'sale', amount: 9, readyAfterMs: 20 * S }),
      b.pause('rep-1', 'break'),
    ];
    expect(foldCallEvents(emptyFloor(), events, UTC_RULES)).toEqual(foldEach(events));
  });
});

describe('foldCallEvents() out-of-order events', () => {
  it('foldCallEvents() converges to the same talk time and counters when a hangup arrives before its answer', () => {
    const b = builder();
    const [dial, answer, hangup, outcome] = b.callSequence('rep-1', 'c1', { at: T0, talkMs: 75 * S, outcome: 'lead' });
    if (!dial || !answer || !hangup || !outcome) throw new Error('expected a whole call');
    const inOrder = repOf(foldEach([dial, answer, hangup, outcome]), 'rep-1');
    const swapped = repOf(foldEach(b.restamp([dial, hangup, answer, outcome])), 'rep-1');
    expect(countersOf(swapped)).toEqual(countersOf(inOrder));
    expect(swapped.talkMs).toBe(75 * S);
    expect(swapped).toMatchObject({ status: 'wrapup', statusSince: hangup.at, currentCall: null });
  });

  it('foldCallEvents() converges when the outcome arrives before everything else of its call', () => {
    const b = builder();
    const [dial, answer, hangup, outcome] = b.callSequence('rep-1', 'c1', {
      talkMs: 40 * S,
      outcome: 'sale',
      amount: 120,
    });
    if (!dial || !answer || !hangup || !outcome) throw new Error('expected a whole call');
    const inOrder = repOf(foldEach([dial, answer, hangup, outcome]), 'rep-1');
    const reversed = repOf(foldEach(b.restamp([outcome, hangup, answer, dial])), 'rep-1');
    expect(countersOf(reversed)).toEqual(countersOf(inOrder));
  });

  it('foldCallEvents() never moves the status back in time for a late event', () => {
    const b = builder();
    const [dial, answer, hangup] = b.callSequence('rep-1', 'c1', { at: T0, ringMs: 5 * S, talkMs: 2 * MIN });
    if (!dial || !answer || !hangup) throw new Error('expected a whole call');
    const pause = b.pause('rep-1', 'break', { at: T0 + 10 * MIN });
    const rep = repOf(foldEach(b.restamp([dial, answer, pause, hangup])), 'rep-1');
    expect(rep).toMatchObject({ status: 'paused', pauseReason: 'break', statusSince: T0 + 10 * MIN });
    expect(countersOf(rep)).toMatchObject({ talkMs: 2 * MIN, effectiveCalls: 1 });
  });

  it('foldCallEvents() counts a late dial without dragging the rep back to dialing', () => {
    const b = builder();
    const events = b.restamp(
      [b.dial('rep-1', 'c1', { at: T0 }), b.answer('rep-1', 'c1', { at: T0 + 5 * S })].reverse(),
    );
    const rep = repOf(foldEach(events), 'rep-1');
    expect(rep).toMatchObject({
      status: 'on_call',
      currentCall: 'c1',
      callAnsweredAt: T0 + 5 * S,
      dials: 1,
      connects: 1,
    });
  });

  it('foldCallEvents() ignores a late status change older than the current status', () => {
    const b = builder();
    const late = b.pause('rep-1', 'break', { at: T0 + MIN });
    const rep = repOf(
      foldEach([b.login('rep-1', { at: T0 }), b.dial('rep-1', 'c1', { at: T0 + 2 * MIN }), b.redeliver(late)]),
      'rep-1',
    );
    expect(rep).toMatchObject({ status: 'dialing', statusSince: T0 + 2 * MIN, pauseReason: null });
  });
});

describe('foldCallEvents() purity', () => {
  it('foldCallEvents() never mutates the input state (deep-frozen input)', () => {
    const b = builder();
    const first = [
      b.login('rep-1', { team: 'a' }),
      b.login('rep-2'),
      ...b.callSequence('rep-1', 'c1', { talkMs: MIN }),
    ];
    const state = deepFreeze(foldEach(first));
    const snapshot = structuredClone(state);
    const rest = [
      b.outcome('rep-1', 'c1', 'refused', { reason: 'price' }),
      ...b.callSequence('rep-2', 'c2', { talkMs: 2 * MIN, outcome: 'callback', followUpAt: T0 + 3600 * S }),
      b.pause('rep-1', 'lunch'),
      b.answer('rep-1', 'c1'),
    ];
    const next = foldCallEvents(state, rest, UTC_RULES);
    expect(state).toEqual(snapshot);
    expect(refusalsOf(repOf(next, 'rep-1'))).toEqual({ price: 1 });
    expect(foldEach(rest, UTC_RULES, state)).toEqual(next);
  });
});
