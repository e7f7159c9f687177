/**
 * The daily review (issue #17 item 1) over real Redis: a seeded night-shift day (day start 06:00,
 * shift 21:00-05:00) with call-backs carried over from the night before, compared per rep, team
 * and floor with an independent count over the raw events (not the fold); the week; a day older
 * than the stream; the authorisation matrix; bad queries.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { ReviewResponse } from '../../shared/contracts/review';
import type { SourceEvent } from '../../shared/events/callEvent';
import { toStreamFields } from '../../shared/events/parseCallEvent';
import { createCallbackRepo } from '../../server/redis/callbackRepo';
import { createCommandConnection } from '../../server/redis/connections';
import { redisKeys } from '../../server/redis/keys';
import { addPeople, call, logInPeople, type Person } from './support/people';
import { createTestFloor, startTestApp, type RunningApp, type TestFloor } from './support/testApp';
import { waitFor } from './support/waitFor';

const MIN = 60_000;
const at = (day: number, hh: number, mm = 0) => Date.UTC(2026, 2, day, hh, mm);
const DAY = '2026-03-02'; // a Monday: the night of the 2nd to the 3rd
const NEXT = '2026-03-03';
const EFFECTIVE_MS = 60_000;
const GRACE_MIN = 10;

type Timed = SourceEvent & { at: number };
let floor: TestFloor;
let running: RunningApp;
let now = at(1, 20, 55);
let lastId = 0;
const events: Timed[] = [];
const tokens = {} as Record<Person | 'kiosk', string>;
const cleanups: (() => Promise<unknown>)[] = [];

async function add(event: Timed): Promise<void> {
  lastId = Math.max(lastId + 1, event.at);
  now = Math.max(now, lastId);
  events.push(event);
  await floor.writer.xadd(floor.config.stream, `${lastId}-0`, ...toStreamFields(event));
}

/** A call by its outcome: answered calls talk `talkMin` minutes. */
async function dialled(rep: string, id: string, dialAt: number, outcome: string, extra: Record<string, unknown> = {}) {
  const answered = ['refused', 'callback', 'lead', 'sale'].includes(outcome);
  const talk = ((extra.talkMin as number | undefined) ?? 2) * MIN;
  delete extra.talkMin;
  const customer = extra.customer as string | undefined;
  await add({ type: 'call.dial', rep, call: id, at: dialAt, ...(customer ? { customer } : {}) } as Timed);
  if (answered) await add({ type: 'call.answer', rep, call: id, at: dialAt + 10_000 });
  await add({ type: 'call.hangup', rep, call: id, at: dialAt + 10_000 + (answered ? talk : 20_000) });
  await add({ type: 'call.outcome', rep, call: id, outcome, at: dialAt + 20_000 + talk, ...extra } as Timed);
}

const OUTCOMES = ['no_answer', 'refused', 'sale', 'no_answer', 'refused', 'lead', 'busy', 'refused', 'no_answer'];
const REASONS = ['price', 'no_need', 'price', 'competitor'];

beforeAll(async () => {
  floor = createTestFloor(inject('redisUrl'), {
    FLOORBOARD_TZ: 'UTC',
    FLOORBOARD_DAY_START: '06:00',
    FLOORBOARD_SHIFT_START: '21:00',
    FLOORBOARD_SHIFT_END: '05:00',
    FLOORBOARD_CALLBACK_GRACE_MINUTES: String(GRACE_MIN),
    FLOORBOARD_EFFECTIVE_CALL_SECONDS: String(EFFECTIVE_MS / 1000),
  });
  cleanups.push(() => floor.writer.quit());
  running = await startTestApp(floor.config, () => now);
  cleanups.push(() => running.stop());
  await addPeople(floor.config);
  Object.assign(tokens, await logInPeople(running.url));
  const redis = createCommandConnection(floor.config.redisUrl);
  cleanups.push(() => redis.quit());
  const ledger = createCallbackRepo(redis, redisKeys(floor.config));
  const settled = (callId: string, state: string) =>
    waitFor(`call-back ${callId} ${state}`, async () => (await ledger.get(callId))?.state === state);

  // The night before (1st-2nd): three call-backs promised, two due on the night under review, one the night after.
  await add({ type: 'rep.login', rep: 'rep-a1', name: 'Ann', team: 'team-a', at: at(1, 21) });
  await dialled('rep-a1', 'p-1', at(1, 22), 'callback', { followUpAt: at(2, 22), customer: 'cust-1' });
  await dialled('rep-a1', 'p-2', at(1, 22, 10), 'callback', { followUpAt: at(2, 23), customer: 'cust-2' });
  await dialled('rep-a1', 'p-3', at(1, 22, 20), 'callback', { followUpAt: at(3, 22), customer: 'cust-3' });
  await add({ type: 'rep.logout', rep: 'rep-a1', at: at(2, 4) });
  await settled('p-3', 'open');

  // The night under review (2nd-3rd).
  await add({ type: 'rep.login', rep: 'rep-a1', name: 'Ann', team: 'team-a', at: at(2, 21) });
  await add({ type: 'rep.login', rep: 'rep-a2', name: 'Amy', team: 'team-a', at: at(2, 21) });
  await add({ type: 'rep.login', rep: 'rep-b1', name: 'Bob', team: 'team-b', at: at(2, 21) });
  await dialled('rep-a2', 'd-1', at(2, 21, 30), 'callback', { followUpAt: at(3, 1), customer: 'cust-9' });
  await dialled('rep-b1', 'd-2', at(2, 21, 40), 'callback', { followUpAt: at(3, 4), customer: 'cust-8' });
  // Ann calls cust-1 five minutes after the promised 22:00: done in time.
  await dialled('rep-a1', 'x-1', at(2, 22, 5), 'no_answer', { customer: 'cust-1' });
  await settled('p-1', 'called');
  await add({ type: 'lead.handoff', rep: 'rep-a1', lead: 'L-1', to: 'closers', at: at(2, 23) });
  await add({ type: 'lead.accepted', rep: 'rep-a1', lead: 'L-1', by: 'carol', at: at(2, 23, 5) });
  await add({ type: 'lead.handoff', rep: 'rep-b1', lead: 'L-2', to: 'closers', at: at(2, 23, 10) });
  await add({ type: 'lead.rejected', rep: 'rep-b1', lead: 'L-2', by: 'carol', reason: 'dup', at: at(2, 23, 15) });
  // Generated calls through the night, over midnight.
  const reps = ['rep-a1', 'rep-a2', 'rep-b1'];
  for (let i = 0; i < 27; i++) {
    const rep = reps[i % 3]!;
    const outcome = OUTCOMES[(i * 5) % OUTCOMES.length]!;
    const extra: Record<string, unknown> = { talkMin: 1 + (i % 4) * 0.4 };
    if (outcome === 'sale') extra.amount = 100 + i * 10;
    if (outcome === 'refused') extra.reason = REASONS[i % REASONS.length];
    await dialled(rep, `g-${i}`, at(2, 23, 20) + i * 11 * MIN, outcome, extra);
  }
  await add({ type: 'lead.closed', rep: 'rep-a1', lead: 'L-1', result: 'won', amount: 900, at: at(3, 4, 12) });
  // Bob calls cust-9 three hours after Amy's promised 01:00: done late.
  await dialled('rep-b1', 'x-2', at(3, 4, 15), 'sale', { customer: 'cust-9', amount: 250 });
  await settled('d-1', 'called');
  await add({ type: 'rep.pause', rep: 'rep-b1', reason: 'break', at: at(3, 4, 20) });
  await add({ type: 'rep.ready', rep: 'rep-b1', at: at(3, 4, 35) });
  await dialled('rep-b1', 'x-3', at(3, 4, 40), 'sale', { amount: 75, talkMin: 0.5 });
  await add({ type: 'rep.logout', rep: 'rep-a1', at: at(3, 5) });
  await add({ type: 'rep.logout', rep: 'rep-a2', at: at(3, 5) });
  await add({ type: 'rep.logout', rep: 'rep-b1', at: at(3, 5) });

  // The next night begins: the night under review is closed.
  await add({ type: 'rep.login', rep: 'rep-a1', name: 'Ann', team: 'team-a', at: at(3, 21) });
  await dialled('rep-a1', 'n-1', at(3, 21, 5), 'sale', { amount: 40 });
  // Ann's deals pass 1 during the night under review too: wait for the next night's day as well.
  await waitFor('the next night folded', () => {
    const live = running.app.floor.state();
    return live.day === NEXT && live.reps.get('rep-a1')?.deals === 1;
  });
}, 60_000);

afterAll(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** The business day of an instant with the day starting at 06:00 UTC. */
const businessDay = (t: number) => new Date(t - 6 * 3600_000).toISOString().slice(0, 10);
const TEAMS: Record<string, string> = { 'rep-a1': 'team-a', 'rep-a2': 'team-a', 'rep-b1': 'team-b' };

interface Count {
  dials: number;
  connects: number;
  effectiveCalls: number;
  talkMs: number;
  leads: number;
  deals: number;
  revenue: number;
  reasons: Map<string, number>;
}

/** The test's own count over the raw events of the given business days (not the fold). */
function count(
  days: readonly string[],
  who: (rep: string) => boolean,
): Omit<Count, 'talkMs'> & { talkSeconds: number } {
  const calls = new Map<string, Timed[]>();
  for (const e of events)
    if (e.type.startsWith('call.') && 'call' in e && e.call && who(e.rep!))
      calls.set(e.call, [...(calls.get(e.call) ?? []), e]);
  const perRep = new Map<string, Count>();
  for (const list of calls.values()) {
    const dial = list.find((e) => e.type === 'call.dial')!;
    if (!days.includes(businessDay(dial.at))) continue;
    const c =
      perRep.get(dial.rep) ??
      perRep
        .set(dial.rep, {
          ...{ dials: 0, connects: 0, effectiveCalls: 0, talkMs: 0, leads: 0, deals: 0, revenue: 0 },
          reasons: new Map(),
        })
        .get(dial.rep)!;
    const answer = list.find((e) => e.type === 'call.answer');
    const hangup = list.find((e) => e.type === 'call.hangup')!;
    const outcome = list.find((e) => e.type === 'call.outcome') as Extract<Timed, { type: 'call.outcome' }>;
    const talk = answer ? hangup.at - answer.at : 0;
    const won = outcome.outcome === 'lead' || outcome.outcome === 'sale';
    c.dials++;
    if (answer) c.connects++;
    if (answer && (talk >= EFFECTIVE_MS || won)) c.effectiveCalls++;
    c.talkMs += talk;
    if (won) c.leads++;
    if (outcome.outcome === 'sale') {
      c.deals++;
      c.revenue += outcome.amount ?? 0;
    }
    if (outcome.outcome === 'refused') c.reasons.set(outcome.reason!, (c.reasons.get(outcome.reason!) ?? 0) + 1);
  }
  const sum = { dials: 0, connects: 0, effectiveCalls: 0, talkSeconds: 0, leads: 0, deals: 0, revenue: 0 };
  const reasons = new Map<string, number>();
  for (const c of perRep.values()) {
    for (const k of ['dials', 'connects', 'effectiveCalls', 'leads', 'deals', 'revenue'] as const) sum[k] += c[k];
    sum.talkSeconds += Math.floor(c.talkMs / 1000); // per rep, as the rep's view rounds
    for (const [r, n] of c.reasons) reasons.set(r, (reasons.get(r) ?? 0) + n);
  }
  return { ...sum, reasons };
}

const figuresOf = (r: Pick<ReviewResponse, 'figures'>) => r.figures;
const plain = ({ reasons: _reasons, ...figures }: ReturnType<typeof count>) => figures;
const reasonsOf = (c: ReturnType<typeof count>) =>
  [...c.reasons]
    .map(([code, n]) => ({ code, count: n }))
    .sort((a, b) => b.count - a.count || (a.code < b.code ? -1 : 1));

async function review(who: Person | 'kiosk' | 'none', query: string) {
  return call(running.url, who === 'none' ? undefined : tokens[who], 'GET', `/api/review?${query}`);
}
async function ok(who: Person, query: string): Promise<ReviewResponse> {
  const res = await review(who, query);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as ReviewResponse;
}

describe('the daily review', () => {
  it('equals an independent count of the raw events per floor, team and rep (night shift)', async () => {
    const all = await ok('boss', `day=${DAY}`);
    expect(all.days).toEqual([{ day: DAY, source: 'stream' }]);
    expect(all.open).toBe(false);
    const floorCount = count([DAY], () => true);
    expect(figuresOf(all)).toEqual(plain(floorCount));
    expect(floorCount.deals).toBeGreaterThan(3); // the seed is not trivial
    expect(all.refusals).toEqual(reasonsOf(floorCount));
    for (const rep of ['rep-a1', 'rep-a2', 'rep-b1']) {
      const own = count([DAY], (r) => r === rep);
      const row = all.reps.find((r) => r.rep === rep)!;
      expect({ ...row }).toMatchObject(plain(own));
      expect(figuresOf(await ok('boss', `day=${DAY}&rep=${rep}`))).toEqual(plain(own));
    }
    const teamA = await ok('leadA', `day=${DAY}`);
    expect(teamA.scope).toEqual({ kind: 'team', team: 'team-a' });
    expect(figuresOf(teamA)).toEqual(plain(count([DAY], (r) => TEAMS[r] === 'team-a')));
    expect(teamA.reps.map((r) => r.rep)).toEqual(['rep-a2', 'rep-a1']); // by name: Amy, Ann
    expect(figuresOf(await ok('repA', `day=${DAY}`))).toEqual(plain(count([DAY], (r) => r === 'rep-a1')));

    // The funnel and its conversions.
    const f = floorCount;
    expect(all.funnel.map((s) => s.value)).toEqual([f.dials, f.connects, f.effectiveCalls, f.leads, f.deals]);
    expect(all.funnel[1]!.conversion).toBeCloseTo((100 * f.connects) / f.dials, 1);
    // A closed day: pace is attainment.
    for (const line of all.targets) expect(line.pace).toBe(line.attainment);
    // Paused time: Bob's 15-minute break.
    expect((await ok('boss', `day=${DAY}&rep=rep-b1`)).alerts.pausedSeconds).toBe(15 * 60);
  });

  it('counts call-backs carried over from the night before, handoffs, and the best hour', async () => {
    const all = await ok('boss', `day=${DAY}`);
    // Due on the night: p-1 (done in time), p-2 (never: overdue), d-1 (done three hours late), d-2 (overdue).
    expect(all.callbacks).toEqual({ due: 4, done: 1, doneLate: 1, overdue: 2, pending: 0, missed: 3, cancelled: 0 });
    const teamB = await ok('leadB', `day=${DAY}`);
    expect(teamB.callbacks).toMatchObject({ due: 1, overdue: 1 });
    expect(all.tomorrow.day).toBe('2026-03-03');
    expect(all.tomorrow.callbacksDue).toBe(1); // p-3, promised the night before
    expect(all.tomorrow.targets.find((t) => t.metric === 'dials')!.target).toBeGreaterThan(0);
    expect(all.handoffs).toEqual({ sent: 2, accepted: 1, rejected: 1, won: 1, lost: 0, revenue: 900 });
    expect((await ok('leadA', `day=${DAY}`)).handoffs).toEqual({
      ...{ sent: 1, accepted: 1, rejected: 0, won: 1, lost: 0, revenue: 900 },
    });

    // Hours from the raw events: the hour of each dial, in business minutes (01:00 = 1500).
    const hours = new Map<number, { deals: number; revenue: number; dials: number }>();
    for (const e of events) {
      if (e.type !== 'call.dial' || businessDay(e.at) !== DAY) continue;
      const hour = new Date(e.at).getUTCHours();
      const minute = (hour < 6 ? hour + 24 : hour) * 60;
      const h = hours.get(minute) ?? hours.set(minute, { deals: 0, revenue: 0, dials: 0 }).get(minute)!;
      h.dials++;
      const outcome = events.find((o) => o.type === 'call.outcome' && o.call === e.call) as
        Extract<Timed, { type: 'call.outcome' }> | undefined;
      if (outcome?.outcome === 'sale') {
        h.deals++;
        h.revenue += outcome.amount ?? 0;
      }
    }
    expect(all.hours!.map((h) => h.minute)).toEqual([...hours.keys()].sort((a, b) => a - b));
    expect(all.hours!.map((h) => h.dials)).toEqual([...hours].sort(([a], [b]) => a - b).map(([, h]) => h.dials));
    const best = [...hours].sort(([am, a], [bm, b]) => b.deals - a.deals || b.revenue - a.revenue || am - bm)[0]!;
    expect(all.best).toMatchObject({ minute: best[0], deals: best[1].deals, revenue: best[1].revenue });
    expect(all.hours!.some((h) => h.minute >= 1440)).toBe(true); // past midnight, in the same day
  });

  it('sums a week of days, and says what a day older than the stream no longer has', async () => {
    const week = await ok('boss', `week=${DAY}`);
    expect(week.period).toEqual({ kind: 'week', from: DAY, to: '2026-03-08' });
    expect(week.days.map((d) => d.source)).toEqual(['stream', 'live', 'none', 'none', 'none', 'none', 'none']);
    expect(week.open).toBe(true);
    expect(figuresOf(week)).toEqual(plain(count([DAY, '2026-03-03'], () => true)));

    const redis = createCommandConnection(floor.config.redisUrl);
    const old = '2026-02-16';
    const saved = { name: 'Ann', team: 'team-a', dials: 40, connects: 20, effectiveCalls: 12, talkSeconds: 3000 };
    await redis.hset(
      redisKeys(floor.config).dayTotals(old),
      'rep-a1',
      JSON.stringify({ ...saved, leads: 3, deals: 2, revenue: 500 }),
    );
    await redis.quit();
    const past = await ok('leadA', `day=${old}`);
    expect(past.days).toEqual([{ day: old, source: 'saved' }]);
    expect(past.figures).toMatchObject({ dials: 40, deals: 2, revenue: 500 });
    expect(past.hours).toBeNull();
    expect(past.refusals).toBeNull();
    expect(past.callbacks).toBeNull();
    expect(past.alerts.pausedSeconds).toBeNull();
  });

  it.each([
    ['kiosk', `day=${DAY}`, 403],
    ['none', `day=${DAY}`, 401],
    ['leadB', `day=${DAY}&team=team-a`, 403],
    ['leadA', `day=${DAY}&rep=rep-b1`, 403],
    ['leadA', `day=${DAY}&rep=rep-a2`, 200],
    ['repA', `day=${DAY}&rep=rep-a2`, 403],
    ['repA', `day=${DAY}&team=team-a`, 403],
    ['repA', `day=${DAY}&rep=rep-a1`, 200],
    ['boss', `day=${DAY}&team=team-b`, 200],
    ['boss', `day=${DAY}&rep=nobody`, 404],
    ['boss', `day=${DAY}&rep=constructor`, 404], // names are data: an unknown rep here
  ] as const)('%s asking %s: %i', async (who, query, status) => {
    expect((await review(who, query)).status).toBe(status);
  });

  it.each([
    ['day=2026-02-30', 'day: is not a calendar date'],
    ['day=2026-3-2', 'day: must be a date YYYY-MM-DD'],
    ['', 'day: give exactly one of day or week'],
    [`day=${DAY}&week=${DAY}`, 'day: give exactly one of day or week'],
    ['week=2026-03-03', 'week: must be the Monday that names the week'],
    [`day=${DAY}&team=a&rep=b`, 'rep: give team or rep, not both'],
    [`day=${DAY}&team=a%20b`, 'team: must be 1-64 chars of A-Za-z0-9._-'],
    [`day=${DAY}&foo=1`, 'body: Unrecognized key: "foo"'],
    ['day=2026-04-01', 'day: is in the future'],
    [`day=${DAY}&day=${DAY}`, 'day: Invalid input: expected string, received array'],
  ])('refuses %s with a clear 400', async (query, error) => {
    const res = await review('boss', query);
    expect(res.status).toBe(400);
    expect((res.body as { error: string }).error).toBe(error);
  });
});
