import { describe, expect, it } from 'vitest';
import { createCoachingEffects } from '../../../server/coaching/coachingEffects';
import type { FloorService } from '../../../server/floor/floorService';
import type { CoachingRepo } from '../../../server/redis/coachingRepo';
import type { CoachingEffectsResponse } from '../../../shared/contracts/coachingEffects';
import type { CoachingNote } from '../../../shared/domain/coaching';
import { foldCallEvents } from '../../../shared/domain/fold';
import { emptyFloor, type FloorState } from '../../../shared/domain/repState';
import type { Viewer } from '../../../shared/domain/viewer';
import type { CallEvent } from '../../../shared/events/callEvent';
import { createLocalTime } from '../../../shared/time';

const MIN = 60_000;
const DAY = 24 * 60 * MIN;
const D1 = Date.UTC(2026, 2, 2); // 2026-03-02 00:00 UTC
const LEAD: Viewer = { kind: 'user', username: 'lea', role: 'lead', team: 'north' };
const KIOSK: Viewer = { kind: 'kiosk', id: 'k1', name: 'Wallboard' };
const rules = { effectiveCallMs: 60_000, dayOf: createLocalTime('UTC').dayOf };

let seq = 0;
const ev = (e: Record<string, unknown>) => ({ ...e, id: `${e.at as number}-${seq++}` }) as unknown as CallEvent;
/** A day's fold: Ana logs in and makes `n` calls from `from`, connected when `connected(i)`. */
function day(start: number, calls: { from: number; n: number; connected: (i: number) => boolean }[]): FloorState {
  const events = [ev({ type: 'rep.login', rep: 'ana', name: 'Ana', team: 'north', at: start + 8 * 60 * MIN })];
  for (const { from, n, connected } of calls)
    for (let i = 0; i < n; i++) {
      const at = from + i * MIN;
      events.push(ev({ type: 'call.dial', rep: 'ana', call: `c${at}`, at }));
      if (connected(i)) events.push(ev({ type: 'call.answer', rep: 'ana', call: `c${at}`, at: at + 1000 }));
      events.push(ev({ type: 'call.hangup', rep: 'ana', call: `c${at}`, at: at + 20_000 }));
    }
  return foldCallEvents(emptyFloor(), events, rules);
}

const note = (id: string, createdAt: number): CoachingNote => ({
  ...{ id, rep: 'ana', team: 'north', author: 'lea', text: 'Dial cleaner lists', tag: null, call: null },
  ...{ metric: 'connect_rate', createdAt, ackAt: null },
});

function setUp(live: FloorState, past: Map<string, FloorState>, notes: CoachingNote[], now: number) {
  const folds: string[] = [];
  const repo = { listForRep: async () => notes } as unknown as CoachingRepo;
  const floor = {
    state: () => live,
    view: () => ({ reps: [{ id: 'ana', team: 'north' }] }),
    repView: () => ({ team: 'north' }),
  } as unknown as FloorService;
  const dayReplay = {
    dayState: async (d: string) => {
      folds.push(d);
      return past.get(d) ?? null;
    },
  };
  const service = createCoachingEffects({ repo, floor, dayReplay, rules, clock: () => now });
  return { service, folds };
}

describe('coaching effects service', () => {
  it('folds a past day once the note is settled (cap reached on closed days), and measures the live day', async () => {
    const noteAt = D1 + 10 * 60 * MIN;
    // Day 1: 60 calls before the note (none connected), 60 after (all connected). Day 2 is today.
    const d1 = day(D1, [
      { from: D1 + 9 * 60 * MIN, n: 60, connected: () => false },
      { from: noteAt, n: 60, connected: () => true },
    ]);
    const today = day(D1 + DAY, [{ from: D1 + DAY + 9 * 60 * MIN, n: 3, connected: () => true }]);
    const past = new Map([['2026-03-02', d1]]);
    const live = note('live', D1 + DAY + 8 * 60 * MIN);
    const { service, folds } = setUp(today, past, [live, note('settled', noteAt)], D1 + DAY + 12 * 60 * MIN);
    const first = await service.effects(LEAD, {});
    expect(first.ok).toBe(true);
    const body = (first as { value: CoachingEffectsResponse }).value;
    expect(body.effects.map((e) => [e.note.id, e.status, e.callsAfter])).toEqual([
      ['live', 'not_enough_calls', 3],
      ['settled', 'measured', 50],
    ]);
    expect(body.effects[1]).toMatchObject({ before: { value: 0 }, after: { value: 1 }, move: 'up' });
    const foldsFirst = folds.length;
    const again = (await service.effects(LEAD, {})) as { value: CoachingEffectsResponse };
    expect(again.value.effects).toEqual(body.effects);
    // Only the live note's day before (2026-03-02) is asked again; the settled note is not re-measured.
    expect(folds.length - foldsFirst).toBe(1);
  });

  it('refuses a wallboard and a bad query', async () => {
    const { service } = setUp(emptyFloor(), new Map(), [], D1);
    expect(await service.effects(KIOSK, {})).toMatchObject({ ok: false, status: 403 });
    expect(await service.effects(LEAD, { days: '1e3' })).toMatchObject({ ok: false, status: 400 });
    expect(await service.effects(LEAD, { rep: ['a', 'b'] })).toMatchObject({ ok: false, status: 400 });
  });
});
