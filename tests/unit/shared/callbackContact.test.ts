/**
 * A call-back's `contact` (issue #12): kept by the fold on the call and its call-back, whatever
 * the order the outcomes arrive in, shown on the rep's own rows, and never in a floor or team feed.
 */
import { describe, expect, it } from 'vitest';
import { foldCallEvents } from '../../../shared/domain/fold';
import { forBoard, toRepView } from '../../../shared/domain/floorView';
import type { CallOutcome } from '../../../shared/events/callEvent';
import { feedRows } from '../../../server/realtime/scopeFeeds';
import { createEventBuilder } from '../../support/builders';
import { UTC_RULES, callbacksOf, foldEach, repOf } from './foldSupport';

const T0 = Date.UTC(2026, 10, 23, 9, 0);
const S = 1000;
const LATER = T0 + 3 * 3600 * S;
const TARGETS = { dials: 0, effectiveCalls: 0, talkMinutes: 0, leads: 0, deals: 0, revenue: 0 };

type Builder = ReturnType<typeof createEventBuilder>;
const builder = () => createEventBuilder({ start: T0 });

/** A call-back outcome of call c1; its stream ID follows the builder's earlier events (arrival order). */
function callback(
  at: number,
  contact?: string,
  followUpAt: number | undefined = LATER,
  b: Builder = builder(),
): CallOutcome {
  const event = b.outcome('rep-1', 'c1', 'callback', { at, ...(followUpAt !== undefined && { followUpAt }) });
  return contact === undefined ? event : { ...event, contact };
}

describe('call-back contact in the fold', () => {
  it('keeps the contact on the call record, the call-back and the rep view', () => {
    const rep = repOf(foldEach([callback(T0, 'Wang Fang')]), 'rep-1');
    expect(rep.calls.get('c1')?.contact).toBe('Wang Fang');
    expect(callbacksOf(rep)).toEqual([{ call: 'c1', followUpAt: LATER, contact: 'Wang Fang' }]);
    expect(toRepView(rep, TARGETS).callbacks).toEqual([{ call: 'c1', followUpAt: LATER, contact: 'Wang Fang' }]);
  });

  it('leaves the contact out when the source gave none, and drops it when the outcome is not a call-back', () => {
    expect(callbacksOf(repOf(foldEach([callback(T0)]), 'rep-1'))).toEqual([{ call: 'c1', followUpAt: LATER }]);
    const b = builder();
    const first = callback(T0, 'Liu Yang', LATER, b);
    // An earlier sale arriving later wins; a contact given with it is not kept.
    const sale: CallOutcome = { ...callback(T0 - S, 'Wang Fang', undefined, b), outcome: 'sale' };
    const rep = repOf(foldEach([first, sale]), 'rep-1');
    expect(rep.calls.get('c1')?.contact).toBeUndefined();
    expect(callbacksOf(rep)).toEqual([]);
  });

  it('takes the contact of the winning (earliest) outcome whatever the arrival order, same time or not', () => {
    for (const followUpAt of [LATER, LATER + 60 * S]) {
      const [a, b] = [builder(), builder()];
      const inOrder = repOf(
        foldEach([callback(T0, 'Wang Fang', LATER, a), callback(T0 + 30 * S, 'Liu Yang', followUpAt, a)]),
        'rep-1',
      );
      const late = callback(T0 + 30 * S, 'Liu Yang', followUpAt, b);
      const early = callback(T0, 'Wang Fang', LATER, b);
      const reversed = repOf(foldCallEvents(foldEach([late]), [early], UTC_RULES), 'rep-1');
      for (const rep of [inOrder, reversed]) {
        expect(callbacksOf(rep)).toEqual([{ call: 'c1', followUpAt: LATER, contact: 'Wang Fang' }]);
      }
    }
  });
});

describe('call-back contact never reaches a wallboard or a team feed', () => {
  const view = toRepView(repOf(foldEach([callback(T0, 'Wang Fang 138 0000 0000')]), 'rep-1'), TARGETS);

  it('is in the rep’s own feed', () => {
    expect(JSON.stringify(feedRows({ kind: 'rep', rep: 'rep-1' }, [view]))).toContain('Wang Fang');
  });

  it('is in no floor or team feed row (nor in a board row)', () => {
    for (const rows of [feedRows({ kind: 'floor' }, [view]), feedRows({ kind: 'team', team: 'team-a' }, [view])]) {
      expect(rows).toHaveLength(1);
      expect(rows[0]?.callbacks).toEqual([]);
      expect(JSON.stringify(rows)).not.toContain('Wang Fang');
    }
    expect(JSON.stringify(forBoard(view))).not.toContain('Wang Fang');
  });
});
