import { afterEach, describe, expect, inject, it } from 'vitest';
import type { FloorView } from '../../shared/domain/floorView';
import { toStreamFields } from '../../shared/events/parseCallEvent';
import { startRedisServer } from '../../server/dev/redisServer';
import { createLog } from '../../server/log';
import type { TrendsResponse } from '../../shared/domain/trends';
import { floorScript } from './support/floorScript';
import { comparable, referenceFloor } from './support/reference';
import {
  createTestFloor,
  noonClock,
  startTestApp,
  testDayNoon,
  type RunningApp,
  type TestFloor,
} from './support/testApp';
import { waitFor } from './support/waitFor';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const today = new Date(testDayNoon()).toISOString().slice(0, 10);
const script = floorScript({ reps: 12, callsPerRep: 30, startAt: testDayNoon() - 3 * 3600_000, seed: 7 });

async function write(floor: TestFloor, events: typeof script): Promise<string> {
  const pipeline = floor.writer.pipeline();
  for (const event of events) pipeline.xadd(floor.config.stream, '*', ...toStreamFields(event));
  const results = (await pipeline.exec()) ?? [];
  return results.at(-1)![1] as string;
}

/**
 * The floor an instance holds, every detail included (GET /api/floor with the wallboard token
 * leaves call-backs and refusal reasons out, as the wallboard's feed does).
 */
function floorOf(running: RunningApp): FloorView {
  return running.app.floor.view({ kind: 'floor' });
}

async function trendsOf(running: RunningApp, token: string): Promise<TrendsResponse> {
  return (await (
    await fetch(`${running.url}/api/trends`, { headers: { authorization: `Bearer ${token}` } })
  ).json()) as TrendsResponse;
}

async function caughtUpTo(running: RunningApp, id: string): Promise<void> {
  await waitFor(`reader at ${id}`, () => running.app.floor.cursor() === id, 10_000);
}

describe('recovery: a restart loses nothing and counts nothing twice', () => {
  it('a server restarted mid-stream ends with the totals of an uninterrupted run', async () => {
    const floor = createTestFloor(inject('redisUrl'));
    const clock = noonClock();
    const uninterrupted = await startTestApp(floor.config, clock);
    cleanups.push(
      () => floor.writer.quit().then(() => undefined),
      () => uninterrupted.stop(),
    );
    const third = Math.floor(script.length / 3);

    const first = await startTestApp(floor.config, clock);
    const stoppedAt = await write(floor, script.slice(0, third));
    await caughtUpTo(first, stoppedAt);
    await first.stop(); // saves a checkpoint at stoppedAt
    await write(floor, script.slice(third, 2 * third)); // written while no second server runs
    const lines: string[] = [];
    const second = await startTestApp(
      floor.config,
      clock,
      createLog('second', (line) => lines.push(line)),
    );
    cleanups.push(() => second.stop());
    const last = await write(floor, script.slice(2 * third));
    await caughtUpTo(second, last);
    await caughtUpTo(uninterrupted, last);

    expect(lines.find((l) => l.includes('replayed today'))).toContain(`"fromCheckpoint":"${stoppedAt}"`);
    const restarted = comparable(floorOf(second));
    expect(restarted.totals.dials).toBe(script.filter((e) => e.type === 'call.dial').length);
    expect(restarted).toEqual(comparable(floorOf(uninterrupted)));
    expect(restarted).toEqual(comparable(await referenceFloor(floor.writer, floor.config, today)));
    // The trend buckets come back with the checkpoint too.
    // (Not asOf and the status mix: both run on with the clock between the two requests.)
    const { asOf: _a, statusMix: _c, ...trendsAfterRestart } = await trendsOf(second, floor.token);
    const { asOf: _b, statusMix: _d, ...trendsUninterrupted } = await trendsOf(uninterrupted, floor.token);
    expect(trendsAfterRestart.dials.some((d) => (d ?? 0) > 0)).toBe(true);
    expect(trendsAfterRestart).toEqual(trendsUninterrupted);
  });

  it('ignores a checkpoint of a stream that was replaced, and replays the new one', async () => {
    const floor = createTestFloor(inject('redisUrl'));
    cleanups.push(() => floor.writer.quit().then(() => undefined));
    const first = await startTestApp(floor.config, noonClock());
    await caughtUpTo(first, await write(floor, script));
    await first.stop();
    expect(await floor.writer.exists(`${floor.config.keyPrefix}checkpoint:${today}`)).toBe(1);

    await floor.writer.del(floor.config.stream);
    const last = await write(floor, script.slice(0, 40));
    const lines: string[] = [];
    const second = await startTestApp(
      floor.config,
      noonClock(),
      createLog('second', (line) => lines.push(line)),
    );
    cleanups.push(() => second.stop());
    await caughtUpTo(second, last);
    expect(lines.some((l) => l.includes('checkpoint of another stream'))).toBe(true);
    expect(comparable(floorOf(second))).toEqual(comparable(await referenceFloor(floor.writer, floor.config, today)));
  });

  it('a Redis restart mid-stream (AOF on) resumes ingestion by itself with the same totals', async () => {
    const redis = await startRedisServer({ appendOnly: true });
    cleanups.push(() => redis.stop());
    const floor = createTestFloor(redis.url);
    const running = await startTestApp(floor.config, noonClock());
    cleanups.push(
      () => floor.writer.quit().then(() => undefined),
      () => running.stop(),
    );
    const half = Math.floor(script.length / 2);

    await caughtUpTo(running, await write(floor, script.slice(0, half)));
    const runId = async () => /run_id:(\w+)/.exec(await floor.writer.info('server'))?.[1];
    const before = await runId();
    await redis.restart();
    expect(await runId()).not.toBe(before); // really a new Redis process
    const last = await write(floor, script.slice(half));
    await caughtUpTo(running, last);

    const after = comparable(floorOf(running));
    expect(after.totals.dials).toBe(script.filter((e) => e.type === 'call.dial').length);
    expect(after).toEqual(comparable(await referenceFloor(floor.writer, floor.config, today)));
  });
});
