import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, inject, it } from 'vitest';
import type { TrendsResponse } from '../../shared/domain/trends';
import type { Viewer } from '../../shared/domain/viewer';
import type { CallEvent } from '../../shared/events/callEvent';
import { createLocalTime } from '../../shared/time';
import { createDayTotalsRepo, type DayTotals } from '../../server/redis/dayTotalsRepo';
import { createFloorService } from '../../server/floor/floorService';
import { createLeaderboardRoutes } from '../../server/http/leaderboardRoutes';
import { createTrendRoutes } from '../../server/http/trendRoutes';
import { createLeaderboardService } from '../../server/leaderboard/leaderboardService';
import { redisKeys } from '../../server/redis/keys';
import { seedHistory } from '../../server/dev/simulator/history';
import { isFault } from '../../server/dev/simulator/events';
import { createFloorModel } from '../../server/dev/simulator/model';
import { todayAt } from '../../server/dev/simulator/shift';
import { createTrendRecorder } from '../../server/trends/trendRecorder';
import { foldByQuarterHour } from '../../shared/domain/quarterHourRuns';
import { createTrendRepo } from '../../server/redis/trendRepo';
import { createTrendService } from '../../server/trends/trendService';

const redisUrl = inject('redisUrl');
const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const ZONE = 'America/Sao_Paulo'; // UTC-3
const localTime = createLocalTime(ZONE);
const TODAY = '2026-03-18';
const NOW = Date.UTC(2026, 2, 18, 17, 5); // 14:05 local
const SHIFT = { startMinute: 9 * 60, endMinute: 18 * 60 };
const TARGETS = { dials: 200, effectiveCalls: 50, talkMinutes: 200, leads: 7, deals: 2, revenue: 2800 };
const sum = (values: readonly (number | null)[]) => values.reduce<number>((a, n) => a + (n ?? 0), 0);

async function setup() {
  const prefix = `test:${randomUUID()}:`;
  await seedHistory({
    redisUrl,
    prefix,
    reps: 20,
    teams: 2,
    seed: 5,
    days: 6,
    timeZone: ZONE,
    shift: SHIFT,
    today: TODAY,
  });
  const redis = new Redis(redisUrl);
  cleanups.push(() => redis.quit());

  // Today so far, applied in batches the way the app does: remember the state, apply, record.
  const rules = { effectiveCallMs: 60_000, dayOf: localTime.dayOf };
  const floor = createFloorService({ targetsFor: () => TARGETS, today: TODAY });
  const recorder = createTrendRecorder({ rules, localTime });
  const shiftStartAt = todayAt(NOW, ZONE, SHIFT.startMinute);
  const model = createFloorModel({ reps: 20, teams: 2, seed: 5, startAt: shiftStartAt });
  let seq = 0;
  const events = model
    .nextEvents(NOW)
    .filter((e) => !isFault(e))
    .map((e) => ({ ...e, id: `${e.at}-${seq++}` }) as CallEvent);
  for (let i = 0; i < events.length; i += 700) {
    const batch = [...events.slice(i, i + 700), ...events.slice(i, i + 50)]; // with re-deliveries
    const next = foldByQuarterHour(floor.state(), batch, rules, recorder.record);
    floor.commit(next, batch.at(-1)!.id, new Set(batch.map((e) => e.rep)));
  }
  const repo = createTrendRepo(redis, redisKeys({ stream: '', deadLetterStream: '', keyPrefix: prefix }));
  await recorder.save(repo);
  const trends = createTrendService({ floor, rules, recorder, repo, localTime, clock: () => NOW, shift: SHIFT });
  return { redis, prefix, floor, events, trends, repo };
}

describe('trends over a real redis-server', () => {
  it("shows today's dials per quarter hour against the same weekday last week as seeded", async () => {
    const { redis, prefix, events, trends, repo } = await setup();
    const supervisor: Viewer = { kind: 'user', username: 'boss', role: 'supervisor' };
    const result = await trends.get(supervisor, {});
    if (!result.ok) throw new Error(result.error);
    const t: TrendsResponse = result.value;

    // Today: the test's own count of distinct dialled calls per local quarter hour.
    const perBucket = new Map<number, number>();
    const seen = new Set<string>();
    for (const e of events) {
      if (e.type !== 'call.dial' || seen.has(e.call)) continue;
      seen.add(e.call);
      const minute = Math.floor(localTime.minuteOfDay(e.at) / 15) * 15;
      perBucket.set(minute, (perBucket.get(minute) ?? 0) + 1);
    }
    t.minutes.forEach((minute, i) => {
      if (minute <= 14 * 60) expect(t.dials[i], `dials at ${minute}`).toBe(perBucket.get(minute) ?? 0);
      else expect(t.dials[i]).toBeNull();
    });
    expect(t.minutes[0]).toBe(9 * 60);

    // Last week: the trend buckets kept by seedHistory add up to that day's saved totals.
    expect(t.lastWeek?.day).toBe('2026-03-11');
    const totals = Object.values(await redis.hgetall(`${prefix}day:2026-03-11`)).map((j) => JSON.parse(j) as DayTotals);
    expect(sum(t.lastWeek!.dials)).toBe(totals.reduce((a, r) => a + r.dials, 0));
    expect(sum(t.lastWeek!.connects)).toBe(totals.reduce((a, r) => a + r.connects, 0));

    // Funnel, pace and the saved buckets of today.
    const funnel = t.funnel.map((s) => s.value);
    expect(funnel).toEqual([...funnel].sort((a, b) => b - a));
    expect(t.funnel[0]!.value).toBe(seen.size);
    expect(t.revenue.target).toBe(20 * TARGETS.revenue);
    expect(t.revenue.pace.at(-1)).toBe(20 * TARGETS.revenue);
    expect(sum(t.statusMix.on_call)).toBeGreaterThan(0);
    expect(t.refusals.length).toBeGreaterThan(0);
    const saved = await repo.load(TODAY);
    expect(sum([...saved.values()].flatMap((trend) => trend.dials))).toBe(seen.size);
  });

  it('serves GET /trends and /leaderboard with 400 for a bad query and 403 outside the scope', async () => {
    const { redis, prefix, floor, trends } = await setup();
    const leaderboard = createLeaderboardService({
      floor,
      dayTotals: createDayTotalsRepo(redis, redisKeys({ stream: 'x', deadLetterStream: 'x', keyPrefix: prefix })),
      localTime,
      clock: () => NOW,
      targetsFor: () => TARGETS,
    });
    const app = express();
    app.use((req, res, next) => {
      const [role, team] = String(req.headers['x-viewer']).split(':');
      const viewer: Viewer =
        role === 'lead'
          ? { kind: 'user', username: 'l', role: 'lead', team: team! }
          : role === 'rep'
            ? { kind: 'user', username: 'r', role: 'rep', rep: 'rep-001', team: team ?? null }
            : { kind: 'user', username: 's', role: 'supervisor' };
      res.locals.auth = { viewer, key: 'k', expiresAt: null };
      next();
    });
    app.use(createLeaderboardRoutes({ leaderboard }), createTrendRoutes({ trends }));
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    cleanups.push(() => new Promise((resolve) => server.close(resolve)));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const get = async (path: string, viewer = 'supervisor') => {
      const res = await fetch(base + path, { headers: { 'x-viewer': viewer } });
      return { status: res.status, body: (await res.json()) as Record<string, unknown> };
    };

    expect((await get('/leaderboard?metric=revenue&period=month')).status).toBe(200);
    expect(await get('/leaderboard?metric=sales')).toMatchObject({
      status: 400,
      body: { error: expect.stringMatching(/^metric/) },
    });
    expect((await get('/leaderboard?metric=deals&period=year')).status).toBe(400);
    expect((await get('/leaderboard?metric=deals&team=team-b', 'lead:team-a')).status).toBe(403);
    const own = await get('/leaderboard?metric=dials', 'rep:team-a');
    expect(own.status).toBe(200);
    expect(own.body.own).toMatchObject({ rep: 'rep-001' });
    expect((await get('/trends?team=team-a', 'lead:team-a')).status).toBe(200);
    expect((await get('/trends?team=team-b', 'lead:team-a')).status).toBe(403);
    expect((await get('/trends', 'rep:team-a')).status).toBe(403);
    expect((await get('/trends?team=bad%20team')).status).toBe(400);
    const team = await get('/trends?team=team-b');
    expect(team.body.team).toBe('team-b');
    expect(sum(team.body.dials as number[])).toBeLessThan(sum(((await get('/trends')).body.dials as number[]) ?? []));
  });
});
