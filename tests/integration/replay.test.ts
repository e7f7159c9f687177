/**
 * Floor replay (issue #17 item 6) over real Redis: GET /api/replay?at= answers the wallboard as it
 * was at `at`, equal to what the live floor showed when its clock was there and to an independent
 * fold of the stream up to `at`; keyframes keep a scrub to one short fold and a herd of requests
 * for one moment to one fold; days the stream no longer holds are 410, bad input 400, and only
 * supervisors and leads (own team) may replay.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { FloorResponse } from '../../shared/contracts/http';
import type { ReplayDaysResponse, ReplayResponse } from '../../shared/contracts/replay';
import { foldCallEvents } from '../../shared/domain/fold';
import { forBoard, toFloorView } from '../../shared/domain/floorView';
import { emptyFloor } from '../../shared/domain/repState';
import type { CallEvent, SourceEvent } from '../../shared/events/callEvent';
import { parseCallEvent, toStreamFields } from '../../shared/events/parseCallEvent';
import { createLocalTime } from '../../shared/time';
import { createDayReplay, type DayReplay } from '../../server/days/dayReplay';
import { createCommandConnection } from '../../server/redis/connections';
import { redisKeys } from '../../server/redis/keys';
import { createStreamArchive } from '../../server/redis/streamArchive';
import { createReplayFrames, FRAME_MS } from '../../server/replay/replayFrames';
import { addPeople, call, logIn } from './support/people';
import { createTestFloor, startTestApp, type RunningApp, type TestFloor } from './support/testApp';
import { waitFor } from './support/waitFor';

const MIN = 60_000;
const at = (day: number, hh: number, mm = 0, ss = 0) => Date.UTC(2026, 2, day, hh, mm, ss);
const PREV = '2026-03-01';
const DAY = '2026-03-03';
/** The moment the live floor is looked at, then replayed. */
const T1 = at(3, 10, 37, 20);

let floor: TestFloor;
let running: RunningApp;
let now = T1;
let lastId = 0;
let liveAtT1: FloorResponse;
const tokens: Record<string, string> = {};
const cleanups: (() => Promise<unknown>)[] = [];

async function add(event: SourceEvent & { at: number }): Promise<void> {
  lastId = Math.max(lastId + 1, event.at);
  await floor.writer.xadd(floor.config.stream, `${lastId}-0`, ...toStreamFields(event));
}

/** A day's work on the floor, the events `at` in [from, until) written in order (each entry's id its time). */
async function workDay(day: number, from: number, until: number): Promise<void> {
  // Every 7 minutes each rep dials; some calls are answered, some sold, some promised a call-back.
  const reps = [
    { rep: 'rep-a1', name: 'Ann', team: 'team-a' },
    { rep: 'rep-a2', name: 'Amy', team: 'team-a' },
    { rep: 'rep-b1', name: 'Bob', team: 'team-b' },
  ];
  const events: (SourceEvent & { at: number })[] = reps.map((r, i) => ({
    type: 'rep.login',
    ...r,
    at: at(day, 9) + i * 1000,
  }));
  let n = 0;
  for (let t = at(day, 9, 5); t < at(day, 18); t += 7 * MIN) {
    for (const [i, { rep }] of reps.entries()) {
      const callId = `c-${day}-${++n}`;
      const dialAt = t + i * 20_000;
      events.push({ type: 'call.dial', rep, call: callId, at: dialAt, customer: `crm:${n}`, contact: '13812341234' });
      if (n % 3 === 0) continue; // no answer
      events.push({ type: 'call.answer', rep, call: callId, at: dialAt + 8000 });
      events.push({ type: 'call.hangup', rep, call: callId, at: dialAt + 95_000 });
      const outcome =
        n % 5 === 0
          ? ({ outcome: 'sale', amount: 120 } as const)
          : n % 4 === 0
            ? ({ outcome: 'callback', followUpAt: dialAt + 3_600_000 } as const)
            : ({ outcome: 'refused', reason: 'too expensive' } as const);
      events.push({ type: 'call.outcome', rep, call: callId, at: dialAt + 100_000, ...outcome });
    }
  }
  for (const event of events.filter((e) => e.at >= from && e.at < until).sort((a, b) => a.at - b.at)) await add(event);
}

beforeAll(async () => {
  floor = createTestFloor(inject('redisUrl'), { FLOORBOARD_TZ: 'UTC' });
  cleanups.push(() => floor.writer.quit());
  await workDay(1, at(1, 9), at(1, 11));
  await workDay(3, at(3, 9), T1 + 1); // up to T1: the live floor is at T1
  running = await startTestApp(floor.config, () => now);
  cleanups.push(() => running.stop());
  await addPeople(floor.config);
  for (const who of ['boss', 'lead-a', 'ann']) tokens[who] = (await logIn(running.url, who)).token;
  await waitFor('the live floor reached T1', () => running.app.floor.cursor() === `${lastId}-0`);
  const live = await call(running.url, tokens.boss, 'GET', '/api/floor');
  liveAtT1 = live.body as FloorResponse;
  // The floor goes on after T1.
  await workDay(3, T1 + 1, at(3, 12, 40));
  now = at(3, 13);
  await waitFor('the live floor read on', () => running.app.floor.cursor() === `${lastId}-0`);
});

afterAll(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const replay = async (token: string | undefined, query: string) =>
  call(running.url, token, 'GET', `/api/replay?${query}`);

describe('GET /api/replay', () => {
  it('shows what the live floor showed when its clock was at that moment', async () => {
    const res = await replay(tokens.boss, `at=${T1}`);
    expect(res.status).toBe(200);
    const body = res.body as ReplayResponse;
    expect(body.at).toBe(T1);
    expect(body.day).toBe(DAY);
    expect(liveAtT1.reps.length).toBe(3);
    expect(body.reps).toEqual(liveAtT1.reps.map(forBoard));
    expect(body.teams).toEqual(liveAtT1.teams);
    expect(body.totals).toEqual(liveAtT1.totals);
    // The live floor moved on since.
    expect(running.app.floor.state().reps.get('rep-a1')!.dials).toBeGreaterThan(body.reps[0]!.dials);
  });

  it('equals an independent fold of the stream up to the moment (ISO time, a moment past a keyframe)', async () => {
    const moment = at(3, 11, 52, 41);
    const entries = await floor.writer.xrange(floor.config.stream, '-', `${moment}`);
    const events: CallEvent[] = [];
    for (const [id, fields] of entries) {
      const parsed = parseCallEvent(id, fields);
      if (parsed.ok) events.push(parsed.event);
    }
    const rules = { effectiveCallMs: floor.config.effectiveCallSeconds * 1000, dayOf: createLocalTime('UTC').dayOf };
    const reference = toFloorView(foldCallEvents(emptyFloor(), events, rules), () => floor.config.defaultTargets);
    const res = await replay(tokens.boss, `at=${new Date(moment).toISOString()}`);
    expect(res.status).toBe(200);
    const body = res.body as ReplayResponse;
    expect(body.reps).toEqual(reference.reps.map(forBoard));
    expect(body.totals).toEqual(reference.totals);
    expect(body.totals.dials).toBeGreaterThan(liveAtT1.totals.dials);
    // Statuses keep their start times: a timer shows the time in status as of the moment.
    for (const rep of body.reps) expect(rep.statusSince).toBeLessThanOrEqual(moment);
    // The same moment given with a zone offset is the same answer.
    const shifted = await replay(tokens.boss, `at=${encodeURIComponent('2026-03-03T19:52:41+08:00')}`);
    expect((shifted.body as ReplayResponse).reps).toEqual(body.reps);
  });

  it('sends no personal data: no call-backs, contacts, customers or refusal lists in the rows', async () => {
    const res = await replay(tokens.boss, `at=${at(3, 12, 30)}`);
    const text = JSON.stringify(res.body);
    expect(text).not.toContain('13812341234');
    expect(text).not.toContain('crm:');
    for (const rep of (res.body as ReplayResponse).reps) {
      expect(rep.callbacks).toEqual([]);
      expect(rep.refusals).toEqual([]);
    }
    expect((res.body as ReplayResponse).reps.some((r) => r.callbackCount > 0)).toBe(true);
  });

  it('answers 410 for a day the stream no longer holds, 404 for a day without entries, 400 for the future', async () => {
    const gone = await replay(tokens.boss, `at=${at(1, 12) - 3 * 86_400_000}`);
    expect(gone.status).toBe(410);
    expect((gone.body as { error: string }).error).toMatch(/no longer in the stream.*oldest is 2026-03-01/);
    const empty = await replay(tokens.boss, `at=${at(2, 12)}`);
    expect(empty.status).toBe(404);
    expect((empty.body as { error: string }).error).toMatch(/no entries on 2026-03-02/);
    const future = await replay(tokens.boss, `at=${now + MIN}`);
    expect(future.status).toBe(400);
    expect((future.body as { error: string }).error).toMatch(/later than now/);
  });

  it('refuses a bad at or team with a clear 400', async () => {
    for (const query of [
      '',
      'at=',
      'at=yesterday',
      'at=-5',
      'at=1e12',
      `at=${'9'.repeat(16)}`,
      'at=2026-02-30T10:00:00Z',
      'at=2026-03-03T10:00:00', // no zone
      'at=2026-03-03T25:00:00Z',
      `at=${T1}&at=${T1}`,
      `at=${T1}&team=${encodeURIComponent('a b')}`,
    ]) {
      const res = await replay(tokens.boss, query);
      expect(res.status, query).toBe(400);
      expect((res.body as { error: string }).error, query).toMatch(/^(at|team): /);
    }
  });

  it('lets supervisors and leads (own team only) replay; reps, wallboards and strangers may not', async () => {
    const q = `at=${T1}`;
    const boss = await replay(tokens.boss, q);
    expect(new Set((boss.body as ReplayResponse).reps.map((r) => r.team))).toEqual(new Set(['team-a', 'team-b']));
    const bossTeam = await replay(tokens.boss, `${q}&team=team-b`);
    expect((bossTeam.body as ReplayResponse).reps.map((r) => r.id)).toEqual(['rep-b1']);
    const lead = await replay(tokens['lead-a'], q);
    expect(lead.status).toBe(200);
    const leadBody = lead.body as ReplayResponse;
    expect(leadBody.reps.map((r) => r.team)).toEqual(['team-a', 'team-a']);
    expect(leadBody.teams.map((t) => t.id)).toEqual(['team-a']);
    expect(JSON.stringify(leadBody)).not.toContain('rep-b1');
    expect((await replay(tokens['lead-a'], `${q}&team=team-a`)).status).toBe(200);
    // Names are data: a team called __proto__ is an unknown team here (empty), and not lead-a's (403).
    const proto = await replay(tokens.boss, `${q}&team=__proto__`);
    expect(proto.status).toBe(200);
    expect((proto.body as ReplayResponse).reps).toEqual([]);
    expect((await replay(tokens['lead-a'], `${q}&team=__proto__`)).status).toBe(403);
    expect((await replay(tokens['lead-a'], `${q}&team=team-b`)).status).toBe(403);
    expect((await replay(tokens.ann, q)).status).toBe(403);
    expect((await replay(floor.token, q)).status).toBe(403);
    expect((await replay(undefined, q)).status).toBe(401);
    for (const [token, status] of [
      [tokens.boss, 200],
      [tokens['lead-a'], 200],
      [tokens.ann, 403],
      [floor.token, 403],
      [undefined, 401],
    ] as const)
      expect((await call(running.url, token, 'GET', '/api/replay/days')).status).toBe(status);
  });

  it('lists the retained days with their first and last entries', async () => {
    const res = await call(running.url, tokens.boss, 'GET', '/api/replay/days');
    const body = res.body as ReplayDaysResponse;
    expect(body.days.map((d) => d.day)).toEqual([PREV, DAY]);
    expect(body.days[0]!.first).toBe(at(1, 9));
    expect(body.days[1]!.first).toBe(at(3, 9));
    expect(body.days[1]!.last).toBe(lastId);
    expect(body.days[0]!.last).toBeLessThan(at(1, 11));
    expect(body.retentionDays).toBe(floor.config.retentionDays);
  });

  it('answers a hundred requests for the same millisecond with one fold, and a scrub from the keyframe', async () => {
    const redis = createCommandConnection(floor.config.redisUrl);
    cleanups.push(() => redis.quit());
    const keys = redisKeys(floor.config);
    const rules = { effectiveCallMs: floor.config.effectiveCallSeconds * 1000, dayOf: createLocalTime('UTC').dayOf };
    const dayReplay = createDayReplay({
      ...{ redis, keys, archive: createStreamArchive(redis, keys), rules, maxReps: floor.config.maxReps },
    });
    const folds: { until: number }[] = [];
    const counted: DayReplay = {
      ...dayReplay,
      foldUntil: (state, from, until, onRun) => {
        folds.push({ until });
        return dayReplay.foldUntil(state, from, until, onRun);
      },
    };
    const frames = createReplayFrames({ dayReplay: counted, redis, keys, rules });
    const moment = at(3, 11, 7, 30);
    const answers = await Promise.all(Array.from({ length: 100 }, () => frames.stateAt(moment)));
    expect(new Set(answers).size).toBe(1);
    // One fold per keyframe from the day's start (00:00) to 11:00, and one from there to the moment.
    const keyframes = (at(3, 11) - at(3, 0)) / FRAME_MS + 1;
    expect(folds.length).toBe(keyframes + 1);
    expect(folds.at(-1)!.until).toBe(moment);
    expect(running.app.floor.viewsOf(answers[0]!)).toEqual(running.app.floor.viewsOf(await dayReplay.stateAt(moment)));

    // Scrubbing within the quarter folds once, from the keyframe; into the next one, one more keyframe.
    folds.length = 0;
    const later = at(3, 11, 14, 59);
    const scrubbed = await frames.stateAt(later);
    expect(folds).toEqual([{ until: later }]);
    expect(running.app.floor.viewsOf(scrubbed)).toEqual(running.app.floor.viewsOf(await dayReplay.stateAt(later)));
    folds.length = 0;
    await frames.stateAt(at(3, 11, 20));
    expect(folds).toEqual([{ until: at(3, 11, 15) }, { until: at(3, 11, 20) }]);

    // Over HTTP too: a hundred at once, all the same answer.
    const bodies = await Promise.all(Array.from({ length: 100 }, () => replay(tokens.boss, `at=${moment + 1}`)));
    expect(bodies.every((b) => b.status === 200)).toBe(true);
    expect(new Set(bodies.map((b) => JSON.stringify(b.body))).size).toBe(1);
  });
});
