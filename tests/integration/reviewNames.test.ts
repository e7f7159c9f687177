/**
 * Names are data in the daily review's features (issue #17): a team really called `__proto__`
 * with reps called `constructor` and `toString` comes through the stream like any other, and the
 * review, the history, the coaching effects and the CSV export answer its real figures to a
 * supervisor (a lead of another team gets 403). Object.prototype is untouched afterwards.
 */
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { CoachingEffectsResponse } from '../../shared/contracts/coachingEffects';
import type { ReviewResponse } from '../../shared/contracts/review';
import type { CoachingNote } from '../../shared/domain/coaching';
import type { HistoryResponse } from '../../shared/domain/history';
import type { SourceEvent } from '../../shared/events/callEvent';
import { toStreamFields } from '../../shared/events/parseCallEvent';
import { addPeople, call, logIn, PEOPLE, type Person } from './support/people';
import { createTestFloor, startTestApp, testDayNoon, type RunningApp, type TestFloor } from './support/testApp';
import { waitFor } from './support/waitFor';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY_MS = 24 * HOUR;
const TODAY_AT = testDayNoon() - 12 * HOUR; // today's midnight (UTC floor, the day starts at 00:00)
const YESTERDAY_AT = TODAY_AT - DAY_MS;
const TODAY = new Date(TODAY_AT).toISOString().slice(0, 10);
const YESTERDAY = new Date(YESTERDAY_AT).toISOString().slice(0, 10);
const TEAM = '__proto__';

let floor: TestFloor;
let running: RunningApp;
let now = YESTERDAY_AT + 8 * HOUR;
let lastId = 0;
let note: CoachingNote;
const tokens = {} as Record<Person, string>;
const prototypeKeys = Object.getOwnPropertyNames(Object.prototype).sort();

async function add(event: SourceEvent & { at: number }) {
  lastId = Math.max(lastId + 1, event.at);
  now = Math.max(now, lastId);
  await floor.writer.xadd(floor.config.stream, `${lastId}-0`, ...toStreamFields(event));
}

/** A finished call: answered (refused, or a sale of `amount`) or not answered. */
async function dial(rep: string, id: string, at: number, answered: boolean, amount = 0) {
  await add({ type: 'call.dial', rep, call: id, at });
  if (answered) await add({ type: 'call.answer', rep, call: id, at: at + 5000 });
  await add({ type: 'call.hangup', rep, call: id, at: at + 35_000 });
  const outcome = !answered ? 'no_answer' : amount > 0 ? 'sale' : 'refused';
  await add({ type: 'call.outcome', rep, call: id, outcome, at: at + 40_000, ...(amount > 0 ? { amount } : {}) });
}

async function logins(at: number) {
  await add({ type: 'rep.login', rep: 'constructor', name: 'Con', team: TEAM, at });
  await add({ type: 'rep.login', rep: 'toString', name: 'Tos', team: TEAM, at: at + 1 });
  await add({ type: 'rep.login', rep: 'rep-a1', name: 'Ann', team: 'team-a', at: at + 2 });
}

const get = async (who: Person, path: string) => call(running.url, tokens[who], 'GET', path);
async function ok<T>(who: Person, path: string): Promise<T> {
  const res = await get(who, path);
  expect(res.status, `${path}: ${JSON.stringify(res.body)}`).toBe(200);
  return res.body as T;
}

beforeAll(async () => {
  floor = createTestFloor(inject('redisUrl'), { FLOORBOARD_TZ: 'UTC' });
  // Yesterday: constructor connects 2 calls in 10; toString 4 in 4, one a sale of 100; Ann 3 unanswered.
  await logins(YESTERDAY_AT + 9 * HOUR);
  for (let i = 0; i < 10; i++) await dial('constructor', `y-c-${i}`, YESTERDAY_AT + 10 * HOUR + i * 2 * MIN, i < 2);
  for (let i = 0; i < 4; i++)
    await dial('toString', `y-t-${i}`, YESTERDAY_AT + 11 * HOUR + i * 2 * MIN, true, i === 0 ? 100 : 0);
  for (let i = 0; i < 3; i++) await dial('rep-a1', `y-a-${i}`, YESTERDAY_AT + 12 * HOUR + i * 2 * MIN, false);
  await logins(TODAY_AT + 9 * HOUR);
  running = await startTestApp(floor.config, () => now);
  await addPeople(floor.config);
  await waitFor('the stream folded', () => running.app.floor.state().lastId === `${lastId}-0`);
  for (const person of Object.keys(PEOPLE) as Person[])
    tokens[person] = (await logIn(running.url, PEOPLE[person].username)).token;

  // 10:00 today the supervisor coaches constructor on the connect rate; then 8 of 10 calls connect.
  now = TODAY_AT + 10 * HOUR;
  const coached = await call(running.url, tokens.boss, 'POST', '/api/coaching-notes', {
    ...{ rep: 'constructor', text: 'Open with the price anchor', metric: 'connect_rate' },
  });
  expect(coached.status, JSON.stringify(coached.body)).toBe(201);
  note = coached.body as CoachingNote;
  for (let i = 0; i < 10; i++)
    await dial('constructor', `t-c-${i}`, TODAY_AT + 10 * HOUR + 5 * MIN + i * 2 * MIN, i < 8);
  await waitFor('the calls folded', () => running.app.floor.state().lastId === `${lastId}-0`);
});

afterAll(async () => {
  await running?.stop();
  await floor?.writer.quit();
});

describe('a team __proto__ with reps constructor and toString', () => {
  it('has its real review for a day (folded again) and today (live), as a team and as a rep', async () => {
    const team = await ok<ReviewResponse>('boss', `/api/review?day=${YESTERDAY}&team=${TEAM}`);
    expect(team.days).toEqual([{ day: YESTERDAY, source: 'stream' }]);
    expect(team.team).toBe(TEAM);
    expect(team.figures).toMatchObject({ dials: 14, connects: 6, deals: 1, revenue: 100 });
    expect(team.reps.map((r) => [r.rep, r.team, r.dials])).toEqual([
      ['constructor', TEAM, 10],
      ['toString', TEAM, 4],
    ]);
    const rep = await ok<ReviewResponse>('boss', `/api/review?day=${YESTERDAY}&rep=constructor`);
    expect(rep.team).toBe(TEAM);
    expect(rep.figures).toMatchObject({ dials: 10, connects: 2, deals: 0 });
    const live = await ok<ReviewResponse>('boss', `/api/review?day=${TODAY}&team=${TEAM}`);
    expect(live.days).toEqual([{ day: TODAY, source: 'live' }]);
    expect(live.figures).toMatchObject({ dials: 10, connects: 8 });
    const all = await ok<ReviewResponse>('boss', `/api/review?day=${YESTERDAY}`);
    expect(all.figures.dials).toBe(17);
    expect((await get('leadA', `/api/review?day=${YESTERDAY}&team=${TEAM}`)).status).toBe(403);
  });

  it('answers a team nobody is in (prototype, hasOwnProperty) as any unknown team: an empty review', async () => {
    const unknown = await ok<ReviewResponse>('boss', `/api/review?day=${YESTERDAY}&team=no-such-team`);
    expect(unknown.reps).toEqual([]);
    for (const team of ['prototype', 'hasOwnProperty']) {
      const body = await ok<ReviewResponse>('boss', `/api/review?day=${YESTERDAY}&team=${team}`);
      expect(body, team).toEqual({ ...unknown, scope: { kind: 'team', team }, team });
    }
  });

  it('has its real history: yesterday from the saved totals, today from the live floor', async () => {
    const team = await waitFor('yesterday saved', async () => {
      const body = await ok<HistoryResponse>('boss', `/api/history?team=${TEAM}&days=2`);
      return body.days[0]?.figures ? body : undefined;
    });
    expect(team.subject).toEqual({ kind: 'team', team: TEAM });
    expect(team.days.map((d) => [d.day, d.figures?.dials, d.figures?.connects, d.reps])).toEqual([
      [YESTERDAY, 14, 6, 2],
      [TODAY, 10, 8, 2],
    ]);
    const rep = await ok<HistoryResponse>('boss', '/api/history?rep=constructor&days=2');
    expect(rep.subject).toEqual({ kind: 'rep', rep: 'constructor', name: 'Con' });
    expect(rep.days.map((d) => [d.figures?.dials, d.team])).toEqual([
      [10, TEAM],
      [10, TEAM],
    ]);
    expect((await get('leadA', `/api/history?team=${TEAM}&days=2`)).status).toBe(403);
  });

  it("has the coaching note's effect, asked by team or by rep", async () => {
    for (const query of [`team=${TEAM}`, 'rep=constructor']) {
      const body = await ok<CoachingEffectsResponse>('boss', `/api/coaching-notes/effects?${query}`);
      expect(
        body.effects.map((e) => [e.note.id, e.note.rep, e.status]),
        query,
      ).toEqual([[note.id, 'constructor', 'measured']]);
      expect(body.effects[0]).toMatchObject({ callsAfter: 10 });
    }
    expect((await get('leadA', `/api/coaching-notes/effects?team=${TEAM}`)).status).toBe(403);
  });

  it('exports its rows as CSV', async () => {
    const res = await fetch(`${running.url}/api/exports/reps.csv?from=${YESTERDAY}&to=${TODAY}&team=${TEAM}`, {
      headers: { authorization: `Bearer ${tokens.boss}` },
    });
    expect(res.status).toBe(200);
    const rows = parse(Buffer.from(await res.arrayBuffer()), { bom: true, columns: true }) as Record<string, string>[];
    expect(rows.map((r) => [r.day, r.rep, r.team, r.dials, r.connects, r.revenue])).toEqual([
      [YESTERDAY, 'constructor', TEAM, '10', '2', '0.00'],
      [YESTERDAY, 'toString', TEAM, '4', '4', '100.00'],
      [TODAY, 'constructor', TEAM, '10', '8', '0.00'],
      [TODAY, 'toString', TEAM, '0', '0', '0.00'],
    ]);
    expect((await get('leadA', `/api/exports/reps.csv?from=${TODAY}&to=${TODAY}&team=${TEAM}`)).status).toBe(403);
  });

  it('leaves Object.prototype untouched', () => {
    const plain = {} as Record<string, unknown>;
    expect(plain.dials).toBeUndefined();
    expect(plain.team).toBeUndefined();
    expect(plain.figures).toBeUndefined();
    expect(plain.constructor).toBe(Object);
    expect(Object.getPrototypeOf(plain)).toBe(Object.prototype);
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeKeys);
  });
});
