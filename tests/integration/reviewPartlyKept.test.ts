/**
 * The daily review of a week partly kept (issue #17, "a week mixing kept and saved-only days"):
 * Monday and Tuesday are saved day totals only (older than the stream), Wednesday and Thursday are
 * in the stream, Friday is today. Totals are the whole week's; reasons, call-backs, paused time and
 * hours come from the three kept days (an independent count of their raw events), and the answer
 * says which days they cover.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { ReviewResponse } from '../../shared/contracts/review';
import type { SourceEvent } from '../../shared/events/callEvent';
import { createCallbackRepo } from '../../server/redis/callbackRepo';
import { createCommandConnection } from '../../server/redis/connections';
import { redisKeys } from '../../server/redis/keys';
import { addPeople, call, logIn, PEOPLE, type Person } from './support/people';
import { at, timedStream } from './support/nightStream';
import { createTestFloor, startTestApp, type RunningApp, type TestFloor } from './support/testApp';
import { waitFor } from './support/waitFor';

const WEEK = '2026-03-02'; // Monday
const SAVED_ONLY = ['2026-03-02', '2026-03-03'];
const KEPT = ['2026-03-04', '2026-03-05', '2026-03-06'];
const TEAMS: Record<string, string> = { 'rep-a1': 'team-a', 'rep-b1': 'team-b' };

type Timed = SourceEvent & { at: number };
let floor: TestFloor;
let running: RunningApp;
let stream: ReturnType<typeof timedStream>;
const events: Timed[] = [];
const tokens = {} as Record<Person, string>;
const cleanups: (() => Promise<unknown>)[] = [];

async function add(event: Timed): Promise<void> {
  events.push(event);
  await stream.add(event);
}

async function dialled(rep: string, id: string, dialAt: number, outcome: string, extra: Record<string, unknown> = {}) {
  const answered = ['refused', 'callback', 'lead', 'sale'].includes(outcome);
  const customer = extra.customer as string | undefined;
  await add({ type: 'call.dial', rep, call: id, at: dialAt, ...(customer ? { customer } : {}) } as Timed);
  if (answered) await add({ type: 'call.answer', rep, call: id, at: dialAt + 10_000 });
  await add({ type: 'call.hangup', rep, call: id, at: dialAt + (answered ? 130_000 : 30_000) });
  await add({ type: 'call.outcome', rep, call: id, outcome, at: dialAt + 140_000, ...extra } as Timed);
}

/** Saved day totals of a day older than the stream (what the day-end save writes). */
const SAVED: Record<string, Record<string, { dials: number; deals: number; revenue: number }>> = {
  '2026-03-02': { 'rep-a1': { dials: 40, deals: 2, revenue: 500 }, 'rep-b1': { dials: 30, deals: 1, revenue: 200 } },
  '2026-03-03': { 'rep-a1': { dials: 35, deals: 1, revenue: 300 } },
};
const REASONS = ['price', 'no_need', 'price', 'competitor', 'price'];

beforeAll(async () => {
  floor = createTestFloor(inject('redisUrl'), {
    FLOORBOARD_TZ: 'UTC',
    FLOORBOARD_DAY_START: '00:00',
    FLOORBOARD_SHIFT_START: '09:00',
    FLOORBOARD_SHIFT_END: '18:00',
    FLOORBOARD_CALLBACK_GRACE_MINUTES: '10',
  });
  cleanups.push(() => floor.writer.quit());
  stream = timedStream(floor, at(4, 8, 55));
  running = await startTestApp(floor.config, stream.clock);
  cleanups.push(() => running.stop());
  await addPeople(floor.config);
  for (const person of ['boss', 'leadA'] as const)
    tokens[person] = (await logIn(running.url, PEOPLE[person].username)).token;
  const redis = createCommandConnection(floor.config.redisUrl);
  cleanups.push(() => redis.quit());
  const keys = redisKeys(floor.config);
  for (const [day, reps] of Object.entries(SAVED))
    for (const [rep, f] of Object.entries(reps)) {
      const totals = { name: rep === 'rep-a1' ? 'Ann' : 'Bob', team: TEAMS[rep], connects: f.dials / 2 };
      await redis.hset(
        keys.dayTotals(day),
        rep,
        JSON.stringify({ ...totals, effectiveCalls: f.deals, talkSeconds: 600, leads: f.deals, ...f }),
      );
    }
  const ledger = createCallbackRepo(redis, keys);

  // Three kept days: Wednesday and Thursday (the stream), Friday (today, live).
  for (const [i, day] of [4, 5, 6].entries()) {
    await add({ type: 'rep.login', rep: 'rep-a1', name: 'Ann', team: 'team-a', at: at(day, 9) });
    await add({ type: 'rep.login', rep: 'rep-b1', name: 'Bob', team: 'team-b', at: at(day, 9) });
    for (let n = 0; n < 6; n++) {
      const rep = n % 2 === 0 ? 'rep-a1' : 'rep-b1';
      const outcome = (n + i) % 3 === 0 ? 'refused' : (n + i) % 3 === 1 ? 'no_answer' : 'sale';
      const extra: Record<string, unknown> =
        outcome === 'refused'
          ? { reason: REASONS[(n + i) % REASONS.length] }
          : outcome === 'sale'
            ? { amount: 100 + n }
            : {};
      await dialled(rep, `c-${day}-${n}`, at(day, 9 + n, 5), outcome, extra);
    }
    if (day === 4)
      await dialled('rep-a1', 'promise', at(4, 16), 'callback', { followUpAt: at(5, 15), customer: 'cust-1' });
    if (day === 5) {
      await dialled('rep-a1', 'kept-promise', at(5, 15, 5), 'no_answer', { customer: 'cust-1' });
      // The ledger closes it at the clock's time: wait before the clock moves on.
      await waitFor('call-back kept', async () => (await ledger.get('promise'))?.state === 'called');
      await add({ type: 'rep.pause', rep: 'rep-b1', reason: 'break', at: at(5, 16) });
      await add({ type: 'rep.ready', rep: 'rep-b1', at: at(5, 16, 10) });
    }
    if (day !== 6) {
      await add({ type: 'rep.logout', rep: 'rep-a1', at: at(day, 17) });
      await add({ type: 'rep.logout', rep: 'rep-b1', at: at(day, 17) });
    }
  }
  // Thursday's fold also ends with rep-b1 on 3 dials: wait for Friday's day, not only the count.
  await waitFor('friday folded', () => {
    const live = running.app.floor.state();
    return live.day === KEPT[2] && live.reps.get('rep-b1')?.dials === 3;
  });
}, 60_000);

afterAll(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** The test's own count over the raw events of the kept days (not the fold), and the saved totals. */
function expected(who: (rep: string) => boolean) {
  const totals = { dials: 0, deals: 0, revenue: 0 };
  const reasons = new Map<string, number>();
  const hours = new Map<number, number>();
  for (const e of events) {
    if (e.type === 'call.dial' && who(e.rep)) {
      totals.dials++;
      const minute = new Date(e.at).getUTCHours() * 60;
      hours.set(minute, (hours.get(minute) ?? 0) + 1);
    }
    if (e.type === 'call.outcome' && who(e.rep) && e.outcome === 'sale') {
      totals.deals++;
      totals.revenue += e.amount ?? 0;
    }
    if (e.type === 'call.outcome' && who(e.rep) && e.outcome === 'refused')
      reasons.set(e.reason!, (reasons.get(e.reason!) ?? 0) + 1);
  }
  for (const reps of Object.values(SAVED))
    for (const [rep, f] of Object.entries(reps))
      if (who(rep)) for (const k of ['dials', 'deals', 'revenue'] as const) totals[k] += f[k];
  const refusals = [...reasons]
    .map(([code, count]) => ({ code, count }))
    .sort((a, b) => b.count - a.count || (a.code < b.code ? -1 : 1));
  return { totals, refusals, hours: [...hours].sort(([a], [b]) => a - b) };
}

async function ok(who: Person, query: string): Promise<ReviewResponse> {
  const res = await call(running.url, tokens[who], 'GET', `/api/review?${query}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as ReviewResponse;
}

describe('a week partly kept', () => {
  it('answers reasons, call-backs, paused time and hours from the kept days and says which they are', async () => {
    const week = await ok('boss', `week=${WEEK}`);
    expect(week.days.map((d) => d.source)).toEqual(['saved', 'saved', 'stream', 'stream', 'live', 'none', 'none']);
    expect(week.coverage).toEqual({ keptDays: KEPT, savedOnlyDays: SAVED_ONLY });
    const all = expected(() => true);
    // Totals stay whole-week: the saved days' totals and the kept days' calls.
    expect(week.figures).toMatchObject(all.totals);
    expect(all.refusals.length).toBeGreaterThan(1);
    expect(week.refusals).toEqual(all.refusals);
    expect(week.hours!.map((h) => [h.minute, h.dials])).toEqual(all.hours);
    expect(week.best).not.toBeNull();
    expect(week.worst).not.toBeNull();
    // The call-back promised on Wednesday and called on Thursday, in time.
    expect(week.callbacks).toMatchObject({ due: 1, done: 1, overdue: 0, missed: 0 });
    expect(week.alerts.pausedSeconds).toBe(10 * 60);
  });

  it('keeps to a team, and a saved-only week stays "not kept"', async () => {
    const teamA = await ok('leadA', `week=${WEEK}`);
    const a = expected((rep) => rep === 'rep-a1');
    expect(teamA.figures).toMatchObject(a.totals);
    expect(teamA.refusals).toEqual(a.refusals);
    expect(teamA.coverage.savedOnlyDays).toEqual(SAVED_ONLY);
    expect(teamA.alerts.pausedSeconds).toBe(0);

    const monday = await ok('boss', `day=${SAVED_ONLY[0]}`);
    expect(monday.coverage).toEqual({ keptDays: [], savedOnlyDays: [SAVED_ONLY[0]] });
    expect([monday.refusals, monday.hours, monday.callbacks, monday.alerts.pausedSeconds]).toEqual([
      null,
      null,
      null,
      null,
    ]);
  });
});
