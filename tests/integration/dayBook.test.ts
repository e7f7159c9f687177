import { afterEach, describe, expect, inject, it } from 'vitest';
import { toStreamFields } from '../../shared/events/parseCallEvent';
import { createTestFloor, noonClock, startTestApp, testDayNoon } from './support/testApp';

const DAY = 24 * 3600_000;
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe('the day book', () => {
  it("saves yesterday's totals at start when no server saw the day end, and trims the stream to the retention", async () => {
    const floor = createTestFloor(inject('redisUrl'), { FLOORBOARD_RETENTION_DAYS: '2' });
    cleanups.push(() => floor.writer.quit().then(() => undefined));
    const yesterdayNoon = testDayNoon() - DAY;
    const threeDaysAgo = testDayNoon() - 3 * DAY;
    // Entries Redis accepted in the past (explicit ids), as a stream kept through a server outage.
    await floor.writer.xadd(
      floor.config.stream,
      `${threeDaysAgo}-0`,
      ...toStreamFields({ type: 'call.dial', rep: 'old', call: 'o1', at: threeDaysAgo }),
    );
    for (let i = 0; i < 5; i++) {
      const at = yesterdayNoon + i * 60_000;
      await floor.writer.xadd(
        floor.config.stream,
        `${at}-0`,
        ...toStreamFields({ type: 'call.dial', rep: 'rep-y', call: `y${i}`, at }),
      );
    }
    await floor.add({ type: 'call.dial', rep: 'rep-t', call: 't1', at: testDayNoon() });

    const running = await startTestApp(floor.config, noonClock());
    cleanups.push(() => running.stop());

    const yesterday = new Date(yesterdayNoon).toISOString().slice(0, 10);
    const saved = await floor.writer.hgetall(`${floor.config.keyPrefix}day:${yesterday}`);
    expect(JSON.parse(saved['rep-y']!)).toMatchObject({ dials: 5 });
    expect(await floor.writer.exists(`${floor.config.keyPrefix}day-closed:${yesterday}`)).toBe(1);
    expect(running.app.floor.state().reps.get('rep-t')?.dials).toBe(1);
    expect(running.app.floor.state().reps.has('rep-y')).toBe(false);
    const left = await floor.writer.xrange(floor.config.stream, '-', '+');
    expect(left.map(([id]) => Number(id.split('-')[0])).filter((ms) => ms === threeDaysAgo)).toEqual([]);
    expect(left).toHaveLength(6); // yesterday's five and today's one
  });
});
