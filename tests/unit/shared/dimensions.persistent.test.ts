/**
 * The persistent dimension state (DIMSPERF): after random batches of call changes, with small caps
 * so that values are evicted all along, the state equals a plain recomputation from the calls as
 * they stand; a state kept from before a batch is left exactly as it was (deep-frozen, and its
 * stored form compared); a batch copies only the paths to the values it touched. Every failure
 * names the seed to replay.
 */
import { describe, expect, it } from 'vitest';
import { OTHER_BUCKET, zeroCounts, type DimensionCounts } from '../../../shared/contracts/campaigns';
import type { CallRecord } from '../../../shared/domain/callBook';
import {
  DIMENSION_KINDS,
  DimensionDraft,
  FIELD_OF,
  QUARTERS_PER_DAY,
  QUARTER_MS,
  addInto,
  dimensionContribution,
  emptyDimensions,
  expandQuarters,
  isZero,
  loadDimensions,
  pairKey,
  quarterOf,
  storeDimensions,
  type DimensionKind,
  type DimensionState,
  type StoredDimensions,
} from '../../../shared/domain/dimensions';
import { OUTCOMES } from '../../../shared/events/callEvent';
import { createRng } from '../../../server/dev/simulator/random';
import { UTC_RULES, deepFreeze } from './foldSupport';

const DAY_START = Date.UTC(2026, 10, 23, 0, 0);
const CAPS: Record<DimensionKind, number> = { campaigns: 3, lists: 5, callerIds: 4 };
const SEEDS = Array.from({ length: 25 }, (_, i) => 7000 + i);

/** A random call record, as the fold may hold one (values from small pools so that they repeat). */
function randomCall(rng: ReturnType<typeof createRng>): CallRecord {
  const int = (n: number) => Math.floor(rng.next() * n);
  const chance = (p: number) => rng.next() < p;
  const call: CallRecord = {};
  if (chance(0.8)) call.campaign = `camp-${int(8)}`;
  if (chance(0.7)) call.list = `list-${int(12)}`;
  if (chance(0.7)) call.callerId = `+86${int(10)}`;
  const dialAt = DAY_START + int(QUARTERS_PER_DAY) * QUARTER_MS + int(QUARTER_MS);
  if (chance(0.85)) call.dialAt = dialAt;
  if (chance(0.5)) call.answerAt = dialAt + int(30_000);
  if (chance(0.6)) call.hangupAt = dialAt + 30_000 + int(300_000);
  if (chance(0.2)) call.cause = chance(0.5) ? 'USER_BUSY' : 'NO_ANSWER';
  if (chance(0.6)) {
    call.outcome = OUTCOMES[int(OUTCOMES.length)]!;
    call.outcomeAt = dialAt + 400_000;
    if (call.outcome === 'sale') call.amount = int(100_000) / 100;
  }
  return call;
}

/** What places a call: its campaign, list, line and dial (absent fields stay absent). */
function slices(call: CallRecord): CallRecord {
  const { campaign, list, callerId, dialAt } = call;
  return { campaign, list, callerId, dialAt };
}

const byKey = <V>(entries: Iterable<readonly [string, V]>) =>
  [...entries].map(([k, v]) => [k, v] as [string, V]).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

/** The state in plain, comparable form. */
function plain(d: DimensionState) {
  return {
    named: Object.fromEntries(DIMENSION_KINDS.map((k) => [k, [...d.named[k].keys()]])),
    counts: Object.fromEntries(DIMENSION_KINDS.map((k) => [k, byKey(d.counts[k])])),
    callerQuarters: byKey(d.callerQuarters).map(([k, v]) => [k, expandQuarters(v)]),
    quarters: [...d.quarters],
    pairs: byKey(d.pairs),
    total: d.total,
  };
}

/** The same figures recomputed from scratch with plain Maps: the cap's smallest values, then every call. */
function recompute(calls: Iterable<CallRecord>, seen: Record<DimensionKind, Set<string>>) {
  const named = Object.fromEntries(
    DIMENSION_KINDS.map((k) => [k, [...seen[k]].sort((a, b) => (a < b ? -1 : 1)).slice(0, CAPS[k])]),
  ) as Record<DimensionKind, string[]>;
  const bucket = (kind: DimensionKind, v: string | undefined) =>
    v === undefined ? null : named[kind].includes(v) ? v : OTHER_BUCKET;
  const counts = Object.fromEntries(DIMENSION_KINDS.map((k) => [k, new Map<string, DimensionCounts>()])) as Record<
    DimensionKind,
    Map<string, DimensionCounts>
  >;
  const lines = new Map<string, number[]>();
  const quarters = new Array<number>(QUARTERS_PER_DAY * 2).fill(0);
  const pairs = new Map<string, number>();
  const total = zeroCounts();
  const add = (kind: DimensionKind, key: string, c: DimensionCounts) => {
    const into = counts[kind].get(key) ?? zeroCounts();
    addInto(into, c, 1);
    counts[kind].set(key, into);
  };
  for (const call of calls) {
    const c = dimensionContribution(call, UTC_RULES);
    if (isZero(c)) continue;
    addInto(total, c, 1);
    const [campaign, list] = [bucket('campaigns', call.campaign), bucket('lists', call.list)];
    if (campaign !== null) add('campaigns', campaign, c);
    if (list !== null) add('lists', list, c);
    if (campaign !== null && list !== null && c.dials !== 0)
      pairs.set(pairKey(campaign, list), (pairs.get(pairKey(campaign, list)) ?? 0) + c.dials);
    const q = c.dials === 0 && c.connects === 0 ? null : quarterOf(call, DAY_START);
    if (q === null) continue;
    quarters[q * 2]! += c.dials;
    quarters[q * 2 + 1]! += c.connects;
    const line = bucket('callerIds', call.callerId);
    if (line === null) continue;
    add('callerIds', line, c);
    const counted = lines.get(line) ?? new Array<number>(QUARTERS_PER_DAY * 2).fill(0);
    counted[q * 2]! += c.dials;
    counted[q * 2 + 1]! += c.connects;
    lines.set(line, counted);
  }
  const live = <V>(m: Map<string, V>, keep: (v: V) => boolean) => byKey([...m].filter(([, v]) => keep(v)));
  const kept = (kind: DimensionKind) => live(counts[kind], (c) => !isZero(c));
  return {
    named,
    counts: Object.fromEntries(DIMENSION_KINDS.map((k) => [k, kept(k)])),
    callerQuarters: byKey([...lines].filter(([k]) => kept('callerIds').some(([line]) => line === k))),
    quarters,
    pairs: live(pairs, (n) => n > 0),
    total,
  };
}

describe('the persistent dimension state', () => {
  it('equals a plain recomputation after random batches, and leaves every earlier state as it was', () => {
    for (const seed of SEEDS) {
      const rng = createRng(seed);
      const calls = new Map<string, CallRecord>();
      const seen = Object.fromEntries(DIMENSION_KINDS.map((k) => [k, new Set<string>()])) as Record<
        DimensionKind,
        Set<string>
      >;
      let state = emptyDimensions('2026-11-23', DAY_START);
      const kept: [DimensionState, string][] = [];
      for (let batch = 0; batch < 30; batch++) {
        deepFreeze(state);
        kept.push([state, JSON.stringify(storeDimensions(state))]);
        const draft = new DimensionDraft(state, CAPS);
        for (let n = Math.floor(rng.next() * 12); n > 0; n--) {
          const id = `call-${Math.floor(rng.next() * 25)}`;
          const before = calls.get(id);
          const roll = rng.next();
          // Half the changes keep the call's campaign, list, line and dial (its answer, hang-up or
          // outcome moves): the draft then counts only the difference.
          const after =
            roll < 0.1
              ? undefined
              : before && roll < 0.55
                ? { ...randomCall(rng), ...slices(before) }
                : randomCall(rng);
          for (const kind of DIMENSION_KINDS) {
            const value = after?.[FIELD_OF[kind]];
            if (value === undefined) continue;
            seen[kind].add(value);
            draft.admit(kind, value);
          }
          // An evicted value's calls now count under the other bucket: `before` resolves to it too.
          if (after && rng.next() < 0.7)
            draft.change(
              before,
              before && dimensionContribution(before, UTC_RULES),
              after,
              dimensionContribution(after, UTC_RULES),
            );
          else draft.applyCall(before, after, UTC_RULES);
          if (after) calls.set(id, after);
          else calls.delete(id);
        }
        state = draft.done();
        expect(plain(state), `seed ${seed}, batch ${batch}`).toEqual(recompute(calls.values(), seen));
      }
      for (const [old, stored] of kept) expect(JSON.stringify(storeDimensions(old)), `seed ${seed}`).toBe(stored);
      // The stored form reads back to the same figures (the checkpoint shape is the Map-based one),
      // also with its entries in another order (the Map-based state wrote them in insertion order).
      const stored = JSON.parse(JSON.stringify(storeDimensions(state))) as StoredDimensions;
      expect(plain(loadDimensions(stored)), `seed ${seed}`).toEqual(plain(state));
      const shuffled: StoredDimensions = {
        ...stored,
        counts: {
          campaigns: [...stored.counts.campaigns].reverse(),
          lists: [...stored.counts.lists].reverse(),
          callerIds: [...stored.counts.callerIds].reverse(),
        },
        callerQuarters: [...stored.callerQuarters].reverse(),
        pairs: [...stored.pairs].reverse(),
      };
      expect(plain(loadDimensions(shuffled)), `seed ${seed}: entries in another order`).toEqual(plain(state));
    }
  }, 60_000);

  it('a batch that touches one value of thousands copies a path, not the map', () => {
    let state = emptyDimensions('2026-11-23', DAY_START);
    const caps = { campaigns: 10_000, lists: 10_000, callerIds: 10_000 };
    const setup = new DimensionDraft(state, caps);
    for (let i = 0; i < 5000; i++) {
      const call: CallRecord = { campaign: `c${i}`, list: `l${i}`, callerId: `+${i}`, dialAt: DAY_START + i * 1000 };
      for (const kind of DIMENSION_KINDS) setup.admit(kind, call[FIELD_OF[kind]]!);
      setup.applyCall(undefined, call, UTC_RULES);
    }
    state = setup.done();
    const draft = new DimensionDraft(state, caps);
    const call: CallRecord = { campaign: 'c42', list: 'l42', callerId: '+42', dialAt: DAY_START + 42_000 };
    draft.applyCall(undefined, call, UTC_RULES);
    const next = draft.done();
    expect(next.counts.campaigns.get('c42')?.dials).toBe(2);
    expect(state.counts.campaigns.get('c42')?.dials).toBe(1);
    for (const kind of DIMENSION_KINDS) {
      const copied = next.counts[kind].nodesNotIn(state.counts[kind]);
      expect(copied, kind).toBeGreaterThan(0);
      expect(copied, kind).toBeLessThan(60); // a treap path of 5,000 keys is ~2 ln n deep
      expect(next.named[kind]).toBe(state.named[kind]);
    }
    expect(next.callerQuarters.nodesNotIn(state.callerQuarters)).toBeLessThan(60);
    expect(next.pairs.nodesNotIn(state.pairs)).toBeLessThan(60);
  });
});
