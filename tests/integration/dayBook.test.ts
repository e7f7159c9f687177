import { afterEach, describe, expect, inject, it } from 'vitest';
import { toStreamFields } from '../../shared/events/parseCallEvent';
import { createTestFloor, noonClock, startTestApp, testDayNoon } from './support/testApp';
import { waitFor } from './support/waitFor';

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
    expect(running.app.floor.state().reps.get('rep-t')?.dials).toBe(1);
    // Still dialing at midnight: carried into today (as a server running through midnight would), with no counts.
    expect(running.app.floor.state().reps.get('rep-y')).toMatchObject({ status: 'dialing', dials: 0 });
    // The trim runs just after start (after the first checkpoint), not before start returns.
    const left = await waitFor('the stream trimmed to the retention', async () => {
      const entries = await floor.writer.xrange(floor.config.stream, '-', '+');
      return entries.some(([id]) => Number(id.split('-')[0]) === threeDaysAgo) ? undefined : entries;
    });
    expect(left).toHaveLength(6); // yesterday's five and today's one
  });

  it('gives a cold start after midnight the state of a server that ran through it (reps still logged in carry over)', async () => {
    const floor = createTestFloor(inject('redisUrl'));
    cleanups.push(() => floor.writer.quit().then(() => undefined));
    const evening = testDayNoon() - DAY + 8 * 3600_000; // 20:00 yesterday (UTC floor)
    const add = (at: number, event: Parameters<typeof toStreamFields>[0]) =>
      floor.writer.xadd(floor.config.stream, `${at}-0`, ...toStreamFields(event));
    await add(evening, { type: 'rep.login', rep: 'rep-e', name: 'Evening Shift', team: 'night', at: evening });
    await add(evening + 60_000, { type: 'call.dial', rep: 'rep-e', call: 'e1', at: evening + 60_000 });
    await add(evening + 120_000, { type: 'rep.pause', rep: 'rep-e', reason: 'break', at: evening + 120_000 });

    // A server that runs from yesterday evening through midnight.
    let now = evening + 30 * 60_000;
    const through = await startTestApp(floor.config, () => now);
    cleanups.push(() => through.stop());
    now = testDayNoon();
    await add(now, { type: 'call.dial', rep: 'rep-t', call: 't1', at: now });
    await waitFor('the server through midnight to fold today', () => through.app.floor.state().reps.has('rep-t'));

    // A server started cold today (its own key prefix: no checkpoint, no saved days), same stream.
    const cold = await startTestApp({ ...floor.config, keyPrefix: `${floor.config.keyPrefix}cold:` }, () => now);
    cleanups.push(() => cold.stop());

    const repOf = (running: typeof cold) => {
      const { version: _version, ...rep } = running.app.floor.state().reps.get('rep-e')!;
      return rep;
    };
    expect(repOf(cold)).toMatchObject({ team: 'night', name: 'Evening Shift', status: 'paused', dials: 0 });
    expect(repOf(cold)).toEqual(repOf(through));
    expect(cold.app.floor.state().day).toBe(through.app.floor.state().day);
    const yesterday = new Date(evening).toISOString().slice(0, 10);
    const saved = await floor.writer.hget(`${floor.config.keyPrefix}cold:day:${yesterday}`, 'rep-e');
    expect(JSON.parse(saved!)).toMatchObject({ dials: 1 });
  });
});
