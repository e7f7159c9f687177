import type { Redis } from 'ioredis';
import { describe, expect, it, vi } from 'vitest';
import { REFUSAL_REASONS } from '../../../shared/domain/reasons';
import { idSchema } from '../../../shared/events/callEvent';
import { HOUR_MS, MINUTE_MS } from '../../../shared/time';
import { dayTimes } from '../../../server/dev/simulator/dayPlan';
import { customerOf, demoLayout, scaledLayout } from '../../../server/dev/simulator/dimensions';
import { isFault, noticeFields, type SimEvent } from '../../../server/dev/simulator/events';
import { createFloorModel, type FloorModelOptions } from '../../../server/dev/simulator/model';
import { runSimulator } from '../../../server/dev/simulator/runner';

const SHIFT_START = Date.UTC(2026, 2, 2, 9, 0);
// Whole simulated days: a few seconds each on a busy machine.
vi.setConfig({ testTimeout: 30_000 });
const DAY_END = SHIFT_START + 10 * HOUR_MS;

function run(options: Partial<FloorModelOptions> = {}) {
  const model = createFloorModel({ reps: 60, teams: 4, seed: 42, startAt: SHIFT_START, notices: true, ...options });
  const events = model.nextEvents(DAY_END).filter((e): e is SimEvent => !isFault(e));
  return { model, events, notices: model.nextNotices(DAY_END + 6 * HOUR_MS) };
}
type Call = Extract<SimEvent, { type: `call.${string}` }>;
const calls = (events: SimEvent[]) => events.filter((e): e is Call => e.type.startsWith('call.'));
const dials = (events: SimEvent[]) => events.filter((e) => e.type === 'call.dial') as Call[];
const answered = (events: SimEvent[]) =>
  new Set(
    calls(events)
      .filter((e) => e.type === 'call.answer')
      .map((e) => e.call),
  );
const outcomes = (events: SimEvent[]) =>
  events.filter((e): e is Extract<SimEvent, { type: 'call.outcome' }> => e.type === 'call.outcome');

describe('simulated campaigns, lists and lines', () => {
  const day = run();
  const layout = day.model.plan.layout!;

  it('puts campaign, list, source, caller ID, customer and contact on every call event', () => {
    const all = calls(day.events);
    expect(all.length).toBeGreaterThan(40_000);
    const lists = new Map(layout.lists.map((l) => [l.id, l]));
    const lines = new Set(layout.callerIds);
    const wrong = all.filter((e) => {
      const list = lists.get(e.list ?? '');
      return (
        !list ||
        e.campaign !== list.campaign ||
        e.source !== list.source ||
        !lines.has(e.callerId ?? '') ||
        !/^[A-Za-z0-9._:@-]{1,128}$/.test(e.customer ?? '') ||
        !e.contact
      );
    });
    expect(wrong.slice(0, 3)).toEqual([]);
    expect(new Set(all.map((e) => e.campaign)).size).toBe(4);
    expect(new Set(all.map((e) => e.callerId)).size).toBe(layout.callerIds.length);
  });

  it('gives every failed dial the network cause of its outcome, on hang-up and outcome', () => {
    const causes = { no_answer: 'NO_ANSWER', busy: 'USER_BUSY', invalid: 'UNALLOCATED_NUMBER' } as const;
    const hangups = new Map(
      calls(day.events)
        .filter((e) => e.type === 'call.hangup')
        .map((e) => [e.call, e]),
    );
    let failed = 0;
    for (const o of outcomes(day.events)) {
      const expected = causes[o.outcome as keyof typeof causes];
      expect(o.cause).toBe(expected);
      expect((hangups.get(o.call) as { cause?: string }).cause).toBe(expected);
      if (expected) failed++;
    }
    expect(failed).toBeGreaterThan(5000);
  });

  it('collapses the flagged caller ID’s connect rate after its flag, and no other line’s', () => {
    const { flagAt } = day.model.plan;
    expect(flagAt).toBe(SHIFT_START + 108 * MINUTE_MS); // mid-morning: a fifth into a 9-hour shift
    const ok = answered(day.events);
    const rate = (line: string | null, from: number, to: number) => {
      const d = dials(day.events).filter((e) => (line === null || e.callerId === line) && e.at >= from && e.at < to);
      return { dials: d.length, rate: d.filter((e) => ok.has(e.call)).length / d.length };
    };
    const flagged = layout.flaggedCallerId!;
    const before = rate(flagged, SHIFT_START, flagAt);
    const after = rate(flagged, flagAt, DAY_END);
    expect(before.dials).toBeGreaterThan(150);
    expect(before.rate).toBeGreaterThan(0.18);
    expect(after.rate).toBeLessThan(0.4 * before.rate);
    const other = layout.callerIds.find((c) => c !== flagged)!;
    expect(rate(other, flagAt, DAY_END).rate).toBeGreaterThan(0.18);
  });

  it('sends each list’s size at the start; lists differ in quality; the short list runs dry as planned', () => {
    const loaded = day.notices.filter((n) => n.type === 'list.loaded');
    expect(loaded.map((n) => [n.list, n.size, n.campaign])).toEqual(
      layout.lists.map((l) => [l.id, l.size, l.campaign]),
    );
    for (const n of loaded) expect(n.at).toBe(SHIFT_START);
    const invalidRate = (list: string) => {
      const o = outcomes(day.events).filter((e) => e.list === list);
      return o.filter((e) => e.outcome === 'invalid').length / o.length;
    };
    expect(invalidRate('bought-sme-0412')).toBeGreaterThan(0.3);
    expect(invalidRate('crm-renewals-2026')).toBeLessThan(0.05);
    const short = layout.lists.find((l) => l.id === layout.shortList)!;
    const seen = new Set<string>();
    let dryAt = 0;
    for (const d of dials(day.events).filter((e) => e.list === short.id)) {
      seen.add(d.customer!);
      if (seen.size === short.size && !dryAt) dryAt = d.at;
    }
    expect(Math.abs(dryAt - day.model.plan.shortListDryAt)).toBeLessThan(5 * MINUTE_MS);
    expect(seen.size).toBe(short.size); // dialled through, never past its size
  });

  it('times the flag and the dry list from the live start when a demo starts mid-afternoon', () => {
    const liveAt = SHIFT_START + 5.5 * HOUR_MS;
    const model = createFloorModel({ reps: 20, teams: 2, seed: 5, startAt: SHIFT_START, liveAt, notices: true });
    expect(model.plan.flagAt).toBe(liveAt - 50 * MINUTE_MS);
    expect(model.plan.shortListDryAt).toBe(liveAt + 45 * MINUTE_MS);
    // A demo started just after the shift began: the line collapses 20 minutes in, not mid-morning.
    const early = SHIFT_START + 3 * MINUTE_MS;
    expect(dayTimes(SHIFT_START, 540, early)).toEqual({
      flagAt: SHIFT_START + 20 * MINUTE_MS,
      shortListDryAt: early + 45 * MINUTE_MS,
    });
    expect(dayTimes(SHIFT_START, 540, undefined).flagAt).toBe(SHIFT_START + 108 * MINUTE_MS);
  });

  it('has reps who record outcomes many minutes late, yet every call ends with exactly one outcome', () => {
    const hangups = new Map(
      calls(day.events)
        .filter((e) => e.type === 'call.hangup')
        .map((e) => [e.call, e.at]),
    );
    const late = outcomes(day.events).filter((o) => o.at - hangups.get(o.call)! >= 10 * MINUTE_MS);
    expect(late.length).toBeGreaterThan(50);
    const lateReps = new Set(late.map((o) => o.rep));
    expect(lateReps.size).toBeGreaterThan(2);
    expect(lateReps.size).toBeLessThan(20);
    const ids = outcomes(day.events).map((o) => o.call);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBe(dials(day.events).length);
  });

  it('re-dials customers, sometimes two reps one customer within minutes, and closes call-backs by calling', () => {
    const byCustomer = new Map<string, Call[]>();
    for (const d of dials(day.events)) byCustomer.set(d.customer!, [...(byCustomer.get(d.customer!) ?? []), d]);
    expect([...byCustomer.values()].filter((d) => d.length > 1).length).toBeGreaterThan(500);
    const doubled = [...byCustomer.values()].filter((d) =>
      d.some((a, i) => d.slice(i + 1).some((b) => b.rep !== a.rep && b.at - a.at < 10 * MINUTE_MS)),
    );
    expect(doubled.length).toBeGreaterThan(5);
    const callbacks = outcomes(day.events).filter((o) => o.outcome === 'callback');
    const closed = callbacks.filter((c) => byCustomer.get(c.customer!)!.some((d) => d.at > c.at && d.rep === c.rep));
    expect(closed.length).toBeGreaterThan(20);
    expect(closed.length).toBeLessThan(callbacks.length); // others stay open or overdue
    for (const c of callbacks) expect(c.contact).toBeTruthy();
  });

  it('sends refusal codes of the catalogue with tags and remarks now and then, within the contract', () => {
    const refused = outcomes(day.events).filter((o) => o.outcome === 'refused');
    for (const o of refused) expect(REFUSAL_REASONS).toContain(o.reason);
    const tagged = refused.filter((o) => o.tags);
    expect(tagged.length / refused.length).toBeGreaterThan(0.2);
    for (const o of tagged) {
      expect(o.tags!.length).toBeLessThanOrEqual(10);
      for (const t of o.tags!) expect(idSchema.safeParse(t).success).toBe(true);
    }
    const remarks = refused.filter((o) => o.remark).map((o) => o.remark!);
    expect(remarks.length / refused.length).toBeGreaterThan(0.1);
    expect(remarks.some((r) => /[\u4e00-\u9fff]/.test(r))).toBe(true);
    expect(remarks.some((r) => /^[\x20-\x7e]+$/.test(r))).toBe(true);
    for (const r of remarks) expect(r.length).toBeLessThanOrEqual(200);
    expect(outcomes(day.events).some((o) => o.outcome !== 'refused' && (o.tags || o.remark))).toBe(false);
  });

  it('hands leads to closers, who accept or reject them and close the accepted won or lost', () => {
    const leads = outcomes(day.events).filter((o) => o.outcome === 'lead');
    const handoffs = day.notices.filter((n) => n.type === 'lead.handoff');
    expect(handoffs.map((h) => h.call).sort()).toEqual(leads.map((l) => l.call).sort());
    const closed = day.notices.filter((n) => n.type === 'lead.closed');
    expect(closed.some((c) => c.result === 'won' && c.amount! > 0)).toBe(true);
    expect(day.notices.some((n) => n.type === 'lead.rejected')).toBe(true);
    for (const n of day.notices)
      if (n.type !== 'list.loaded') expect(handoffs.some((h) => h.lead === n.lead)).toBe(true);
  });

  it('without dimensions carries no context', () => {
    const bare = calls(run({ dimensions: false }).events);
    for (const e of bare.slice(0, 2000))
      for (const key of ['campaign', 'list', 'callerId', 'customer'] as const) expect(e[key]).toBeUndefined();
  }, 30_000);

  it('keeps a customer’s id, label and number quality stable', () => {
    const plan = demoLayout().lists[2]!;
    expect(customerOf(plan, 17)).toEqual(customerOf(plan, 17));
    expect(customerOf(plan, 17).customer).toMatch(/^1\d{10}$/);
    const invalid = Array.from({ length: 2000 }, (_, i) => customerOf(plan, i)).filter((c) => c.invalid).length;
    expect(invalid / 2000).toBeGreaterThan(0.37);
    expect(invalid / 2000).toBeLessThan(0.47);
  });
});

describe('bench layout', () => {
  it('has the bench’s cardinality: 20 campaigns, 200 lists, 500 caller IDs', () => {
    const layout = scaledLayout({ campaigns: 20, lists: 200, callerIds: 500, customersPerList: 50_000 }, 42);
    expect(new Set(layout.campaigns.map((c) => c.id)).size).toBe(20);
    expect(new Set(layout.lists.map((l) => l.id)).size).toBe(200);
    expect(new Set(layout.callerIds).size).toBe(500);
    for (const l of layout.lists) expect(idSchema.safeParse(l.id).success).toBe(true);
    const model = createFloorModel({
      ...{ reps: 300, teams: 10, seed: 1, startAt: SHIFT_START, shiftStartAt: SHIFT_START - HOUR_MS },
      dimensions: { campaigns: 20, lists: 200, callerIds: 500, customersPerList: 50_000 },
    });
    const d = dials(model.nextEvents(SHIFT_START + HOUR_MS).filter((e): e is SimEvent => !isFault(e)));
    expect(new Set(d.map((e) => e.campaign)).size).toBe(20);
    expect(new Set(d.map((e) => e.list)).size).toBeGreaterThan(150);
    expect(new Set(d.map((e) => e.callerId)).size).toBeGreaterThan(450);
  });
});

describe('runner with notices', () => {
  it('writes list.loaded and lead.* entries in time order among the calls, ts shifted like theirs', async () => {
    const written: string[][] = [];
    const redis = {
      pipeline() {
        const batch: string[][] = [];
        return {
          xadd: (_s: string, _id: string, ...fields: string[]) => batch.push(fields),
          exec: async () => (written.push(...batch), batch.map(() => [null, 'id'])),
        };
      },
    } as unknown as Redis;
    const model = createFloorModel({ reps: 10, teams: 1, seed: 3, startAt: SHIFT_START, notices: true });
    let now = 1_000_000_000_000;
    const sim = runSimulator({
      redis,
      stream: 's',
      model,
      speed: 1,
      simStartAt: SHIFT_START,
      clock: () => now,
      tickMs: 1,
    });
    now += 3 * HOUR_MS;
    await new Promise((resolve) => setTimeout(resolve, 50));
    await sim.stop();
    const field = (fields: string[], name: string) => fields[fields.indexOf(name) + 1];
    const loaded = written.filter((f) => field(f, 'type') === 'list.loaded');
    expect(loaded).toHaveLength(demoLayout().lists.length);
    expect(loaded[0]).toEqual(
      noticeFields({
        type: 'list.loaded',
        at: 1_000_000_000_000,
        list: 'crm-renewals-2026',
        size: 60_000,
        campaign: 'spring-renewal',
      }),
    );
    expect(written.some((f) => field(f, 'type') === 'lead.handoff')).toBe(true);
    const ts = written.map((f) => Number(field(f, 'ts')));
    for (let i = 1; i < ts.length; i++) expect(ts[i]).toBeGreaterThanOrEqual(ts[i - 1]!);
    const tags = written.find((f) => f.includes('tags'));
    expect(field(tags!, 'tags')).toMatch(/^[a-z_]+(,[a-z_]+)*$/);
  });
});
