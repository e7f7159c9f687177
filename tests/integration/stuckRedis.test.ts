import { afterEach, describe, expect, it } from 'vitest';
import type { HealthResponse } from '../../shared/contracts/http';
import { startRedisServer } from '../../server/dev/redisServer';
import { createTestFloor, noonClock, startTestApp, testDayNoon } from './support/testApp';
import { waitFor } from './support/waitFor';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe('a Redis that stops answering (SIGSTOP, no FIN)', () => {
  it('is reported stale while it lasts, the stuck read is replaced, and nothing is lost afterwards', async () => {
    const redis = await startRedisServer({ appendOnly: true });
    cleanups.push(async () => {
      redis.resume();
      await redis.stop();
    });
    const floor = createTestFloor(redis.url, { FLOORBOARD_STALE_AFTER_MS: '1500' });
    const running = await startTestApp(floor.config, noonClock());
    cleanups.push(
      () => floor.writer.quit().then(() => undefined),
      () => running.stop(),
    );
    const health = async () =>
      (await (
        await fetch(`${running.url}/healthz`, { headers: { authorization: `Bearer ${floor.metricsToken}` } })
      ).json()) as HealthResponse;
    await floor.add({ type: 'call.dial', rep: 'rep-1', call: 'c1', at: testDayNoon() });
    await waitFor('first dial read', () => running.app.floor.state().reps.get('rep-1')?.dials === 1);

    redis.pause();
    const stale = await waitFor('stale health', async () => {
      const h = await health();
      return h.stale ? h : undefined;
    });
    expect(stale.status).toBe('degraded');
    // BLOCK 500 ms + the 3 s watchdog margin: the hung read is given up and the connection replaced.
    await waitFor('watchdog replaced the reader connection', () => running.app.reader()!.status().reconnects > 0, 8000);

    redis.resume();
    const last = await floor.add({ type: 'call.dial', rep: 'rep-1', call: 'c2', at: testDayNoon() + 1000 });
    await waitFor('reader caught up', () => running.app.floor.cursor() === last, 15_000);
    expect(running.app.floor.state().reps.get('rep-1')?.dials).toBe(2);
    await waitFor('fresh health', async () => !(await health()).stale, 5000);
  });
});
