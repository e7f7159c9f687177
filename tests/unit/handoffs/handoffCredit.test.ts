/**
 * Handoff credit in the rep fold (issue #16): the originating rep is credited on the day a
 * handed-off lead closes won; a lead's events in any order and re-delivered give the same credit;
 * the earliest close by (ts, entry ID) wins; a checkpoint keeps the credit.
 */
import { describe, expect, it } from 'vitest';
import { decodeCheckpoint, encodeCheckpoint } from '../../../server/days/checkpoint';
import { toRepView } from '../../../shared/domain/floorView';
import { handoffState } from '../../../shared/domain/handoffs';
import { foldCallEvents } from '../../../shared/domain/fold';
import { emptyFloor, type FloorState } from '../../../shared/domain/repState';
import type { CallEvent, LeadEvent } from '../../../shared/events/callEvent';
import { parseCallEvent, toStreamFields } from '../../../shared/events/parseCallEvent';
import { UTC_RULES, foldEach, repOf } from '../shared/foldSupport';

const T = Date.UTC(2026, 10, 23, 9, 0);
const MIN = 60_000;
const login: CallEvent = { type: 'rep.login', rep: 'rep-a1', team: 'team-a', id: `${T}-0`, at: T };

/** One lead's life: handed off, accepted, closed won for 1200 (and a second, later close: lost). */
function life(lead: string, base: number): LeadEvent[] {
  return [
    { type: 'lead.handoff', rep: 'rep-a1', lead, to: 'closers', amount: 1000, id: `${base}-0`, at: base },
    { type: 'lead.accepted', rep: 'rep-a1', lead, by: 'cathy', id: `${base + MIN}-0`, at: base + MIN },
    {
      type: 'lead.closed',
      rep: 'rep-a1',
      lead,
      result: 'won',
      amount: 1200,
      id: `${base + 5 * MIN}-0`,
      at: base + 5 * MIN,
    },
    { type: 'lead.closed', rep: 'rep-a1', lead, result: 'lost', id: `${base + 9 * MIN}-0`, at: base + 9 * MIN },
  ];
}

function permutations<T>(items: readonly T[]): T[][] {
  if (items.length <= 1) return [[...items]];
  return items.flatMap((item, i) =>
    permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((p) => [item, ...p]),
  );
}

/** Events delivered in this order: each gets a new, increasing stream ID (as a re-send would). */
function delivered(events: readonly CallEvent[], from = T + 60 * MIN): CallEvent[] {
  return events.map((e, i) => ({ ...e, id: `${from + i}-0` }));
}

const credit = (state: FloorState) => {
  const rep = repOf(state, 'rep-a1');
  return { won: rep.handoffsWon, revenue: rep.handoffRevenue };
};

describe('handoff credit in the fold', () => {
  it('credits the originating rep once for a lead closed won, whatever the order of its events', () => {
    const events = life('L-1', T + MIN);
    for (const order of permutations(events)) {
      // Entry IDs in delivery order, times as the sources stamped them: the earliest close (won) wins.
      const state = foldEach([login, ...delivered(order)]);
      expect(credit(state)).toEqual({ won: 1, revenue: 1200 });
    }
  });

  it('counts a re-delivered close once, and an earlier close arriving later replaces the one kept', () => {
    const [handoff, , won] = life('L-2', T + MIN);
    let state = foldEach([login, handoff!, won!]);
    expect(credit(state)).toEqual({ won: 1, revenue: 1200 });
    // The same close again under a new entry ID (a producer's retry): still once.
    state = foldEach(delivered([won!, won!]), UTC_RULES, state);
    expect(credit(state)).toEqual({ won: 1, revenue: 1200 });
    // A close stamped earlier, lost: it wins, the credit goes.
    const lost: CallEvent = { ...won!, result: 'lost', amount: undefined, at: won!.at - MIN } as CallEvent;
    state = foldEach(delivered([lost], T + 2 * 3600_000), UTC_RULES, state);
    expect(credit(state)).toEqual({ won: 0, revenue: 0 });
    expect(repOf(state, 'rep-a1').revenue).toBe(0); // beside revenue, never in it
  });

  it('sums several leads, ignores re-reads of entries already folded and keeps handoffs out of the funnel', () => {
    const events = [login, ...life('L-1', T + MIN), ...life('L-2', T + 20 * MIN)].map((e, i) => ({
      ...e,
      id: `${T + i}-0`,
    }));
    const once = foldCallEvents(emptyFloor(), events, UTC_RULES);
    const twice = foldCallEvents(once, events, UTC_RULES); // the same entries read again
    expect(credit(twice)).toEqual({ won: 2, revenue: 2400 });
    const rep = repOf(twice, 'rep-a1');
    expect([rep.dials, rep.leads, rep.deals, rep.revenue]).toEqual([0, 0, 0, 0]);
    expect(
      toRepView(rep, { dials: 0, effectiveCalls: 0, talkMinutes: 0, leads: 0, deals: 0, revenue: 0 }),
    ).toMatchObject({ handoffsWon: 2, handoffRevenue: 2400 });
  });

  it('credits on the day of the close and neither a handoff nor an acceptance adds a rep or starts a day', () => {
    const handoff: CallEvent = { type: 'lead.handoff', rep: 'rep-z', lead: 'L-9', to: 'closers', id: `${T}-0`, at: T };
    const accepted: CallEvent = {
      type: 'lead.accepted',
      rep: 'rep-z',
      lead: 'L-9',
      by: 'x',
      id: `${T + 1}-0`,
      at: T + 1,
    };
    const state = foldEach([handoff, accepted]);
    expect(state.reps.get('rep-z')).toBeUndefined();
    expect(state.day).toBeNull();
    const nextDay = T + 24 * 3600_000;
    const closed: CallEvent = {
      type: 'lead.closed',
      rep: 'rep-z',
      lead: 'L-9',
      result: 'won',
      amount: 50,
      id: `${nextDay}-0`,
      at: nextDay,
    };
    const after = foldEach([closed], UTC_RULES, state);
    expect(after.day).toBe('2026-11-24');
    expect(repOf(after, 'rep-z')).toMatchObject({ handoffsWon: 1, handoffRevenue: 50, status: 'offline' });
  });

  it('keeps the credit and the kept closes through a checkpoint', () => {
    const events = [login, ...life('L-1', T + MIN)].map((e, i) => ({ ...e, id: `${T + i}-0` }));
    const state = foldCallEvents(emptyFloor(), events, UTC_RULES);
    const text = encodeCheckpoint({ state, cursor: state.lastId!, trends: new Map() });
    const restored = decodeCheckpoint(text, '2026-11-23')!.state;
    expect(credit(restored)).toEqual({ won: 1, revenue: 1200 });
    // A close re-delivered after the restart still counts once: the kept close came back too.
    const again = foldEach(delivered([events[3]!]), UTC_RULES, restored);
    expect(credit(again)).toEqual({ won: 1, revenue: 1200 });
  });
});

describe('lead events at the parser', () => {
  const parse = (fields: Record<string, string>) => parseCallEvent(`${T}-0`, Object.entries(fields).flat());

  it('accepts the four lead events and strips unknown fields', () => {
    const handoff = parse({
      type: 'lead.handoff',
      rep: 'rep-a1',
      lead: 'crm:L-1',
      to: 'closers',
      amount: '99.50',
      contact: 'Mr Li',
      extra: 'x',
    });
    expect(handoff).toEqual({
      ok: true,
      event: {
        type: 'lead.handoff',
        rep: 'rep-a1',
        lead: 'crm:L-1',
        to: 'closers',
        amount: 99.5,
        contact: 'Mr Li',
        id: `${T}-0`,
        at: T,
      },
    });
    expect(parse({ type: 'lead.accepted', rep: 'rep-a1', lead: 'L-1', by: 'cathy' }).ok).toBe(true);
    expect(parse({ type: 'lead.rejected', rep: 'rep-a1', lead: 'L-1', by: 'cathy', reason: 'no_budget' }).ok).toBe(
      true,
    );
    expect(parse({ type: 'lead.closed', rep: 'rep-a1', lead: 'L-1', result: 'won', amount: '10' }).ok).toBe(true);
    // A typed event makes the same fields back (the simulator's and tests' path).
    const event = (handoff as { event: CallEvent }).event;
    expect(parseCallEvent(event.id, toStreamFields(event))).toEqual(handoff);
  });

  it.each([
    [{ type: 'lead.handoff', rep: 'rep-a1', lead: 'L-1' }, 'to'],
    [{ type: 'lead.handoff', rep: 'rep-a1', lead: 'bad lead', to: 'closers' }, 'lead'],
    [{ type: 'lead.handoff', lead: 'L-1', to: 'closers' }, 'rep'],
    [{ type: 'lead.handoff', rep: 'rep-a1', lead: 'L-1', to: 'closers', amount: '-5' }, 'amount'],
    [{ type: 'lead.handoff', rep: 'rep-a1', lead: 'L-1', to: 'closers', contact: 'a\u0007b' }, 'contact'],
    [{ type: 'lead.accepted', rep: 'rep-a1', lead: 'L-1' }, 'by'],
    [{ type: 'lead.rejected', rep: 'rep-a1', lead: 'L-1', by: 'cathy' }, 'reason'],
    [{ type: 'lead.rejected', rep: 'rep-a1', lead: 'L-1', by: 'cathy', reason: 'too expensive!' }, 'reason'],
    [{ type: 'lead.closed', rep: 'rep-a1', lead: 'L-1', result: 'maybe' }, 'result'],
    [{ type: 'lead.closed', rep: 'rep-a1', lead: 'L-1', result: 'won', amount: '1e9' }, 'amount'],
    [{ type: 'lead.reopened', rep: 'rep-a1', lead: 'L-1' }, 'type'],
  ])('dead-letters %o with a reason naming %s', (fields, field) => {
    const result = parse(fields as Record<string, string>);
    expect(result.ok).toBe(false);
    expect((result as { reason: string }).reason.startsWith(`${field}:`)).toBe(true);
  });
});

describe('handoffState', () => {
  const none = { handoffAt: null, acceptedAt: null, rejectedAt: null, closedAt: null, result: null } as const;
  it('derives the state as the ledger does: pending, open, the later decision, a close final', () => {
    expect(handoffState({ ...none, acceptedAt: 5 })).toBe('pending');
    expect(handoffState({ ...none, handoffAt: 1 })).toBe('open');
    expect(handoffState({ ...none, handoffAt: 1, acceptedAt: 5, rejectedAt: 3 })).toBe('accepted');
    expect(handoffState({ ...none, handoffAt: 1, acceptedAt: 3, rejectedAt: 5 })).toBe('rejected');
    expect(handoffState({ ...none, handoffAt: 1, acceptedAt: 5, rejectedAt: 5 })).toBe('accepted');
    expect(handoffState({ ...none, handoffAt: 1, acceptedAt: 9, closedAt: 5, result: 'won' })).toBe('won');
  });
});
