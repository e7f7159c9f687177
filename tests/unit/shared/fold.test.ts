import { describe, expect, it } from 'vitest';
import { contribution, foldCallEvent } from '../../../shared/domain/fold';
import { emptyFloor } from '../../../shared/domain/repState';
import { createEventBuilder } from '../../support/builders';
import { UTC_RULES, callbacksOf, countersOf, foldEach, refusalsOf, repOf } from './foldSupport';

const T0 = Date.UTC(2026, 10, 23, 9, 0);
const S = 1000;
const MIN = 60 * S;
const builder = () => createEventBuilder({ start: T0 });

describe('foldCallEvent() rep events', () => {
  it('foldCallEvent() makes a rep available on login, with name, team and status start', () => {
    const b = builder();
    const state = foldCallEvent(emptyFloor(), b.login('rep-1', { name: 'Ann', team: 'team-a', at: T0 }), UTC_RULES);
    const rep = repOf(state, 'rep-1');
    expect(rep).toMatchObject({ name: 'Ann', team: 'team-a', status: 'available', statusSince: T0, currentCall: null });
    expect(rep.version).toBeGreaterThan(0);
    expect(state.day).toBe('2026-11-23');
  });

  it('foldCallEvent() names a rep by id until a login gives a name', () => {
    const b = builder();
    const state = foldEach([b.dial('rep-1', 'c1', { at: T0 })]);
    expect(repOf(state, 'rep-1')).toMatchObject({ name: 'rep-1', team: null, status: 'dialing' });
  });

  it('foldCallEvent() keeps a paused rep paused on a repeated login but takes the new name', () => {
    const b = builder();
    const state = foldEach([
      b.login('rep-1', { at: T0 }),
      b.pause('rep-1', 'lunch', { at: T0 + MIN }),
      b.login('rep-1', { name: 'Ann B.', at: T0 + 2 * MIN }),
    ]);
    expect(repOf(state, 'rep-1')).toMatchObject({ status: 'paused', pauseReason: 'lunch', name: 'Ann B.' });
    expect(repOf(state, 'rep-1').statusSince).toBe(T0 + MIN);
  });

  it('foldCallEvent() keeps the current call and its timer on a repeated login during a call', () => {
    const b = builder();
    const state = foldEach([
      b.login('rep-1', { at: T0 }),
      b.dial('rep-1', 'c1', { at: T0 + MIN }),
      b.answer('rep-1', 'c1', { at: T0 + MIN + 5 * S }),
      b.login('rep-1', { team: 'team-b', at: T0 + 2 * MIN }),
    ]);
    expect(repOf(state, 'rep-1')).toMatchObject({
      status: 'on_call',
      currentCall: 'c1',
      callAnsweredAt: T0 + MIN + 5 * S,
      statusSince: T0 + MIN + 5 * S,
      team: 'team-b',
    });
  });

  it('foldCallEvent() counts pause time when a paused rep becomes ready', () => {
    const b = builder();
    const state = foldEach([
      b.login('rep-1', { at: T0 }),
      b.pause('rep-1', 'lunch', { at: T0 + 5 * MIN }),
      b.ready('rep-1', { at: T0 + 35 * MIN }),
    ]);
    const rep = repOf(state, 'rep-1');
    expect(rep).toMatchObject({ status: 'available', pauseReason: null, statusSince: T0 + 35 * MIN });
    expect(rep.statusMs).toMatchObject({ available: 5 * MIN, paused: 30 * MIN });
  });

  it('foldCallEvent() switches the pause reason without ending the pause', () => {
    const b = builder();
    const state = foldEach([b.login('rep-1', { at: T0 }), b.pause('rep-1', 'break'), b.pause('rep-1', 'meeting')]);
    expect(repOf(state, 'rep-1')).toMatchObject({ status: 'paused', pauseReason: 'meeting' });
  });

  it('foldCallEvent() takes a rep offline on logout and closes the logged-in time', () => {
    const b = builder();
    const state = foldEach([b.login('rep-1', { at: T0 }), b.logout('rep-1', { at: T0 + 8 * 60 * MIN })]);
    const rep = repOf(state, 'rep-1');
    expect(rep).toMatchObject({ status: 'offline', statusSince: T0 + 8 * 60 * MIN });
    expect(rep.statusMs.available).toBe(8 * 60 * MIN);
  });
});

describe('foldCallEvent() call events', () => {
  it('foldCallEvent() counts a dial and shows the rep dialing that call', () => {
    const b = builder();
    const state = foldEach([b.login('rep-1', { at: T0 }), b.dial('rep-1', 'c1', { at: T0 + 10 * S })]);
    const rep = repOf(state, 'rep-1');
    expect(rep).toMatchObject({ status: 'dialing', currentCall: 'c1', statusSince: T0 + 10 * S, dials: 1 });
    expect(rep.connects).toBe(0);
  });

  it('foldCallEvent() counts a connect and starts the call timer on answer', () => {
    const b = builder();
    const state = foldEach([b.dial('rep-1', 'c1', { at: T0 }), b.answer('rep-1', 'c1', { at: T0 + 7 * S })]);
    expect(repOf(state, 'rep-1')).toMatchObject({
      status: 'on_call',
      currentCall: 'c1',
      callAnsweredAt: T0 + 7 * S,
      statusSince: T0 + 7 * S,
      dials: 1,
      connects: 1,
    });
  });

  it('foldCallEvent() adds talk time when a connected call ends and moves the rep to wrap-up', () => {
    const b = builder();
    const state = foldEach(b.callSequence('rep-1', 'c1', { at: T0, ringMs: 5 * S, talkMs: 95 * S }));
    const rep = repOf(state, 'rep-1');
    expect(rep).toMatchObject({ status: 'wrapup', currentCall: null, callAnsweredAt: null });
    expect(rep.statusSince).toBe(T0 + 100 * S);
    expect(countersOf(rep)).toEqual({
      dials: 1,
      connects: 1,
      effectiveCalls: 1,
      talkMs: 95 * S,
      leads: 0,
      deals: 0,
      revenue: 0,
    });
  });

  it.each([
    [59 * S, 0],
    [60 * S - 1, 0],
    [60 * S, 1],
    [61 * S, 1],
  ])('foldCallEvent() counts a call of %i ms as %i effective calls (threshold 60 s)', (talkMs, effective) => {
    const b = builder();
    const rep = repOf(foldEach(b.callSequence('rep-1', 'c1', { talkMs })), 'rep-1');
    expect(rep.effectiveCalls).toBe(effective);
    expect(rep.talkMs).toBe(talkMs);
  });

  it('foldCallEvent() counts a dial but no connect nor talk for a call nobody answered', () => {
    const b = builder();
    const rep = repOf(foldEach(b.callSequence('rep-1', 'c1', { outcome: 'no_answer' })), 'rep-1');
    expect(countersOf(rep)).toMatchObject({ dials: 1, connects: 0, effectiveCalls: 0, talkMs: 0 });
    expect(rep.status).toBe('wrapup');
  });

  it('foldCallEvent() counts a lead, and a sale as lead, deal and revenue', () => {
    const b = builder();
    const state = foldEach([
      ...b.callSequence('rep-1', 'c1', { talkMs: 3 * MIN, outcome: 'lead' }),
      ...b.callSequence('rep-1', 'c2', { talkMs: 4 * MIN, outcome: 'sale', amount: 500 }),
      ...b.callSequence('rep-1', 'c3', { talkMs: 2 * MIN, outcome: 'sale', amount: 99.9 }),
    ]);
    expect(countersOf(repOf(state, 'rep-1'))).toMatchObject({ leads: 3, deals: 2, revenue: 599.9 });
  });

  it('foldCallEvent() sums revenue in cents without floating-point drift', () => {
    const b = builder();
    const events = [0, 1, 2].flatMap((i) =>
      b.callSequence('rep-1', `c${i}`, { talkMs: MIN, outcome: 'sale', amount: 0.1 }),
    );
    expect(repOf(foldEach(events), 'rep-1').revenue).toBe(0.3);
  });

  it('foldCallEvent() counts a lead or sale as an effective call however short the talk', () => {
    const b = builder();
    const rep = repOf(foldEach(b.callSequence('rep-1', 'c1', { talkMs: 20 * S, outcome: 'lead' })), 'rep-1');
    expect(countersOf(rep)).toMatchObject({ connects: 1, effectiveCalls: 1, leads: 1 });
  });

  it('foldCallEvent() counts refusals by reason', () => {
    const b = builder();
    const state = foldEach([
      ...b.callSequence('rep-1', 'c1', { talkMs: 30 * S, outcome: 'refused', reason: 'price' }),
      ...b.callSequence('rep-1', 'c2', { talkMs: 30 * S, outcome: 'refused', reason: 'no_need' }),
      ...b.callSequence('rep-1', 'c3', { talkMs: 30 * S, outcome: 'refused', reason: 'price' }),
    ]);
    const rep = repOf(state, 'rep-1');
    expect(refusalsOf(rep)).toEqual({ price: 2, no_need: 1 });
    expect(rep.leads).toBe(0);
  });

  it('foldCallEvent() keeps promised call-backs sorted by follow-up time', () => {
    const b = builder();
    const at = (h: number) => Date.UTC(2026, 10, 24, h);
    const state = foldEach([
      ...b.callSequence('rep-1', 'c1', { talkMs: MIN, outcome: 'callback', followUpAt: at(15) }),
      ...b.callSequence('rep-1', 'c2', { talkMs: MIN, outcome: 'callback', followUpAt: at(10) }),
      ...b.callSequence('rep-1', 'c3', { talkMs: MIN, outcome: 'callback', followUpAt: at(12) }),
    ]);
    expect(callbacksOf(repOf(state, 'rep-1'))).toEqual([
      { call: 'c2', followUpAt: at(10) },
      { call: 'c3', followUpAt: at(12) },
      { call: 'c1', followUpAt: at(15) },
    ]);
  });

  it('foldCallEvent() counts a refusal as a connect even when the answer event was lost', () => {
    const b = builder();
    const state = foldEach([
      b.dial('rep-1', 'c1'),
      b.hangup('rep-1', 'c1'),
      b.outcome('rep-1', 'c1', 'refused', { reason: 'price' }),
    ]);
    expect(countersOf(repOf(state, 'rep-1'))).toMatchObject({ dials: 1, connects: 1, effectiveCalls: 0, talkMs: 0 });
  });

  it('foldCallEvent() counts a call seen only by its outcome as dialed, so the funnel holds', () => {
    const b = builder();
    const rep = repOf(foldEach([b.outcome('rep-1', 'c1', 'sale', { amount: 10 })]), 'rep-1');
    expect(countersOf(rep)).toEqual({
      dials: 1,
      connects: 1,
      effectiveCalls: 1,
      talkMs: 0,
      leads: 1,
      deals: 1,
      revenue: 10,
    });
  });

  it('foldCallEvent() leaves the status alone on an outcome', () => {
    const b = builder();
    const events = b.callSequence('rep-1', 'c1', { talkMs: MIN });
    const before = repOf(foldEach(events), 'rep-1');
    const after = repOf(foldEach([...events, b.outcome('rep-1', 'c1', 'lead')]), 'rep-1');
    expect(after).toMatchObject({ status: before.status, statusSince: before.statusSince });
  });

  it('foldCallEvent() counts wrap-up time when the rep becomes ready after a call', () => {
    const b = builder();
    const events = [
      b.login('rep-1', { at: T0 }),
      ...b.callSequence('rep-1', 'c1', { at: T0 + MIN, ringMs: 10 * S, talkMs: 2 * MIN, readyAfterMs: 45 * S }),
    ];
    const rep = repOf(foldEach(events), 'rep-1');
    expect(rep.statusMs).toMatchObject({ available: MIN, dialing: 10 * S, on_call: 2 * MIN, wrapup: 45 * S });
    expect(rep.status).toBe('available');
  });

  it('foldCallEvent() keeps calls of different reps apart even with the same call id', () => {
    const b = builder();
    const state = foldEach([
      ...b.callSequence('rep-1', 'c1', { talkMs: MIN }),
      ...b.callSequence('rep-2', 'c1', { talkMs: MIN }),
    ]);
    expect(repOf(state, 'rep-1').dials).toBe(1);
    expect(repOf(state, 'rep-2').dials).toBe(1);
  });
});

describe('contribution()', () => {
  it('contribution() derives a call’s counters from its merged record only', () => {
    expect(contribution({}, UTC_RULES)).toEqual({
      dials: 1,
      connects: 0,
      effectiveCalls: 0,
      talkMs: 0,
      leads: 0,
      deals: 0,
      revenue: 0,
    });
    expect(contribution({ dialAt: T0, answerAt: T0 + S, hangupAt: T0 + 61 * S }, UTC_RULES)).toMatchObject({
      connects: 1,
      effectiveCalls: 1,
      talkMs: 60 * S,
    });
    expect(contribution({ answerAt: T0 + 9 * S, hangupAt: T0 }, UTC_RULES).talkMs).toBe(0);
    expect(contribution({ outcome: 'sale', amount: 42.5 }, UTC_RULES)).toMatchObject({
      leads: 1,
      deals: 1,
      revenue: 42.5,
    });
    expect(contribution({ outcome: 'busy' }, UTC_RULES).connects).toBe(0);
  });

  it('contribution() honours a configured effective-call threshold', () => {
    const rules = { ...UTC_RULES, effectiveCallMs: 30 * S };
    expect(contribution({ answerAt: T0, hangupAt: T0 + 30 * S }, rules).effectiveCalls).toBe(1);
    expect(contribution({ answerAt: T0, hangupAt: T0 + 29 * S }, rules).effectiveCalls).toBe(0);
  });
});
