import { describe, expect, it } from 'vitest';
import type { CoachingNote } from '../../../shared/domain/coaching';
import { coachingEffect, effectCallsOf, type EffectCall } from '../../../shared/domain/coachingEffect';
import { foldCallEvents } from '../../../shared/domain/fold';
import { emptyFloor } from '../../../shared/domain/repState';
import type { CallEvent } from '../../../shared/events/callEvent';

const MIN = 60_000;
const NOTE_AT = 1_000 * MIN;
const note = (over: Partial<CoachingNote> = {}): CoachingNote => ({
  id: 'n1',
  rep: 'ann',
  team: 'a',
  author: 'lead',
  text: 'Talk longer',
  tag: null,
  call: null,
  metric: 'talk_per_connect',
  createdAt: NOTE_AT,
  ackAt: null,
  ...over,
});

/** A connected call of `talkS` seconds (0: not answered). */
function callOf(rep: string, team: string | null, i: number, at: number, talkS: number, deal = false): EffectCall {
  const connected = talkS > 0 ? 1 : 0;
  return {
    ...{ rep, team, call: `${rep}-${i}`, at, dials: 1, connects: connected },
    ...{ effectiveCalls: talkS >= 60 ? 1 : 0, talkMs: talkS * 1000, leads: deal ? 1 : 0, deals: deal ? 1 : 0 },
  };
}

/** `n` calls of a rep every minute, ending just before the note or starting at it. */
const side = (rep: string, team: string, n: number, before: boolean, talkS: number, from = 0) =>
  Array.from({ length: n }, (_, k) =>
    callOf(rep, team, from + k, before ? NOTE_AT - (n - k) * MIN : NOTE_AT + k * MIN, talkS),
  );

describe('coachingEffect', () => {
  it('compares the same number of calls each side, capped, whatever their order', () => {
    const calls = [
      ...side('ann', 'a', 80, true, 30), // only the last 12 before count
      ...side('ann', 'a', 12, false, 90, 100),
      ...side('amy', 'a', 20, true, 40, 200),
      ...side('amy', 'a', 20, false, 50, 300),
      ...side('bob', 'b', 20, false, 500, 400), // another team: not the comparison
    ];
    const effect = coachingEffect(note(), calls, 0);
    expect(effect).toMatchObject({
      status: 'measured',
      callsAfter: 12,
      before: { calls: 12, value: 30_000 },
      after: { calls: 12, value: 90_000 },
      change: 60_000,
      move: 'up',
      span: { from: NOTE_AT - 12 * MIN, until: NOTE_AT + 11 * MIN },
      team: { before: { calls: 12, value: 40_000 }, after: { calls: 12, value: 50_000 }, change: 10_000 },
    });
    const shuffled = [...calls, ...calls.slice(0, 30)].reverse(); // re-delivered and reordered
    expect(coachingEffect(note(), shuffled, 0)).toEqual(effect);
    const capped = coachingEffect(note(), [...calls, ...side('ann', 'a', 70, false, 90, 1000)], 0);
    expect(capped).toMatchObject({ callsAfter: 50, before: { calls: 50 }, after: { calls: 50 } });
  });

  it('counts connect rate over dials and the others over connected calls', () => {
    const calls = [
      ...Array.from({ length: 10 }, (_, k) => callOf('ann', 'a', k, NOTE_AT - (10 - k) * MIN, k < 3 ? 30 : 0)),
      ...Array.from({ length: 10 }, (_, k) => callOf('ann', 'a', 50 + k, NOTE_AT + k * MIN, k < 6 ? 30 : 0)),
    ];
    const rate = coachingEffect(note({ metric: 'connect_rate' }), calls, 0);
    expect(rate).toMatchObject({ before: { calls: 10, value: 0.3 }, after: { calls: 10, value: 0.6 }, move: 'up' });
    expect(coachingEffect(note({ metric: 'conversion' }), calls, 0)).toMatchObject({
      status: 'not_enough_calls', // 3 connected calls before the note
      callsAfter: 6,
    });
  });

  it('calls a change within the tolerance flat, and says what is missing', () => {
    const calls = [...side('ann', 'a', 5, true, 60), ...side('ann', 'a', 5, false, 74, 10)];
    expect(coachingEffect(note(), calls, 0)).toMatchObject({ move: 'flat', change: 14_000 });
    expect(coachingEffect(note(), calls.slice(0, 9), 0)).toMatchObject({ status: 'not_enough_calls', callsAfter: 4 });
    expect(coachingEffect(note(), calls, NOTE_AT + 1)).toMatchObject({ status: 'calls_gone', before: null });
    expect(coachingEffect(note(), calls, null).status).toBe('calls_gone');
    expect(coachingEffect(note({ metric: undefined }), calls, 0).status).toBe('no_metric');
    expect(coachingEffect(note({ team: null }), calls, 0).team).toBeNull();
  });

  it('takes the finished calls of a fold', () => {
    const rules = { effectiveCallMs: 60_000, dayOf: () => '2026-03-02' };
    const ev = (e: Record<string, unknown>, n: number) =>
      ({ ...e, id: `${e.at as number}-${n}` }) as unknown as CallEvent;
    const state = foldCallEvents(
      emptyFloor(),
      [
        ev({ type: 'rep.login', rep: 'ann', name: 'Ann', team: 'a', at: 1 }, 0),
        ev({ type: 'call.dial', rep: 'ann', call: 'c1', at: 10 }, 0),
        ev({ type: 'call.answer', rep: 'ann', call: 'c1', at: 20 }, 0),
        ev({ type: 'call.hangup', rep: 'ann', call: 'c1', at: 90_020 }, 0),
        ev({ type: 'call.dial', rep: 'ann', call: 'c2', at: 100_000 }, 0), // still ringing
      ],
      rules,
    );
    expect(effectCallsOf(state, rules)).toEqual([
      {
        rep: 'ann',
        team: 'a',
        call: 'c1',
        at: 10,
        dials: 1,
        connects: 1,
        effectiveCalls: 1,
        talkMs: 90_000,
        leads: 0,
        deals: 0,
      },
    ]);
  });
});
