import { describe, expect, it } from 'vitest';
import { endDay, foldCallEvents } from '../../../shared/domain/fold';
import { toRepView } from '../../../shared/domain/floorView';
import { emptyFloor } from '../../../shared/domain/repState';
import { createEventBuilder, foldRules } from '../../support/builders';
import { countersOf, deepFreeze, foldEach, repOf } from './foldSupport';

const MIN = 60_000;
const ZERO = { dials: 0, connects: 0, effectiveCalls: 0, talkMs: 0, leads: 0, deals: 0, revenue: 0 };

describe('foldCallEvents() day rollover', () => {
  it('foldCallEvents() resets the counters at local midnight in Asia/Shanghai (16:00 UTC)', () => {
    const rules = foldRules('Asia/Shanghai');
    // 23:50 local on 23 Nov is 15:50 UTC, still 23 Nov in UTC too.
    const b = createEventBuilder({ start: Date.UTC(2026, 10, 23, 15, 50) });
    const evening = [
      b.login('rep-1', { name: 'Ann', team: 'team-a' }),
      ...b.callSequence('rep-1', 'c1', { talkMs: 2 * MIN, outcome: 'sale', amount: 300 }),
      b.dial('rep-1', 'c2', { at: Date.UTC(2026, 10, 23, 15, 59) }), // 23:59 local
    ];
    const lateEvening = foldEach(evening, rules);
    expect(lateEvening.day).toBe('2026-11-23');
    expect(countersOf(repOf(lateEvening, 'rep-1'))).toMatchObject({ dials: 2, deals: 1, revenue: 300 });

    const afterMidnight = foldEach([b.dial('rep-1', 'c3', { at: Date.UTC(2026, 10, 23, 16, 1) })], rules, lateEvening);
    expect(afterMidnight.day).toBe('2026-11-24');
    expect(countersOf(repOf(afterMidnight, 'rep-1'))).toEqual({ ...ZERO, dials: 1 });
    expect(repOf(afterMidnight, 'rep-1')).toMatchObject({ name: 'Ann', team: 'team-a', status: 'dialing' });
  });

  it('foldCallEvents() keeps counting across UTC midnight when the floor is in Asia/Shanghai', () => {
    const rules = foldRules('Asia/Shanghai');
    const b = createEventBuilder({ start: Date.UTC(2026, 10, 23, 23, 50) }); // 07:50 local on 24 Nov
    const state = foldEach(
      [b.dial('rep-1', 'c1'), b.dial('rep-1', 'c2', { at: Date.UTC(2026, 10, 24, 0, 10) })],
      rules,
    );
    expect(state.day).toBe('2026-11-24');
    expect(repOf(state, 'rep-1').dials).toBe(2);
  });

  it('foldCallEvents() changes the day at local midnight on the autumn DST change in Europe/London', () => {
    const rules = foldRules('Europe/London');
    // Sunday 25 Oct 2026: BST (UTC+1) ends at 02:00 local, so the day runs from 23:00 UTC on
    // the 24th to 00:00 UTC on the 26th (25 hours).
    const b = createEventBuilder({ start: Date.UTC(2026, 9, 24, 22, 59) });
    let state = foldEach([b.dial('rep-1', 'c1')], rules); // 23:59 BST on the 24th
    expect(state.day).toBe('2026-10-24');

    state = foldEach([b.dial('rep-1', 'c2', { at: Date.UTC(2026, 9, 24, 23, 1) })], rules, state); // 00:01 BST
    expect(state.day).toBe('2026-10-25');
    expect(repOf(state, 'rep-1').dials).toBe(1);

    // 23:30 GMT on the 25th: still the same local day (it would be the 26th under BST).
    state = foldEach([b.dial('rep-1', 'c3', { at: Date.UTC(2026, 9, 25, 23, 30) })], rules, state);
    expect(state.day).toBe('2026-10-25');
    expect(repOf(state, 'rep-1').dials).toBe(2);

    state = foldEach([b.dial('rep-1', 'c4', { at: Date.UTC(2026, 9, 26, 0, 1) })], rules, state); // 00:01 GMT
    expect(state.day).toBe('2026-10-26');
    expect(repOf(state, 'rep-1').dials).toBe(1);
  });

  it('foldCallEvents() changes the day at local midnight on the spring DST change in Europe/London', () => {
    const rules = foldRules('Europe/London');
    // Sunday 29 Mar 2026: BST starts at 01:00 local, so the day ends at 23:00 UTC (23 hours).
    const b = createEventBuilder({ start: Date.UTC(2026, 2, 29, 22, 59) }); // 23:59 BST
    const state = foldEach(
      [b.dial('rep-1', 'c1'), b.dial('rep-1', 'c2', { at: Date.UTC(2026, 2, 29, 23, 1) })], // 00:01 BST on the 30th
      rules,
    );
    expect(state.day).toBe('2026-03-30');
    expect(repOf(state, 'rep-1').dials).toBe(1);
  });

  it('foldCallEvents() ignores a late event of yesterday after the rollover but moves past its entry', () => {
    const rules = foldRules('Asia/Shanghai');
    const b = createEventBuilder({ start: Date.UTC(2026, 10, 23, 15, 55) });
    const yesterday = b.callSequence('rep-1', 'c1', { talkMs: 2 * MIN, outcome: 'lead' });
    const [, , , lateOutcome] = yesterday;
    if (!lateOutcome) throw new Error('expected an outcome');
    const today = foldEach(
      [...yesterday.slice(0, 3), b.dial('rep-1', 'c2', { at: Date.UTC(2026, 10, 23, 16, 5) })],
      rules,
    );
    const late = b.redeliver(lateOutcome);
    const after = foldCallEvents(today, [late], rules);
    expect(after.day).toBe('2026-11-24');
    expect(countersOf(repOf(after, 'rep-1'))).toEqual({ ...ZERO, dials: 1 });
    expect(after.lastId).toBe(late.id);
  });

  it('foldCallEvents() carries logged-in reps over to the new day and drops offline ones', () => {
    const rules = foldRules('UTC');
    const b = createEventBuilder({ start: Date.UTC(2026, 10, 23, 17, 0) });
    const state = foldEach(
      [
        b.login('rep-1', { name: 'Ann', team: 'team-a' }),
        b.pause('rep-1', 'training'),
        b.login('rep-2', { name: 'Bob' }),
        b.logout('rep-2'),
        b.login('rep-3', { name: 'Cat' }),
        b.dial('rep-3', 'c9', { at: Date.UTC(2026, 10, 24, 8, 0) }),
      ],
      rules,
    );
    expect(state.day).toBe('2026-11-24');
    expect([...state.reps.keys()].sort()).toEqual(['rep-1', 'rep-3']);
    expect(repOf(state, 'rep-1')).toMatchObject({
      status: 'paused',
      pauseReason: 'training',
      name: 'Ann',
      team: 'team-a',
    });
    expect(repOf(state, 'rep-1').calls.size).toBe(0);
    expect(countersOf(repOf(state, 'rep-3'))).toEqual({ ...ZERO, dials: 1 });
  });

  it('foldCallEvents() rolls over inside one batch without touching the input state', () => {
    const rules = foldRules('UTC');
    const b = createEventBuilder({ start: Date.UTC(2026, 10, 23, 23, 0) });
    const start = foldEach([b.login('rep-1'), ...b.callSequence('rep-1', 'c1', { talkMs: MIN })], rules);
    const snapshot = structuredClone(start);
    const next = foldCallEvents(
      start,
      [b.dial('rep-1', 'c2'), b.dial('rep-1', 'c3', { at: Date.UTC(2026, 10, 24, 0, 5) }), b.dial('rep-1', 'c4')],
      rules,
    );
    expect(start).toEqual(snapshot);
    expect(next.day).toBe('2026-11-24');
    expect(repOf(next, 'rep-1').dials).toBe(2);
    expect(emptyFloor().day).toBeNull();
  });

  describe('a call that spans midnight', () => {
    const rules = foldRules('UTC');
    const MIDNIGHT = Date.UTC(2026, 10, 24, 0, 0);
    const TARGETS = { dials: 0, effectiveCalls: 0, talkMinutes: 0, leads: 0, deals: 0, revenue: 0 };

    function eveningOnACall() {
      const b = createEventBuilder({ start: MIDNIGHT - 60 * MIN });
      const evening = foldEach(
        [
          b.login('rep-1', { name: 'Ann' }), // 23:00
          b.dial('rep-1', 'c1', { at: MIDNIGHT - 10 * MIN }),
          b.answer('rep-1', 'c1', { at: MIDNIGHT - 5 * MIN }),
        ],
        rules,
      );
      return { b, evening: deepFreeze(evening) };
    }

    it('endDay() credits the open talk and status up to midnight to the day that ends', () => {
      const { evening } = eveningOnACall();
      const closed = endDay(evening, MIDNIGHT, rules);
      const rep = repOf(closed, 'rep-1');
      expect(countersOf(rep)).toEqual({ ...ZERO, dials: 1, connects: 1, effectiveCalls: 1, talkMs: 5 * MIN });
      expect(rep.statusMs.on_call).toBe(5 * MIN);
      expect(toRepView(rep, TARGETS)).toMatchObject({ loggedInSeconds: 3600, talkSeconds: 300 });
      // The live state is left as it was (deep-frozen above), still on the call.
      expect(countersOf(repOf(evening, 'rep-1')).talkMs).toBe(0);
      expect(endDay(evening, MIDNIGHT, rules)).toEqual(closed);
    });

    it('foldCallEvents() counts only midnight to hangup on the new day, and no second dial or connect', () => {
      const { b, evening } = eveningOnACall();
      const morning = foldEach(
        [
          b.hangup('rep-1', 'c1', { at: MIDNIGHT + 10 * MIN }),
          b.outcome('rep-1', 'c1', 'sale', { at: MIDNIGHT + 11 * MIN, amount: 500 }),
        ],
        rules,
        evening,
      );
      expect(morning.day).toBe('2026-11-24');
      const rep = repOf(morning, 'rep-1');
      // The outcome belongs to the day of the dial: not counted again today.
      expect(countersOf(rep)).toEqual({ ...ZERO, talkMs: 10 * MIN });
      expect(rep).toMatchObject({ status: 'wrapup', statusSince: MIDNIGHT + 10 * MIN });
      expect(rep.statusMs.on_call).toBe(10 * MIN);
      // Both days together: the call's whole talk, once.
      expect(repOf(endDay(evening, MIDNIGHT, rules), 'rep-1').talkMs + rep.talkMs).toBe(15 * MIN);
    });

    it('foldCallEvents() counts the talk of a call dialled before midnight and answered after it, nothing else', () => {
      const b = createEventBuilder({ start: MIDNIGHT - 10 * MIN });
      const evening = foldEach([b.login('rep-1'), b.dial('rep-1', 'c1', { at: MIDNIGHT - MIN })], rules);
      expect(countersOf(repOf(endDay(evening, MIDNIGHT, rules), 'rep-1'))).toEqual({ ...ZERO, dials: 1 });
      const morning = foldEach(
        [b.answer('rep-1', 'c1', { at: MIDNIGHT + 2 * MIN }), b.hangup('rep-1', 'c1', { at: MIDNIGHT + 5 * MIN })],
        rules,
        evening,
      );
      expect(countersOf(repOf(morning, 'rep-1'))).toEqual({ ...ZERO, talkMs: 3 * MIN });
    });

    it('endDay() leaves a rep between calls with its status time closed at midnight and the counters as they were', () => {
      const b = createEventBuilder({ start: MIDNIGHT - 30 * MIN });
      const evening = foldEach([b.login('rep-1'), ...b.callSequence('rep-1', 'c1', { talkMs: 2 * MIN })], rules);
      const rep = repOf(endDay(evening, MIDNIGHT, rules), 'rep-1');
      expect(countersOf(rep)).toEqual(countersOf(repOf(evening, 'rep-1')));
      expect(rep.statusSince).toBe(MIDNIGHT);
      expect(toRepView(rep, TARGETS).loggedInSeconds).toBe(30 * 60);
    });
  });
});
