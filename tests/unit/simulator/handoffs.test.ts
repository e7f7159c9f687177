import { describe, expect, it } from 'vitest';
import { CLOSER_TEAM, createHandoffFlow } from '../../../server/dev/simulator/handoffs';
import { assertValid, isFault, type SimEntry, type SimEvent } from '../../../server/dev/simulator/events';

const T = Date.UTC(2026, 10, 23, 9, 0);
const MIN = 60_000;
const lead = (n: number): SimEvent => ({
  type: 'call.outcome',
  rep: `rep-${n}`,
  call: `c-${n}`,
  outcome: 'lead',
  at: T + n,
});

describe('simulated handoffs', () => {
  it('hands every other lead to the closers when due, and brings most back won; every event valid', () => {
    const flow = createHandoffFlow();
    const batch = Array.from({ length: 14 }, (_, i) => lead(i));
    // Nothing of the handoffs is due yet: the batch goes out as it is.
    expect(flow(batch, T + 10_000)).toEqual(batch);
    const later = flow([], T + 3 * 3600_000).filter((e): e is SimEvent => !isFault(e as SimEntry));
    for (const event of later) assertValid(event);
    const handoffs = later.filter((e) => e.type === 'lead.handoff');
    expect(handoffs).toHaveLength(7);
    expect(handoffs.every((h) => h.type === 'lead.handoff' && h.to === CLOSER_TEAM)).toBe(true);
    const won = later.filter((e) => e.type === 'lead.closed' && e.result === 'won');
    expect(won.length).toBeGreaterThan(0);
    expect(later.some((e) => e.type === 'lead.rejected')).toBe(true);
    // In time order, each lead's close after its handoff, and nothing left over.
    expect(later.map((e) => e.at)).toEqual([...later.map((e) => e.at)].sort((a, b) => a - b));
    expect(flow([], T + 6 * 3600_000)).toEqual([]);
    expect(later[0]!.at).toBe(T + MIN);
  });
});
