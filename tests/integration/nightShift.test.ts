import { afterEach, describe, expect, inject, it } from 'vitest';
import type { LeaderboardResponse } from '../../shared/domain/leaderboard';
import { toStreamFields } from '../../shared/events/parseCallEvent';
import { createApp } from '../../server/app';
import type { Config } from '../../server/config';
import { silentLog } from '../../server/log';
import { createBlockingConnection, createCommandConnection } from '../../server/redis/connections';
import { redisKeys } from '../../server/redis/keys';
import { createStreamArchive } from '../../server/redis/streamArchive';
import type { TrendsResponse } from '../../shared/domain/trends';
import { createLocalTime } from '../../shared/time';
import { call } from './support/people';
import { at, createNightFloor, NEXT, NIGHT, timedStream } from './support/nightStream';
import { createTestFloor, type RunningApp } from './support/testApp';
import { waitFor } from './support/waitFor';

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** startTestApp, with every write of a day's totals recorded (key, the app's clock, Ann's saved figures). */
async function startRecording(config: Config, clock: () => number) {
  const redis = createCommandConnection(config.redisUrl);
  redis.on('error', () => {});
  const saves: { key: string; at: number; ann: { revenue: number; dials: number } | null }[] = [];
  const hset = redis.hset.bind(redis) as (...args: unknown[]) => Promise<number>;
  (redis as unknown as { hset: (...args: unknown[]) => Promise<number> }).hset = (...args: unknown[]) => {
    const [key = '', ...fields] = args as string[];
    if (key.startsWith(`${config.keyPrefix}day:`)) {
      const i = fields.indexOf('ann');
      saves.push({
        key: key.slice(config.keyPrefix.length),
        at: clock(),
        ann: i < 0 ? null : JSON.parse(fields[i + 1]!),
      });
    }
    return hset(...args);
  };
  const app = createApp({
    config,
    redis,
    connectBlocking: () => createBlockingConnection(config.redisUrl).on('error', () => {}),
    connectSubscriber: () => createBlockingConnection(config.redisUrl).on('error', () => {}),
    clock,
    log: silentLog,
    readerBlockMs: 200,
  });
  const port = await app.start();
  const running: RunningApp = {
    app,
    url: `http://127.0.0.1:${port}`,
    async stop() {
      await app.stop();
      redis.disconnect();
    },
  };
  return { running, saves };
}

describe('a night shift over real Redis', () => {
  it('keeps one business day from 21:00 to 05:00: the day changes at 06:00, not at midnight, and is saved once', async () => {
    const floor = createNightFloor(inject('redisUrl'));
    cleanups.push(() => floor.writer.quit());
    const stream = timedStream(floor, at(2, 20, 55));
    const { add, sale } = stream;
    const first = await startRecording(floor.config, stream.clock);
    let running = first.running;
    cleanups.push(() => running.stop());
    const ann = () => running.app.floor.state().reps.get('ann');
    const board = async () => {
      const res = await call(running.url, floor.token, 'GET', '/api/leaderboard?metric=revenue&period=today');
      expect(res.status).toBe(200);
      const body = res.body as LeaderboardResponse;
      return { to: body.to, rows: body.rows.map((r) => [r.rep, r.value]) };
    };

    await add({ type: 'rep.login', rep: 'ann', name: 'Ann', team: 'night', at: at(2, 21) });
    await add({ type: 'rep.login', rep: 'bob', name: 'Bob', team: 'night', at: at(2, 21) });
    await sale('ann', 'c-1', at(2, 23, 50), 300);
    await waitFor('the evening folded', () => ann()?.revenue === 300);
    expect(await board()).toEqual({
      to: NIGHT,
      rows: [
        ['ann', 300],
        ['bob', 0],
      ],
    });

    // Past midnight: the same business day goes on.
    await sale('ann', 'c-2', at(3, 0, 10), 200);
    await sale('bob', 'c-3', at(3, 0, 20), 400);
    await waitFor('the night folded', () => running.app.floor.state().reps.get('bob')?.revenue === 400);
    expect(running.app.floor.state().day).toBe(NIGHT);
    expect(ann()).toMatchObject({ dials: 2, deals: 2, revenue: 500 });
    expect(await board()).toEqual({
      to: NIGHT,
      rows: [
        ['ann', 500],
        ['bob', 400],
      ],
    });
    // The trend axis runs from the shift start on past midnight; the sales sit either side of it.
    const trends = (await call(running.url, floor.token, 'GET', '/api/trends')).body as TrendsResponse;
    expect(trends.day).toBe(NIGHT);
    expect(trends.minutes[0]).toBe(21 * 60);
    const revenueAt = (minute: number) => trends.revenue.actual[trends.minutes.indexOf(minute)];
    expect([revenueAt(23 * 60 + 45), revenueAt(24 * 60), revenueAt(24 * 60 + 15)]).toEqual([300, 500, 900]);
    expect(revenueAt(24 * 60 + 30)).toBeNull(); // not begun at 00:22
    const floorNow = await call(running.url, floor.token, 'GET', '/api/floor');
    expect(floorNow.body).toMatchObject({
      day: NIGHT,
      settings: { shiftStart: '21:00', shiftEnd: '05:00', dayStart: '06:00' },
    });

    // A restart at 03:00 folds the night from its 06:00 start (checkpoint or replay): nothing lost.
    stream.now = at(3, 3);
    await running.stop();
    const second = await startRecording(floor.config, stream.clock);
    running = second.running;
    expect(running.app.floor.state().day).toBe(NIGHT);
    expect(ann()).toMatchObject({ dials: 2, deals: 2, revenue: 500 });

    await add({ type: 'call.dial', rep: 'ann', call: 'c-4', at: at(3, 5, 59) });
    await waitFor('the 05:59 dial', () => ann()?.dials === 3);
    expect(running.app.floor.state().day).toBe(NIGHT);

    // 06:00: the business day changes; the night's totals are saved as they stood.
    await add({ type: 'call.dial', rep: 'ann', call: 'c-5', at: at(3, 6, 0) });
    await waitFor('the new day', () => running.app.floor.state().day === NEXT);
    expect(ann()).toMatchObject({ dials: 1, deals: 0, revenue: 0 });
    const saved = await floor.writer.hgetall(`${floor.config.keyPrefix}day:${NIGHT}`);
    expect(JSON.parse(saved.ann!)).toMatchObject({ dials: 3, deals: 2, revenue: 500 });
    expect(JSON.parse(saved.bob!)).toMatchObject({ dials: 1, deals: 1, revenue: 400 });
    const today = await board();
    expect(today.to).toBe(NEXT);
    expect(today.rows).toEqual([
      ['ann', 0],
      ['bob', 0], // still logged in: carried into the new day with no counts
    ]);

    // Every write of the night's totals has the whole night so far: none closed it at midnight.
    const saves = [...first.saves, ...second.saves];
    const nightSaves = saves.filter((s) => s.key === `day:${NIGHT}`);
    expect(nightSaves.length).toBeGreaterThan(0);
    for (const s of nightSaves.filter((x) => x.at >= at(3, 0, 10) && x.ann)) expect(s.ann!.revenue).toBe(500);
    // Closed once, at 06:00; no day keyed by the calendar date before the business day began.
    expect(nightSaves.filter((s) => s.at >= at(3, 6))).toHaveLength(1);
    expect(saves.filter((s) => s.key === `day:${NEXT}` && s.at < at(3, 6))).toEqual([]);
  }, 20_000);

  it('keeps whole business days on retention: the cutoff is a day start, not a midnight', async () => {
    const floor = createTestFloor(inject('redisUrl'), { FLOORBOARD_DAY_START: '06:00' });
    cleanups.push(() => floor.writer.quit());
    const archive = createStreamArchive(floor.writer, redisKeys(floor.config));
    const times = [at(2, 5, 59), at(2, 6, 0), at(3, 2, 0), at(3, 6, 0), at(4, 2, 0)];
    for (const t of times)
      await floor.writer.xadd(
        floor.config.stream,
        `${t}-0`,
        ...toStreamFields({ type: 'call.dial', rep: 'r', call: `c${t}`, at: t }),
      );
    // 02:00 on the 4th is in the business day of the 3rd; two days kept: those of the 2nd and the 3rd.
    const dayOf = createLocalTime('UTC', floor.config.dayStartMinute).dayOf;
    expect(await archive.trim(2, at(4, 2, 0), dayOf)).toBe(1);
    const left = await floor.writer.xrange(floor.config.stream, '-', '+');
    expect(left.map(([id]) => Number(id.split('-')[0]))).toEqual(times.slice(1));
  });
});
