import { describe, expect, it } from 'vitest';
import {
  CHECKPOINT_FORMAT,
  decodeCheckpoint,
  encodeCheckpoint,
  encodeCheckpointInTurns,
} from '../../../server/days/checkpoint';
import { foldCallEvents } from '../../../shared/domain/fold';
import { emptyFloor } from '../../../shared/domain/repState';
import { emptyDayTrend } from '../../../shared/domain/trends';
import type { CallEvent } from '../../../shared/events/callEvent';
import { floorScript } from '../../integration/support/floorScript';
import { UTC_RULES } from '../shared/foldSupport';

const START = Date.UTC(2026, 10, 23, 9, 0);
const DAY = '2026-11-23';

/** A day of events in stream order; the last 40 of the first half are delivered a second time. */
function stream(): { events: CallEvent[]; split: number } {
  const script = floorScript({ reps: 9, callsPerRep: 25, startAt: START, seed: 11 });
  const half = Math.floor(script.length / 2);
  const delivered = [...script.slice(0, half), ...script.slice(half - 40, half), ...script.slice(half)];
  return { events: delivered.map((e, i) => ({ ...e, id: `${START + i}-0` }) as CallEvent), split: half + 20 };
}

const trends = () => {
  const trend = emptyDayTrend();
  trend.dials[40] = 12;
  trend.statusMs.on_call[41] = 90_000;
  return new Map([['team-a', trend]]);
};

describe('checkpoints', () => {
  it('written over turns of the event loop, are the same text, of the state they began with', async () => {
    const { events, split } = stream();
    const before = foldCallEvents(emptyFloor(), events.slice(0, split), UTC_RULES);
    const small = { state: before, cursor: events[split - 1]!.id, trends: trends() };
    expect(await encodeCheckpointInTurns(small)).toBe(encodeCheckpoint(small));

    const login = (i: number) =>
      ({ type: 'rep.login', rep: `r${i}`, id: `${START + i}-0`, at: START + i }) as CallEvent;
    const many = foldCallEvents(
      emptyFloor(),
      Array.from({ length: 600 }, (_, i) => login(i)),
      UTC_RULES,
    );
    const big = { state: many, cursor: `${START + 599}-0`, trends: new Map() };
    const expected = encodeCheckpoint(big);
    // Between turns the floor goes on folding from the state being written, as the live one does.
    let later = many;
    let turns = 0;
    const text = await encodeCheckpointInTurns(big, 0, async () => {
      turns++;
      const dials = Array.from({ length: 600 }, (_, i) => ({
        ...{ type: 'call.dial', rep: `r${i}`, call: `c${turns}-${i}` },
        ...{ id: `${START + 1000 * turns + i}-0`, at: START + 1000 * turns + i },
      })) as CallEvent[];
      later = foldCallEvents(later, dials, UTC_RULES);
    });
    expect(turns).toBe(2); // 600 reps, 250 a turn
    expect(later.reps.get('r1')?.dials).toBe(2);
    expect(text).toBe(expected);
    expect(decodeCheckpoint(text, DAY)?.state.reps.get('r1')?.dials).toBe(0);
  });

  it('restore to a state from which the rest of the day folds exactly as an uninterrupted fold', () => {
    const { events, split } = stream();
    const whole = foldCallEvents(emptyFloor(), events, UTC_RULES);
    const before = foldCallEvents(emptyFloor(), events.slice(0, split), UTC_RULES);
    const text = encodeCheckpoint({ state: before, cursor: events[split - 1]!.id, trends: trends() });

    const restored = decodeCheckpoint(text, DAY);
    expect(restored?.cursor).toBe(events[split - 1]!.id);
    expect(restored?.trends).toEqual(trends());
    expect(restored?.state.reps.size).toBe(9);
    // Re-reading entries at or before the checkpoint adds nothing; the duplicates after it count once.
    const resumed = foldCallEvents(restored!.state, events.slice(split - 30), UTC_RULES);
    const decoded = (state: typeof whole) =>
      JSON.parse(encodeCheckpoint({ state, cursor: 'x', trends: new Map() })) as unknown;
    expect(resumed.reps.get('rep-001')?.dials).toBe(25);
    expect(decoded(resumed)).toEqual(decoded(whole));
  });

  it('are ignored when of another day or another format', () => {
    const { events } = stream();
    const state = foldCallEvents(emptyFloor(), events.slice(0, 50), UTC_RULES);
    const text = encodeCheckpoint({ state, cursor: events[49]!.id, trends: new Map() });
    expect(decodeCheckpoint(text, '2026-11-24')).toBeNull();
    const older = JSON.stringify({ ...JSON.parse(text), format: CHECKPOINT_FORMAT - 1 });
    expect(decodeCheckpoint(older, DAY)).toBeNull();
    const badCursor = JSON.stringify({ ...JSON.parse(text), cursor: 'not-an-id' });
    expect(decodeCheckpoint(badCursor, DAY)).toBeNull();
    expect(decodeCheckpoint(text, DAY)?.state.lastId).toBe(events[49]!.id);
  });

  it('are ignored when folded with another business-day start (FLOORBOARD_DAY_START changed)', () => {
    const { events } = stream();
    const state = foldCallEvents(emptyFloor(), events.slice(0, 50), UTC_RULES);
    const midnight = encodeCheckpoint({ state, cursor: events[49]!.id, trends: new Map() });
    expect(JSON.parse(midnight)).not.toHaveProperty('dayStartMinute'); // the default writes what it always wrote
    expect(decodeCheckpoint(midnight, DAY, 360)).toBeNull();
    const six = encodeCheckpoint({ state, cursor: events[49]!.id, trends: new Map() }, 360);
    expect(decodeCheckpoint(six, DAY)).toBeNull();
    expect(decodeCheckpoint(six, DAY, 360)?.state.lastId).toBe(events[49]!.id);
  });
});

describe('checkpoints of call-back contacts', () => {
  it('restore the contact of each call-back (format 3 and on)', () => {
    const at = START + 60_000;
    const events: CallEvent[] = [
      {
        id: `${at}-0`,
        type: 'call.outcome',
        rep: 'rep-1',
        call: 'c1',
        at,
        outcome: 'callback',
        followUpAt: at + 3600_000,
        contact: 'Wang Fang',
      },
      { id: `${at}-1`, type: 'call.outcome', rep: 'rep-1', call: 'c2', at, outcome: 'callback' },
    ];
    const state = foldCallEvents(emptyFloor(), events, UTC_RULES);
    const restored = decodeCheckpoint(encodeCheckpoint({ state, cursor: `${at}-1`, trends: new Map() }), DAY)!.state;
    expect([...restored.reps.get('rep-1')!.callbacks.values()]).toEqual([
      { call: 'c1', followUpAt: at + 3600_000, contact: 'Wang Fang' },
      { call: 'c2', followUpAt: null },
    ]);
    expect(CHECKPOINT_FORMAT).toBeGreaterThanOrEqual(3);
  });
});

describe('checkpoints of names that are built-in object keys', () => {
  it('restore reasons, call-backs and reps named __proto__, constructor, toString, hasOwnProperty as they were', () => {
    const names = ['__proto__', 'constructor', 'toString', 'hasOwnProperty'];
    const events: CallEvent[] = names.flatMap((name, i): CallEvent[] => [
      { id: '', type: 'rep.login', rep: name, at: START + i, name, team: name },
      { id: '', type: 'call.outcome', rep: name, call: `r${i}`, at: START + i, outcome: 'refused', reason: name },
      { id: '', type: 'call.outcome', rep: 'rep-1', call: name, at: START + i, outcome: 'refused', reason: name },
      { id: '', type: 'call.outcome', rep: 'rep-1', call: `cb-${name}`, at: START + i, outcome: 'callback' },
    ]);
    const state = foldCallEvents(
      emptyFloor(),
      events.map((e, i) => ({ ...e, id: `${START + i}-0` })),
      UTC_RULES,
    );
    const restored = decodeCheckpoint(encodeCheckpoint({ state, cursor: '1-0', trends: new Map() }), DAY)!.state;
    expect(restored).toEqual(state);
    expect([...restored.reps.keys()].sort()).toEqual([...names, 'rep-1'].sort());
    expect(Object.fromEntries(restored.reps.get('rep-1')!.refusals)).toEqual(
      Object.fromEntries(names.map((n) => [n, 1])),
    );
    expect(restored.reps.get('__proto__')).toMatchObject({ name: '__proto__', team: '__proto__' });
    expect(restored.reps.get('rep-1')!.callbacks.size).toBe(4);
    expect(restored.missingDetails).toBe(4);
  });
});
