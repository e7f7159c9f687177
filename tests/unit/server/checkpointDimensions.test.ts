import { describe, expect, it } from 'vitest';
import { decodeCheckpoint, encodeCheckpoint } from '../../../server/days/checkpoint';
import { foldCallEvents } from '../../../shared/domain/fold';
import { emptyFloor } from '../../../shared/domain/repState';
import type { CallEvent, SourceEvent } from '../../../shared/events/callEvent';
import { UTC_RULES } from '../shared/foldSupport';

const START = Date.UTC(2026, 10, 23, 9, 0);

/** Calls of three campaigns, lists and lines; the hang-ups carry causes. */
function stream(): CallEvent[] {
  const events: SourceEvent[] = [];
  for (let i = 0; i < 120; i++) {
    const rep = `rep-${i % 4}`;
    const call = `c-${i}`;
    const at = START + i * 60_000;
    const ctx = { campaign: `camp-${i % 3}`, list: `list-${i % 5}`, callerId: `+86100000${i % 7}` };
    events.push({ type: 'call.dial', rep, call, at, ...ctx });
    if (i % 2 === 0) events.push({ type: 'call.answer', rep, call, at: at + 5000 });
    events.push({
      type: 'call.hangup',
      rep,
      call,
      at: at + 70_000,
      cause: i % 3 === 0 ? 'USER_BUSY' : 'NORMAL_CLEARING',
    });
    if (i % 4 === 0) events.push({ type: 'call.outcome', rep, call, at: at + 71_000, outcome: 'sale', amount: 12.5 });
  }
  return events.map((e, i) => ({ ...e, id: `${START + i}-0` }) as CallEvent);
}

describe('checkpoints of the campaign, list and caller-ID figures', () => {
  it('restore figures from which the rest of the day folds as an uninterrupted fold', () => {
    const events = stream();
    const split = Math.floor(events.length / 2);
    const whole = foldCallEvents(emptyFloor(), events, UTC_RULES);
    const before = foldCallEvents(emptyFloor(), events.slice(0, split), UTC_RULES);
    const text = encodeCheckpoint({ state: before, cursor: events[split - 1]!.id, trends: new Map() });
    const restored = decodeCheckpoint(text, '2026-11-23')!;
    expect(restored.state.dims).toEqual(before.dims);
    expect(restored.state.reps.get('rep-1')!.campaigns).toEqual(before.reps.get('rep-1')!.campaigns);
    const resumed = foldCallEvents(restored.state, events.slice(split - 10), UTC_RULES);
    expect(resumed.dims).toEqual(whole.dims);
    for (const rep of whole.reps.values()) expect(resumed.reps.get(rep.id)!.campaigns).toEqual(rep.campaigns);
    expect(whole.dims.counts.campaigns.get('camp-0')).toMatchObject({ dials: 40 });
    expect(whole.dims.total.busy).toBe(20); // every third call, unanswered ones only
  });

  it('refuses a checkpoint without figures (the day is replayed)', () => {
    const events = stream();
    const state = foldCallEvents(emptyFloor(), events.slice(0, 20), UTC_RULES);
    const text = encodeCheckpoint({ state, cursor: events[19]!.id, trends: new Map() });
    const { dims: _dims, ...rest } = JSON.parse(text) as Record<string, unknown>;
    expect(decodeCheckpoint(JSON.stringify(rest), '2026-11-23')).toBeNull();
  });
});
