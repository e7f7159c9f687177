import { describe, expect, inject, it } from 'vitest';
import type { HealthResponse } from '../../shared/contracts/http';
import { toStreamFields } from '../../shared/events/parseCallEvent';
import { createTestFloor, noonClock, startTestApp, testDayNoon } from './support/testApp';
import { waitFor } from './support/waitFor';

describe('a producer whose clock runs ahead (issue #10)', () => {
  it('is dead-lettered, counted for today, and named with its lead in health', async () => {
    // The production limit (the test floor raises it: its server clock is noon, Redis's is real).
    const floor = createTestFloor(inject('redisUrl'), { FLOORBOARD_MAX_TS_AHEAD_MINUTES: '5' });
    const running = await startTestApp(floor.config, noonClock());
    try {
      const lead = (3 * 60 + 12) * 60_000;
      // The entry ID is Redis's arrival clock: pin it, and stamp ts 3 h 12 min later.
      const arrived = testDayNoon() - 60_000;
      for (let i = 0; i < 2; i++)
        await floor.writer.xadd(
          floor.config.stream,
          `${arrived + i}-0`,
          'type',
          'call.dial',
          'rep',
          'rep-042',
          'call',
          `c${i}`,
          'ts',
          String(arrived + i + lead),
        );
      // Its ID pinned too: at any real hour, this one arrives when it says.
      const ok = toStreamFields({ type: 'call.dial', rep: 'rep-1', call: 'ok', at: testDayNoon() });
      const last = (await floor.writer.xadd(floor.config.stream, `${testDayNoon()}-0`, ...ok))!;
      await waitFor('reader caught up', () => running.app.floor.cursor() === last);
      const health = (await (
        await fetch(`${running.url}/healthz`, { headers: { authorization: `Bearer ${floor.metricsToken}` } })
      ).json()) as HealthResponse;
      expect(health).toMatchObject({ deadLetters: 2, clockAhead: { rep: 'rep-042', aheadMs: lead, today: 2 } });
      expect(running.app.floor.state().reps.has('rep-042')).toBe(false);
    } finally {
      await running.stop();
      await floor.writer.quit();
    }
  });
});
