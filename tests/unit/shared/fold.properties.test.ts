/**
 * Property-style tests of the fold over seeded random event sequences (no dependency, reproducible:
 * every failure message names the seed to replay).
 */
import { describe, expect, it } from 'vitest';
import { foldCallEvents } from '../../../shared/domain/fold';
import type { Callback, FloorState, RepCounters } from '../../../shared/domain/repState';
import { UNKNOWN_REASON, emptyFloor } from '../../../shared/domain/repState';
import { compareStreamIds } from '../../../shared/streamId';
import { OUTCOMES, PAUSE_REASONS, type CallEvent, type CallOutcome } from '../../../shared/events/callEvent';
import { UTC_RULES, countersOf, deepFreeze, foldEach } from './foldSupport';
import { createRng as createSimulatorRng } from '../../../server/dev/simulator/random';

const DAY_START = Date.UTC(2026, 10, 23, 9, 0);
const EFFECTIVE_MS = UTC_RULES.effectiveCallMs;

/** The simulator's seeded PRNG (mulberry32), with the helpers these properties need. */
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
  return { next, int, pick, chance, shuffle };
}
type Rng = ReturnType<typeof createRng>;

/** Random events of one day: random reps and calls, random subsets of each call's events, duplicates. */
function randomDay(rng: Rng): CallEvent[] {
  const events: CallEvent[] = [];
  const reps = 1 + rng.int(4);
  for (let r = 0; r < reps; r++) {
    const rep = `rep-${r}`;
    for (let i = rng.int(5); i > 0; i--) {
      const type = rng.pick(['rep.login', 'rep.logout', 'rep.pause', 'rep.ready'] as const);
      const at = DAY_START + rng.int(8 * 3600) * 1000;
      events.push(
        type === 'rep.pause' ? { id: '', type, rep, at, reason: rng.pick(PAUSE_REASONS) } : { id: '', type, rep, at },
      );
    }
    for (let c = rng.int(7); c > 0; c--) {
      const call = `${rep}-call-${c}`;
      const dialAt = DAY_START + rng.int(8 * 3600) * 1000;
      const answerAt = dialAt + rng.int(30_000);
      const talk = rng.pick([0, 1000, EFFECTIVE_MS - 1000, EFFECTIVE_MS - 1, EFFECTIVE_MS, rng.int(300_000)]);
      // Now and then the two sources' clocks disagree and the hangup is stamped before the answer.
      const hangupAt = rng.chance(0.05) ? answerAt - rng.int(5000) : answerAt + talk;
      if (rng.chance(0.8)) events.push({ id: '', type: 'call.dial', rep, call, at: dialAt });
      if (rng.chance(0.7)) events.push({ id: '', type: 'call.answer', rep, call, at: answerAt });
      if (rng.chance(0.8)) events.push({ id: '', type: 'call.hangup', rep, call, at: hangupAt });
      if (rng.chance(0.75)) events.push(randomOutcome(rng, rep, call, hangupAt));
      // Now and then two sources disagree: a second answer seconds apart, a second, different outcome.
      if (rng.chance(0.15)) events.push({ id: '', type: 'call.answer', rep, call, at: answerAt + 1 + rng.int(5000) });
      if (rng.chance(0.2)) events.push(randomOutcome(rng, rep, call, hangupAt + 1 + rng.int(60_000)));
    }
  }
  return events.concat(events.filter(() => rng.chance(0.15))); // exact re-deliveries
}

function randomOutcome(rng: Rng, rep: string, call: string, at: number): CallOutcome {
  const outcome = rng.pick(OUTCOMES);
  const event: CallOutcome = { id: '', type: 'call.outcome', rep, call, at, outcome };
  // A detail is left out now and then: the outcome still counts, the detail unknown.
  const detail = rng.chance(0.85);
  if (outcome === 'sale' && detail) event.amount = rng.int(1_000_000) / 100;
  if (outcome === 'refused' && detail) event.reason = rng.pick(['price', 'no_need', 'competitor', '__proto__']);
  if (outcome === 'callback' && detail) event.followUpAt = at + rng.int(3 * 24 * 3600) * 1000;
  return event;
}

/** Stream IDs in arrival order. */
function stamp(events: readonly CallEvent[]): CallEvent[] {
  return events.map((event, i) => ({ ...event, id: `${DAY_START + i}-0` }));
}

interface RepSummary {
  counters: RepCounters;
  refusals: Map<string, number>;
  callbacks: Callback[];
  missingDetails: number;
}

/** The earlier of two events by the fold's rule: earliest ts, ties to the smaller entry ID. */
const earlier = (a: CallEvent, b: CallEvent) => (a.at !== b.at ? a.at < b.at : compareStreamIds(a.id, b.id) < 0);
/** Soonest first, unknown times last, ties by call id (code-unit order). */
const byDue = (a: Callback, b: Callback) =>
  (a.followUpAt ?? Infinity) - (b.followUpAt ?? Infinity) || (a.call < b.call ? -1 : a.call > b.call ? 1 : 0);

/**
 * Independent, deliberately plain recomputation of each rep's day from the raw events: group by
 * rep and call id, keep the earliest event (by ts, then entry ID) of each type per call, count per call. A call seen through
 * any of its events counts as dialed (its dial event may be lost), and a refusal, call-back, lead or
 * sale proves a connect even without an answer event.
 */
function reference(events: readonly CallEvent[]): Map<string, RepSummary> {
  const calls = new Map<string, Map<string, Partial<Record<CallEvent['type'], CallEvent>>>>();
  const reps = new Map<string, RepSummary>();
  for (const event of events) {
    if (!reps.has(event.rep)) {
      const counters = { dials: 0, connects: 0, effectiveCalls: 0, talkMs: 0, leads: 0, deals: 0, revenue: 0 };
      reps.set(event.rep, { counters, refusals: new Map(), callbacks: [], missingDetails: 0 });
    }
    if (!('call' in event) || event.type === 'lead.handoff') continue;
    const byCall = calls.get(event.rep) ?? new Map<string, Partial<Record<CallEvent['type'], CallEvent>>>();
    calls.set(event.rep, byCall);
    const seen = byCall.get(event.call) ?? {};
    byCall.set(event.call, seen);
    const kept = seen[event.type];
    if (!kept || earlier(event, kept)) seen[event.type] = event;
  }
  for (const [rep, byCall] of calls) {
    const summary = reps.get(rep) as RepSummary;
    const c = summary.counters;
    let cents = 0;
    for (const [call, seen] of byCall) {
      const answer = seen['call.answer'];
      const hangup = seen['call.hangup'];
      const outcome = seen['call.outcome'] as CallOutcome | undefined;
      const kind = outcome?.outcome;
      const connected = answer !== undefined || ['refused', 'callback', 'lead', 'sale'].includes(kind ?? '');
      const talk = answer && hangup ? Math.max(0, hangup.at - answer.at) : 0;
      const lead = kind === 'lead' || kind === 'sale';
      c.dials++;
      if (connected) c.connects++;
      if (connected && (talk >= EFFECTIVE_MS || lead)) c.effectiveCalls++;
      c.talkMs += talk;
      if (lead) c.leads++;
      if (kind === 'sale') {
        c.deals++;
        cents += Math.round((outcome?.amount ?? 0) * 100);
      }
      if (kind === 'refused') {
        const reason = outcome?.reason ?? UNKNOWN_REASON;
        summary.refusals.set(reason, (summary.refusals.get(reason) ?? 0) + 1);
      }
      if (kind === 'callback') summary.callbacks.push({ call, followUpAt: outcome?.followUpAt ?? null });
      const missing =
        (kind === 'sale' && outcome?.amount === undefined) ||
        (kind === 'refused' && outcome?.reason === undefined) ||
        (kind === 'callback' && outcome?.followUpAt === undefined);
      if (missing) summary.missingDetails++;
    }
    c.revenue = cents / 100;
    summary.callbacks.sort(byDue);
    summary.refusals = new Map([...summary.refusals].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  }
  return reps;
}

function summarizeFold(state: FloorState): Map<string, RepSummary> {
  const out = new Map<string, RepSummary>();
  for (const [id, rep] of state.reps) {
    // The ranking must hold exactly the counts, most frequent first.
    const ranked = [...rep.refusals].sort(([a, m], [b, n]) => n - m || (a < b ? -1 : 1));
    expect([...rep.refusalRanking.values()].map((r) => [r.reason, r.count])).toEqual(ranked);
    out.set(id, {
      counters: countersOf(rep),
      refusals: new Map(rep.refusals),
      callbacks: [...rep.callbacks.values()],
      missingDetails: rep.missingDetails,
    });
  }
  return out;
}

function funnelHolds(c: RepCounters): boolean {
  return c.dials >= c.connects && c.connects >= c.effectiveCalls && c.effectiveCalls >= c.leads && c.leads >= c.deals;
}

describe('foldCallEvents() properties over random event sequences', () => {
  it('foldCallEvents() keeps dials >= connects >= effective calls >= leads >= deals for every rep after every event', () => {
    for (let seed = 1; seed <= 1500; seed++) {
      const rng = createRng(seed);
      let state = emptyFloor();
      for (const event of stamp(rng.shuffle(randomDay(rng)))) {
        state = foldCallEvents(state, [event], UTC_RULES);
        const rep = state.reps.get(event.rep);
        if (!rep || !funnelHolds(rep))
          expect.fail(`seed ${seed}: funnel broken ${JSON.stringify(rep && countersOf(rep))}`);
      }
      for (const rep of state.reps.values())
        expect(rep.callbacks.size, `seed ${seed}`).toBeLessThanOrEqual(rep.connects);
    }
  });

  it('foldCallEvents() equals a straightforward recomputation of the counters from the raw events', () => {
    for (let seed = 10_001; seed <= 12_000; seed++) {
      const rng = createRng(seed);
      const events = stamp(rng.shuffle(randomDay(rng)));
      expect(summarizeFold(foldEach(events)), `seed ${seed}`).toEqual(reference(events));
    }
  });

  it('foldCallEvents() gives the same counters for any arrival order of the same events', () => {
    for (let seed = 20_001; seed <= 20_600; seed++) {
      const rng = createRng(seed);
      const events = randomDay(rng);
      const first = summarizeFold(foldEach(stamp(events)));
      for (let order = 0; order < 5; order++) {
        expect(summarizeFold(foldEach(stamp(rng.shuffle(events)))), `seed ${seed} order ${order}`).toEqual(first);
      }
    }
  });

  it('foldCallEvents() gives the same state for any batching and never mutates the states it is given', () => {
    for (let seed = 30_001; seed <= 30_300; seed++) {
      const rng = createRng(seed);
      const events = stamp(rng.shuffle(randomDay(rng)));
      const oneByOne = foldEach(events);
      const states: FloorState[] = [];
      let state = emptyFloor();
      for (let i = 0; i < events.length;) {
        const size = 1 + rng.int(6);
        states.push(deepFreeze(state));
        state = foldCallEvents(state, events.slice(i, i + size), UTC_RULES);
        i += size;
      }
      expect(state, `seed ${seed}`).toEqual(oneByOne);
      // Re-reading the whole stream (a reconnect) changes nothing.
      expect(foldCallEvents(state, events, UTC_RULES), `seed ${seed}`).toEqual(state);
      // Any earlier state folded with the rest gives the same result: earlier states were left intact.
      const k = rng.int(states.length);
      const from = states[k] ?? emptyFloor();
      const rest = events.filter((e) => from.lastId === null || compareStreamIds(e.id, from.lastId) > 0);
      expect(foldCallEvents(from, rest, UTC_RULES), `seed ${seed}`).toEqual(oneByOne);
    }
  });
});
