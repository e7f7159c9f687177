import { describe, expect, it, vi } from 'vitest';
import { REFUSAL_REASONS } from '../../../shared/domain/reasons';
import { parseCallEvent } from '../../../shared/events/parseCallEvent';
import { HOUR_MS, MINUTE_MS } from '../../../shared/time';
import { entryFields, isFault, type SimEntry, type SimEvent } from '../../../server/dev/simulator/events';
import { createFloorModel, type FloorModelOptions } from '../../../server/dev/simulator/model';

const SHIFT_START = Date.UTC(2026, 2, 2, 9, 0);
// Whole simulated days: a few seconds each on a busy machine.
vi.setConfig({ testTimeout: 30_000 });
const DAY_END = SHIFT_START + 10 * HOUR_MS;

function day(options: Partial<FloorModelOptions> = {}): SimEntry[] {
  return createFloorModel({ reps: 60, teams: 4, seed: 42, startAt: SHIFT_START, ...options }).nextEvents(DAY_END);
}
const valid = (entries: SimEntry[]): SimEvent[] => entries.filter((e): e is SimEvent => !isFault(e));
const parse = (entry: SimEntry, i: number) => parseCallEvent(`${entry.at}-${i}`, entryFields(entry));
const count = (events: SimEvent[], type: SimEvent['type']) => events.filter((e) => e.type === type).length;

describe('floor model', () => {
  const events = valid(day());

  it('is deterministic: same seed, same events; another seed, other events', () => {
    expect(day()).toEqual(day());
    expect(day({ seed: 7 })).not.toEqual(day());
  });

  it('gives the same events however the time range is sliced', () => {
    const model = createFloorModel({ reps: 60, teams: 4, seed: 42, startAt: SHIFT_START });
    const sliced: SimEntry[] = [];
    for (let t = SHIFT_START; t <= DAY_END; t += 7 * MINUTE_MS + 13) sliced.push(...model.nextEvents(t));
    sliced.push(...model.nextEvents(DAY_END));
    expect(sliced).toEqual(day());
  });

  it('emits events in non-decreasing time order, none before the start', () => {
    for (let i = 1; i < events.length; i++) expect(events[i]!.at).toBeGreaterThanOrEqual(events[i - 1]!.at);
    expect(events[0]!.at).toBeGreaterThanOrEqual(SHIFT_START);
  });

  it('produces only entries that pass the ingestion parser', () => {
    const failures = events.map(parse).filter((r) => !r.ok);
    expect(failures).toEqual([]);
    expect(events.length).toBeGreaterThan(40_000);
  });

  it('logs every rep in over the first ten minutes, in teams, and out at shift end', () => {
    const logins = events.filter((e) => e.type === 'rep.login');
    expect(logins).toHaveLength(60);
    expect(new Set(logins.map((e) => e.rep)).size).toBe(60);
    expect(Math.max(...logins.map((e) => e.at)) - SHIFT_START).toBeLessThanOrEqual(10 * MINUTE_MS);
    expect(new Set(logins.map((e) => e.team))).toEqual(new Set(['team-a', 'team-b', 'team-c', 'team-d']));
    expect(logins.find((e) => e.rep === 'rep-001')?.team).toBe('team-a');
    expect(logins.find((e) => e.rep === 'rep-060')?.team).toBe('team-d');
    expect(new Set(logins.map((e) => e.name)).size).toBe(60);
    expect(logins.some((e) => /^[\u4e00-\u9fff]+$/.test(e.name ?? ''))).toBe(true);
    const logouts = events.filter((e) => e.type === 'rep.logout');
    expect(logouts).toHaveLength(60);
    for (const e of logouts) expect(e.at).toBeGreaterThan(SHIFT_START + 9 * HOUR_MS - 6 * MINUTE_MS);
  });

  it('connects 20-35 % of dials over a day, and a single call id per dial', () => {
    const dials = count(events, 'call.dial');
    const rate = count(events, 'call.answer') / dials;
    expect(rate).toBeGreaterThanOrEqual(0.2);
    expect(rate).toBeLessThanOrEqual(0.35);
    expect(dials / 60).toBeGreaterThan(120);
    const ids = events.filter((e) => e.type === 'call.dial').map((e) => e.call);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('hangs up every answered call after its answer, with a long-tailed talk time', () => {
    const answers = new Map(events.filter((e) => e.type === 'call.answer').map((e) => [e.call, e.at]));
    const hangups = new Map(events.filter((e) => e.type === 'call.hangup').map((e) => [e.call, e.at]));
    const talk: number[] = [];
    for (const [call, answeredAt] of answers) {
      const hungUpAt = hangups.get(call);
      expect(hungUpAt, call).toBeGreaterThan(answeredAt);
      talk.push((hungUpAt! - answeredAt) / 1000);
    }
    talk.sort((a, b) => a - b);
    expect(talk[talk.length >> 1]).toBeGreaterThan(110);
    expect(talk[talk.length >> 1]).toBeLessThan(200);
    expect(talk[Math.floor(talk.length * 0.95)]).toBeGreaterThan(400);
  });

  it('gives every outcome its details: sales an amount, refusals a reason, call-backs a later time', () => {
    const outcomes = events.filter((e) => e.type === 'call.outcome');
    expect(outcomes).toHaveLength(count(events, 'call.dial'));
    const connected = outcomes.filter((e) => ['refused', 'callback', 'lead', 'sale'].includes(e.outcome));
    expect(connected).toHaveLength(count(events, 'call.answer'));
    const sales = outcomes.filter((e) => e.outcome === 'sale');
    const leads = outcomes.filter((e) => e.outcome === 'lead');
    expect(sales.length / connected.length).toBeGreaterThan(0.015);
    expect(sales.length / connected.length).toBeLessThan(0.045);
    expect(leads.length / connected.length).toBeGreaterThan(0.07);
    expect(leads.length / connected.length).toBeLessThan(0.13);
    for (const s of sales) expect(s.amount).toBeGreaterThanOrEqual(150);
    for (const s of sales) expect(s.amount).toBeLessThanOrEqual(4999);
    const refused = outcomes.filter((e) => e.outcome === 'refused');
    expect(refused.length).toBeGreaterThan(connected.length / 2);
    expect(refused.every((e) => typeof e.reason === 'string' && e.reason.length > 0)).toBe(true);
    // Codes of the shared catalogue, most of them heard in a day.
    expect(new Set(refused.map((e) => e.reason)).size).toBeGreaterThanOrEqual(10);
    for (const e of refused) expect(REFUSAL_REASONS).toContain(e.reason);
    // Some call-backs are due within the hour or two (the demo shows them due), the rest later.
    const callbacks = outcomes.filter((e) => e.outcome === 'callback');
    for (const c of callbacks) expect(c.followUpAt).toBeGreaterThan(c.at + 15 * MINUTE_MS);
    expect(callbacks.filter((c) => c.followUpAt! < c.at + 2 * HOUR_MS).length).toBeGreaterThan(callbacks.length / 5);
    const others = outcomes.filter((e) => e.outcome !== 'sale' && e.outcome !== 'refused');
    expect(others.some((e) => e.amount !== undefined || e.reason !== undefined)).toBe(false);
  });

  it('pauses every rep for two breaks and lunch, each ended by ready', () => {
    const pauses = events.filter((e) => e.type === 'rep.pause');
    const lunches = pauses.filter((e) => e.reason === 'lunch');
    expect(lunches).toHaveLength(60);
    expect(pauses.filter((e) => e.reason === 'break')).toHaveLength(120);
    for (const l of lunches) expect(l.at - SHIFT_START).toBeGreaterThan(2.5 * HOUR_MS);
    const rep1 = events.filter((e) => e.rep === 'rep-001');
    rep1.forEach((e, i) => {
      if (e.type === 'rep.pause') expect(rep1[i + 1]?.type).toBe('rep.ready');
    });
  });

  it('logs reps in within a minute when started mid-shift', () => {
    const startAt = SHIFT_START + 3 * HOUR_MS;
    const late = valid(
      createFloorModel({ reps: 20, teams: 2, seed: 1, startAt, shiftStartAt: SHIFT_START }).nextEvents(
        startAt + 5 * MINUTE_MS,
      ),
    );
    const logins = late.filter((e) => e.type === 'rep.login');
    expect(logins).toHaveLength(20);
    for (const e of logins) expect(e.at - startAt).toBeLessThanOrEqual(60_000);
    expect(late.filter((e) => e.type === 'call.dial').length).toBeGreaterThan(20);
  });
});

describe('fault injection', () => {
  const entries = day({ faults: 0.01 });
  const faults = entries.filter(isFault);

  it('adds about 1 % malformed entries that the parser rejects', () => {
    const share = faults.length / entries.length;
    expect(share).toBeGreaterThan(0.007);
    expect(share).toBeLessThan(0.013);
    expect(new Set(faults.map((f) => f.fault)).size).toBe(5);
    const accepted = faults.map((f, i) => ({ fault: f.fault, result: parse(f, i) })).filter((r) => r.result.ok);
    expect(accepted).toEqual([]);
  });

  it('leaves the valid events untouched: they all parse and equal the fault-free run', () => {
    const rest = valid(entries);
    expect(rest.map(parse).every((r) => r.ok)).toBe(true);
    expect(rest).toEqual(valid(day()));
  });
});

describe('exceptions', () => {
  it('makes long calls and long pauses when asked', () => {
    const events = valid(day({ longCalls: 0.05, longPauses: 0.5 }));
    const answers = new Map(events.filter((e) => e.type === 'call.answer').map((e) => [e.call, e.at]));
    const long = events.filter(
      (e) => e.type === 'call.hangup' && e.at - (answers.get(e.call) ?? e.at) >= 20 * MINUTE_MS,
    );
    expect(long.length / answers.size).toBeGreaterThan(0.03);
    const plain = valid(day());
    const plainAnswers = new Map(plain.filter((e) => e.type === 'call.answer').map((e) => [e.call, e.at]));
    const plainLong = plain.filter(
      (e) => e.type === 'call.hangup' && e.at - (plainAnswers.get(e.call) ?? e.at) >= 20 * MINUTE_MS,
    );
    expect(plainLong.length / plainAnswers.size).toBeLessThan(0.01);
  });
});
