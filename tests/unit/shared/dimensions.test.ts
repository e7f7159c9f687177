/**
 * Fold per campaign, list and caller ID (issue #15): properties over seeded random days (sums,
 * order independence, re-delivery, the cap and its other bucket, the day boundary) and the cause
 * table. Every failure names the seed to replay.
 */
import { describe, expect, it } from 'vitest';
import { DIMENSION_CAPS, OTHER_BUCKET, zeroCounts, type DimensionCounts } from '../../../shared/contracts/campaigns';
import { foldCallEvents } from '../../../shared/domain/fold';
import {
  DimensionDraft,
  causeClass,
  dimensionContribution,
  emptyDimensions,
  expandQuarters,
} from '../../../shared/domain/dimensions';
import { emptyFloor, type FloorState } from '../../../shared/domain/repState';
import { OUTCOMES, type CallEvent } from '../../../shared/events/callEvent';
import { createRng as createSimulatorRng } from '../../../server/dev/simulator/random';
import { UTC_RULES, deepFreeze, foldEach } from './foldSupport';

const DAY_START = Date.UTC(2026, 10, 23, 9, 0);
const MIDNIGHT = Date.UTC(2026, 10, 24, 0, 0);
const SEEDS = Array.from({ length: 30 }, (_, i) => 1000 + i);

function createRng(seed: number) {
  const next = createSimulatorRng(seed).next;
  const int = (n: number): number => Math.floor(next() * n);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)] as T;
  const chance = (p: number): boolean => next() < p;
  function shuffle<T>(items: readonly T[]): T[] {
    const out = [...items];
    for (let i = out.length - 1; i > 0; i--) {
      const j = int(i + 1);
      [out[i], out[j]] = [out[j] as T, out[i] as T];
    }
    return out;
  }
  return { int, pick, chance, shuffle };
}
type Rng = ReturnType<typeof createRng>;

const CAMPAIGNS = ['spring', 'renewal', '__proto__', 'winback'];
const LISTS = ['l-1', 'l-2', 'constructor', 'l-4', 'l-5'];
const LINES = ['+8610000001', '+8610000002', '4001234567'];
const CAUSES = [
  'USER_BUSY',
  '486',
  'NO_ANSWER',
  '480',
  'ORIGINATOR_CANCEL',
  'UNALLOCATED_NUMBER',
  '404',
  'NORMAL_CLEARING',
];

/**
 * A random day: each call's events carry a campaign (always, when `everyCampaign`), a list and a
 * caller ID now and then, and sometimes another event of the same call disagrees about them.
 */
function randomDay(rng: Rng, everyCampaign: boolean, campaigns = CAMPAIGNS): CallEvent[] {
  const events: CallEvent[] = [];
  for (let r = 0; r < 1 + rng.int(4); r++) {
    const rep = `rep-${r}`;
    events.push({ id: '', type: 'rep.login', rep, at: DAY_START, team: r % 2 === 0 ? 'north' : 'south' });
    for (let c = rng.int(12); c > 0; c--) {
      const call = `${rep}-call-${c}`;
      const campaign = rng.pick(campaigns);
      const ctx = () => ({
        ...(everyCampaign || rng.chance(0.7) ? { campaign: rng.chance(0.9) ? campaign : rng.pick(campaigns) } : {}),
        ...(rng.chance(0.7) ? { list: rng.pick(LISTS) } : {}),
        ...(rng.chance(0.7) ? { callerId: rng.pick(LINES) } : {}),
      });
      const dialAt = DAY_START + rng.int(8 * 3600) * 1000;
      const answerAt = dialAt + rng.int(30_000);
      const hangupAt = answerAt + rng.pick([0, 30_000, 90_000, rng.int(300_000)]);
      const answered = rng.chance(0.5);
      if (rng.chance(0.85)) events.push({ id: '', type: 'call.dial', rep, call, at: dialAt, ...ctx() });
      if (answered && rng.chance(0.9)) events.push({ id: '', type: 'call.answer', rep, call, at: answerAt, ...ctx() });
      if (rng.chance(0.8)) {
        const cause = rng.chance(0.6) ? { cause: rng.pick(CAUSES) } : {};
        events.push({ id: '', type: 'call.hangup', rep, call, at: hangupAt, ...ctx(), ...cause });
      }
      if (rng.chance(0.7)) {
        const outcome = rng.pick(OUTCOMES);
        const amount = outcome === 'sale' ? { amount: rng.int(100_000) / 100 } : {};
        events.push({ id: '', type: 'call.outcome', rep, call, at: hangupAt + 1000, outcome, ...amount, ...ctx() });
      }
      if (rng.chance(0.2))
        events.push({
          id: '',
          type: 'call.outcome',
          rep,
          call,
          at: hangupAt + 500,
          outcome: rng.pick(OUTCOMES),
          ...ctx(),
        });
    }
  }
  return events;
}

const stamp = (events: readonly CallEvent[]) => events.map((e, i) => ({ ...e, id: `${DAY_START + i}-0` }));

const SUMMED = ['dials', 'connects', 'effectiveCalls', 'talkMs', 'leads', 'deals', 'revenue'] as const;

function sum(counts: Iterable<DimensionCounts>): DimensionCounts {
  const out = zeroCounts();
  for (const c of counts) for (const key of Object.keys(out) as (keyof DimensionCounts)[]) out[key] += c[key];
  out.revenue = Math.round(out.revenue * 100) / 100;
  return out;
}

/** What the fold's dimension figures are, in a form toEqual compares whatever the insertion order. */
function figures(state: FloorState) {
  const reps: Record<string, [string, DimensionCounts][]> = {};
  for (const rep of state.reps.values()) reps[rep.id] = [...rep.campaigns].sort(([a], [b]) => (a < b ? -1 : 1));
  const sorted = <V>(m: ReadonlyMap<string, V>) => [...m].sort(([a], [b]) => (a < b ? -1 : 1));
  const d = state.dims;
  return {
    named: d.named,
    campaigns: sorted(d.counts.campaigns),
    lists: sorted(d.counts.lists),
    callerIds: sorted(d.counts.callerIds),
    callerQuarters: sorted(d.callerQuarters).map(([k, v]) => [k, expandQuarters(v)]),
    quarters: d.quarters,
    pairs: sorted(d.pairs),
    total: d.total,
    reps,
  };
}

describe('fold per campaign, list and caller ID', () => {
  it('per-campaign sums equal per-rep sums, and each campaign is the sum of its reps', () => {
    for (const seed of SEEDS) {
      const state = foldCallEvents(emptyFloor(), stamp(randomDay(createRng(seed), true)), UTC_RULES);
      const reps = [...state.reps.values()];
      const campaigns = sum(state.dims.counts.campaigns.values());
      for (const key of SUMMED) {
        const perRep = reps.reduce((n, r) => n + r[key], 0);
        expect(campaigns[key], `seed ${seed}: ${key}`).toBeCloseTo(perRep, 2);
        expect(state.dims.total[key], `seed ${seed}: total ${key}`).toBeCloseTo(perRep, 2);
      }
      for (const [campaign, counts] of state.dims.counts.campaigns) {
        const fromReps = sum(reps.flatMap((r) => (r.campaigns.has(campaign) ? [r.campaigns.get(campaign)!] : [])));
        expect(fromReps, `seed ${seed}: ${campaign}`).toEqual(counts);
      }
      // Busy, no answer and invalid are disjoint parts of the dials, like refused and call-backs.
      const t = state.dims.total;
      expect(t.busy + t.noAnswer + t.invalid + t.refused + t.callbacks + t.leads).toBeLessThanOrEqual(t.dials);
    }
  });

  it('each call counts under the value of the earliest event that carried it (independent recomputation)', () => {
    for (const seed of SEEDS) {
      const events = stamp(randomDay(createRng(seed), false));
      const state = foldCallEvents(emptyFloor(), events, UTC_RULES);
      const earliest = new Map<string, CallEvent>();
      for (const e of events) {
        if (!('call' in e) || e.call === undefined || e.campaign === undefined) continue;
        const kept = earliest.get(e.call) as (CallEvent & { campaign?: string }) | undefined;
        if (!kept || e.at < kept.at || (e.at === kept.at && e.campaign < kept.campaign!)) earliest.set(e.call, e);
      }
      const expected = new Map<string, DimensionCounts[]>();
      for (const rep of state.reps.values())
        for (const [id, call] of rep.calls) {
          const campaign = (earliest.get(id) as { campaign?: string } | undefined)?.campaign;
          expect(call.campaign, `seed ${seed}: ${id}`).toBe(campaign);
          if (campaign === undefined) continue;
          const list = expected.get(campaign) ?? [];
          expected.set(campaign, [...list, dimensionContribution(call, UTC_RULES)]);
        }
      const want = [...expected].map(([k, v]) => [k, sum(v)] as const).filter(([, c]) => c.dials + c.talkMs > 0);
      expect(new Map(want), `seed ${seed}`).toEqual(new Map(state.dims.counts.campaigns));
    }
  });

  it('is independent of arrival order, batching and exact re-delivery, and never mutates its input', () => {
    for (const seed of SEEDS) {
      const rng = createRng(seed);
      const day = randomDay(rng, false);
      const inOrder = foldCallEvents(emptyFloor(), stamp(day), UTC_RULES);
      const shuffled = stamp(rng.shuffle(day));
      expect(figures(foldCallEvents(emptyFloor(), shuffled, UTC_RULES)), `seed ${seed}`).toEqual(figures(inOrder));
      expect(figures(foldEach(shuffled)), `seed ${seed}: one at a time`).toEqual(figures(inOrder));
      // Every event delivered twice (new entry IDs, as a producer's retry gets), and a re-read.
      const twice = stamp([...day, ...rng.shuffle(day)]);
      const again = foldCallEvents(deepFreeze(foldCallEvents(emptyFloor(), twice, UTC_RULES)), twice, UTC_RULES);
      expect(figures(again), `seed ${seed}: re-delivered`).toEqual(figures(inOrder));
    }
  });

  it('keeps at most the cap of campaigns by name, the smallest ones, the rest under the other bucket, in any order', () => {
    const cap = DIMENSION_CAPS.campaigns;
    const names = Array.from({ length: cap + 50 }, (_, i) => `c${String(i).padStart(4, '0')}`);
    const rng = createRng(7);
    const day: CallEvent[] = names.map((campaign, i) => ({
      id: '',
      type: 'call.outcome',
      rep: `rep-${i % 7}`,
      call: `call-${i}`,
      at: DAY_START + i * 1000,
      outcome: 'sale',
      amount: 10,
      campaign,
    }));
    const runs = [stamp(day), stamp(rng.shuffle(day)), stamp([...day].reverse())].map((events) =>
      foldCallEvents(emptyFloor(), events, UTC_RULES),
    );
    for (const state of runs) {
      expect([...state.dims.named.campaigns.keys()]).toEqual(names.slice(0, cap));
      expect(state.dims.counts.campaigns.size).toBe(cap + 1);
      expect(state.dims.counts.campaigns.get(OTHER_BUCKET)).toMatchObject({ dials: 50, deals: 50, revenue: 500 });
      const perRepOther = [...state.reps.values()].reduce((n, r) => n + (r.campaigns.get(OTHER_BUCKET)?.dials ?? 0), 0);
      expect(perRepOther).toBe(50);
      for (const rep of state.reps.values()) expect(rep.campaigns.size).toBeLessThanOrEqual(cap + 1);
      expect(figures(state)).toEqual(figures(runs[0]!));
    }
  });

  it('a million distinct lists and caller IDs keep the figures within the caps', () => {
    const draft = new DimensionDraft(emptyDimensions('2026-11-23', DAY_START));
    for (let i = 0; i < 1_000_000; i++) {
      // Scrambled so that later values often rank before named ones (evictions all day long).
      const id = ((i * 2_654_435_761) % 4_294_967_296).toString(36);
      draft.admit('lists', id);
      draft.admit('callerIds', id);
      draft.admit('campaigns', id);
      const call = {
        dialAt: DAY_START + (i % 36_000) * 1000,
        list: id,
        callerId: id,
        campaign: id,
        outcome: 'busy' as const,
      };
      draft.count(call, dimensionContribution(call, UTC_RULES), 1);
    }
    const d = draft.done();
    expect(d.named.lists.size).toBe(DIMENSION_CAPS.lists);
    expect(d.counts.lists.size).toBe(DIMENSION_CAPS.lists + 1);
    expect(d.counts.callerIds.size).toBe(DIMENSION_CAPS.callerIds + 1);
    expect(d.callerQuarters.size).toBe(DIMENSION_CAPS.callerIds + 1);
    expect(d.counts.campaigns.size).toBe(DIMENSION_CAPS.campaigns + 1);
    expect(d.pairs.size).toBeLessThanOrEqual((DIMENSION_CAPS.campaigns + 1) * (DIMENSION_CAPS.lists + 1));
    expect(d.pairs.size).toBeLessThanOrEqual(DIMENSION_CAPS.campaigns + DIMENSION_CAPS.lists + 1);
    expect(sum(d.counts.lists.values())).toMatchObject({ dials: 1_000_000, busy: 1_000_000 });
    expect(sum(d.counts.callerIds.values()).dials).toBe(1_000_000);
  }, 120_000);

  it('starts each day afresh; a call going at midnight counts its talk after it under its campaign', () => {
    const rep = 'rep-1';
    const events: CallEvent[] = stamp([
      { id: '', type: 'rep.login', rep, at: MIDNIGHT - 3_600_000 },
      { id: '', type: 'call.dial', rep, call: 'a', at: MIDNIGHT - 120_000, campaign: 'late', list: 'l-1' },
      { id: '', type: 'call.answer', rep, call: 'a', at: MIDNIGHT - 60_000 },
      { id: '', type: 'call.dial', rep, call: 'b', at: MIDNIGHT + 60_000, campaign: 'early' },
      { id: '', type: 'call.hangup', rep, call: 'a', at: MIDNIGHT + 30_000 },
      // A straggler of the day before: skipped, like per rep.
      { id: '', type: 'call.dial', rep, call: 'c', at: MIDNIGHT - 1000, campaign: 'late' },
    ]);
    const state = foldCallEvents(emptyFloor(), events, UTC_RULES);
    expect(state.day).toBe('2026-11-24');
    expect(state.dims.day).toBe('2026-11-24');
    expect(state.dims.dayStart).toBe(MIDNIGHT);
    expect(state.dims.counts.campaigns.get('late')).toMatchObject({ dials: 0, talkMs: 30_000 });
    expect(state.dims.counts.campaigns.get('early')).toMatchObject({ dials: 1 });
    expect(state.dims.total).toMatchObject({ dials: 1, talkMs: 30_000 });
    expect(state.reps.get(rep)!.campaigns.get('late')).toMatchObject({ talkMs: 30_000 });
  });

  it('takes busy, no answer and invalid from the outcome, else from the hang-up cause (case-insensitive)', () => {
    expect(causeClass('USER_BUSY')).toBe('busy');
    expect(causeClass('486')).toBe('busy');
    expect(causeClass('no_answer')).toBe('noAnswer');
    expect(causeClass('ORIGINATOR_CANCEL')).toBe('noAnswer');
    expect(causeClass('UNALLOCATED_NUMBER')).toBe('invalid');
    expect(causeClass('404')).toBe('invalid');
    expect(causeClass('NORMAL_CLEARING')).toBeNull();
    expect(causeClass('__proto__')).toBeNull();
    expect(causeClass('toString')).toBeNull();
    const c = (call: object) => dimensionContribution(call, UTC_RULES);
    expect(c({ dialAt: 1, hangupAt: 2, cause: 'USER_BUSY' })).toMatchObject({ dials: 1, busy: 1 });
    expect(c({ dialAt: 1, hangupAt: 2, cause: '404' })).toMatchObject({ invalid: 1, busy: 0 });
    // The rep's outcome wins over the network's cause; an answered call is no failed dial.
    expect(c({ dialAt: 1, hangupAt: 2, cause: '404', outcome: 'no_answer' })).toMatchObject({
      noAnswer: 1,
      invalid: 0,
    });
    expect(c({ dialAt: 1, answerAt: 2, hangupAt: 3, cause: 'USER_BUSY' })).toMatchObject({ connects: 1, busy: 0 });
  });

  it('names __proto__ and constructor like any other id', () => {
    const events = stamp([
      { id: '', type: 'call.dial', rep: 'r', call: 'x', at: DAY_START, campaign: '__proto__', list: 'constructor' },
      { id: '', type: 'call.outcome', rep: 'r', call: 'x', at: DAY_START + 1, outcome: 'invalid' },
    ]);
    const state = foldCallEvents(emptyFloor(), events, UTC_RULES);
    expect(state.dims.counts.campaigns.get('__proto__')).toMatchObject({ dials: 1, invalid: 1 });
    expect(state.dims.counts.lists.get('constructor')).toMatchObject({ dials: 1, invalid: 1 });
    expect(({} as Record<string, unknown>).dials).toBeUndefined();
  });
});
