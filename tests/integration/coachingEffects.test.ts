/**
 * Closed-loop coaching (issue #17, item 2) over real Redis through the stream: a note that names
 * its metric, followed by calls that improve it, shows the improvement against the same number of
 * calls before it (yesterday's, folded again by the day replay) and the rest of the team over the
 * same spans; a note with no calls after it says "not enough calls yet"; a note older than the
 * stream says its calls are no longer kept; who may ask, and bad queries.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { CoachingEffectsResponse } from '../../shared/contracts/coachingEffects';
import type { CoachingNote } from '../../shared/domain/coaching';
import type { SourceEvent } from '../../shared/events/callEvent';
import { toStreamFields } from '../../shared/events/parseCallEvent';
import { createCoachingRepo } from '../../server/redis/coachingRepo';
import { createCommandConnection } from '../../server/redis/connections';
import { redisKeys } from '../../server/redis/keys';
import { addPeople, call, logInPeople, type Person } from './support/people';
import { createTestFloor, startTestApp, testDayNoon, type RunningApp, type TestFloor } from './support/testApp';
import { waitFor } from './support/waitFor';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const TODAY = testDayNoon() - 12 * HOUR; // today's midnight (UTC floor, day starts at 00:00)
const YESTERDAY = TODAY - DAY;

let floor: TestFloor;
let running: RunningApp;
let now = YESTERDAY + 8 * HOUR;
let lastId = 0;
const tokens = {} as Record<Person | 'kiosk', string>;
const notes = {} as Record<'coached' | 'waiting' | 'old' | 'plain', CoachingNote>;

async function add(event: SourceEvent & { at: number }) {
  lastId = Math.max(lastId + 1, event.at);
  now = Math.max(now, lastId);
  await floor.writer.xadd(floor.config.stream, `${lastId}-0`, ...toStreamFields(event));
}

/** A finished call: answered and talked 30 s (refused), or not answered. */
async function dial(rep: string, id: string, at: number, answered: boolean) {
  await add({ type: 'call.dial', rep, call: id, at });
  if (answered) await add({ type: 'call.answer', rep, call: id, at: at + 5000 });
  await add({ type: 'call.hangup', rep, call: id, at: at + 35_000 });
  await add({ type: 'call.outcome', rep, call: id, outcome: answered ? 'refused' : 'no_answer', at: at + 40_000 });
}

async function logins(at: number) {
  await add({ type: 'rep.login', rep: 'rep-a1', name: 'Ann', team: 'team-a', at });
  await add({ type: 'rep.login', rep: 'rep-a2', name: 'Amy', team: 'team-a', at: at + 1 });
  await add({ type: 'rep.login', rep: 'rep-b1', name: 'Bob', team: 'team-b', at: at + 2 });
}

const effectsAs = async (who: Person | 'kiosk', query: string) =>
  call(running.url, tokens[who], 'GET', `/api/coaching-notes/effects${query}`);

const post = async (who: Person, body: unknown) => call(running.url, tokens[who], 'POST', '/api/coaching-notes', body);

beforeAll(async () => {
  floor = createTestFloor(inject('redisUrl'), { FLOORBOARD_TZ: 'UTC' });
  // Yesterday: Ann connects 2 calls in 10, Amy (her team) 5 in 10, Bob (another team) all 10.
  await logins(YESTERDAY + 9 * HOUR);
  for (let i = 0; i < 10; i++) {
    await dial('rep-a2', `y-a2-${i}`, YESTERDAY + 10 * HOUR + i * 2 * MIN + MIN + 30_000, i % 2 === 0);
    await dial('rep-a1', `y-a1-${i}`, YESTERDAY + 10 * HOUR + i * 2 * MIN + MIN, i < 2);
    await dial('rep-b1', `y-b1-${i}`, YESTERDAY + 10 * HOUR + i * 2 * MIN + 100_000, true);
  }
  await logins(TODAY + 9 * HOUR);
  running = await startTestApp(floor.config, () => now);
  await addPeople(floor.config);
  await waitFor('the stream folded', () => running.app.floor.state().lastId === `${lastId}-0`);
  Object.assign(tokens, await logInPeople(running.url));

  // 10:00 today: the lead coaches Ann on her connect rate; a plain note names no metric.
  now = TODAY + 10 * HOUR;
  const coached = await post('leadA', { rep: 'rep-a1', text: 'Open with the price anchor', metric: 'connect_rate' });
  expect(coached.status).toBe(201);
  notes.coached = coached.body as CoachingNote;
  expect(notes.coached.metric).toBe('connect_rate');
  notes.plain = (await post('leadA', { rep: 'rep-a1', text: 'Well done', tag: 'praise' })).body as CoachingNote;
  expect(notes.plain.metric).toBeUndefined();

  // After it: Ann connects 8 calls in 10, Amy still 5 in 10, Bob still all.
  for (let i = 0; i < 10; i++) {
    await dial('rep-a2', `t-a2-${i}`, TODAY + 10 * HOUR + 4 * MIN + i * 2 * MIN, i % 2 === 0);
    await dial('rep-a1', `t-a1-${i}`, TODAY + 10 * HOUR + 5 * MIN + i * 2 * MIN, i < 8);
    await dial('rep-b1', `t-b1-${i}`, TODAY + 10 * HOUR + 5 * MIN + i * 2 * MIN + 30_000, false);
  }
  await waitFor('the calls folded', () => running.app.floor.state().lastId === `${lastId}-0`);

  // Amy's note comes after all her calls; one of Ann's was written before the stream began.
  now = TODAY + 11 * HOUR;
  notes.waiting = (await post('leadA', { rep: 'rep-a2', text: 'Slow down', metric: 'conversion' }))
    .body as CoachingNote;
  const redis = createCommandConnection(floor.config.redisUrl);
  notes.old = await createCoachingRepo(redis, redisKeys(floor.config)).add(
    { rep: 'rep-a1', text: 'Smile on the phone', metric: 'talk_per_connect' },
    { team: 'team-a', author: 'lead-a', now: YESTERDAY - 10 * DAY },
  );
  await redis.quit();
});

afterAll(async () => {
  await running?.stop();
  await floor?.writer.quit();
});

describe('coaching effects', () => {
  it("shows the named metric's improvement after the note, with the team over the same spans", async () => {
    const res = await effectsAs('leadA', '?team=team-a');
    expect(res.status).toBe(200);
    const body = res.body as CoachingEffectsResponse;
    expect(body.effects.map((e) => e.note.id)).toEqual([notes.waiting.id, notes.coached.id]); // no plain note
    const coached = body.effects.find((e) => e.note.id === notes.coached.id)!;
    expect(coached).toMatchObject({
      status: 'measured',
      callsAfter: 10,
      before: { calls: 10, value: 0.2 },
      after: { calls: 10, value: 0.8 },
      move: 'up',
      span: { from: YESTERDAY + 10 * HOUR + MIN, until: TODAY + 10 * HOUR + 23 * MIN },
      // Amy (the rest of team A) over the same two spans: 5 of 10 both times; Bob is not in it.
      team: { before: { calls: 10, value: 0.5 }, after: { calls: 10, value: 0.5 }, change: 0 },
    });
    expect(coached.change).toBeCloseTo(0.6);
    expect(body).toMatchObject({ minCalls: 5, maxCalls: 50, tolerances: { connect_rate: 0.05 } });
  });

  it('says "not enough calls yet" for a note with no calls after it', async () => {
    const body = (await effectsAs('boss', '?rep=rep-a2')).body as CoachingEffectsResponse;
    expect(body.effects).toHaveLength(1);
    expect(body.effects[0]).toMatchObject({ status: 'not_enough_calls', callsAfter: 0, before: null, move: null });
  });

  it('says the calls are no longer kept for a note older than the stream', async () => {
    const body = (await effectsAs('repA', '?days=31')).body as CoachingEffectsResponse;
    expect(body.effects.map((e) => [e.note.id, e.status])).toEqual([
      [notes.coached.id, 'measured'],
      [notes.old.id, 'calls_gone'],
    ]);
    // The default look-back (7 days) leaves it out.
    const week = (await effectsAs('repA', '')).body as CoachingEffectsResponse;
    expect(week.effects.map((e) => e.note.id)).toEqual([notes.coached.id]);
  });

  it("picks the notes of one business day or of a week (the review's day and week)", async () => {
    const day = (at: number) => new Date(at).toISOString().slice(0, 10);
    const ids = async (query: string) =>
      ((await effectsAs('boss', `?team=team-a${query}`)).body as CoachingEffectsResponse).effects.map((e) => e.note.id);
    expect(await ids(`&day=${day(TODAY)}`)).toEqual([notes.waiting.id, notes.coached.id]);
    expect(await ids(`&day=${day(YESTERDAY)}`)).toEqual([]);
    const mondayOf = (at: number) => at - ((new Date(at).getUTCDay() + 6) % 7) * DAY;
    const monday = mondayOf(TODAY);
    expect(await ids(`&week=${day(monday)}`)).toEqual([notes.waiting.id, notes.coached.id]);
    expect(await ids(`&week=${day(mondayOf(notes.old.createdAt))}`)).toEqual([notes.old.id]);
    const body = (await effectsAs('boss', `?team=team-a&day=${day(TODAY)}`)).body as CoachingEffectsResponse;
    expect([body.from, body.until]).toEqual([TODAY, TODAY + DAY]);
  });

  it('answers a lead for the own team only, a rep for the own notes only, a wallboard never', async () => {
    expect((await effectsAs('leadB', '?team=team-a')).status).toBe(403);
    expect((await effectsAs('leadB', '?rep=rep-a1')).status).toBe(403);
    expect((await effectsAs('repA2', '?rep=rep-a1')).status).toBe(403);
    expect((await effectsAs('repA', '?team=team-a')).status).toBe(403);
    expect((await effectsAs('kiosk', '')).status).toBe(403);
    expect((await call(running.url, undefined, 'GET', '/api/coaching-notes/effects')).status).toBe(401);
    expect((await effectsAs('repA', '?rep=rep-a1')).status).toBe(200);
    const lead = (await effectsAs('leadA', '')).body as CoachingEffectsResponse; // own team by default
    expect(lead.effects).toHaveLength(2);
    const teamB = (await effectsAs('leadB', '?team=team-b')).body as CoachingEffectsResponse;
    expect(teamB.effects).toEqual([]);
    // Names are data: team __proto__ is an unknown team here (no notes), and not lead A's (403).
    const proto = await effectsAs('boss', '?team=__proto__');
    expect(proto.status).toBe(200);
    expect((proto.body as CoachingEffectsResponse).effects).toEqual([]);
    expect((await effectsAs('leadA', '?team=__proto__')).status).toBe(403);
  });

  it('refuses a bad metric and bad queries with a clear 400, and stores nothing', async () => {
    const bad = await post('leadA', { rep: 'rep-a1', text: 'Try harder', metric: 'happiness' });
    expect(bad).toMatchObject({ status: 400, body: { error: expect.stringMatching(/^metric: must be one of/) } });
    expect(((await effectsAs('leadA', '?team=team-a')).body as CoachingEffectsResponse).effects).toHaveLength(2);
    for (const [query, error] of [
      ['?days=0', /^days: /],
      ['?days=32', /^days: must be at most 31/],
      ['?days=abc', /^days: /],
      ['?team=a%20b', /^team: /],
      ['?team=team-a&rep=rep-a1', /give team or rep, not both/],
      ['?team=team-a&team=team-b', /^team: /],
      ['?colour=red', /unrecognized|colour/i],
      ['?day=2026-02-30', /^day: is not a real date/],
      ['?day=03-02-2026', /^day: must be a date written YYYY-MM-DD/],
      ['?week=2026-03-03', /^week: must be a Monday/],
      ['?days=7&day=2026-03-02', /give one of days, day or week/],
    ] as const) {
      const res = await effectsAs('boss', query);
      expect(res.status, query).toBe(400);
      expect((res.body as { error: string }).error, query).toMatch(error);
    }
  });
});
