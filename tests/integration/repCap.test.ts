import { describe, expect, inject, it } from 'vitest';
import type { HealthResponse } from '../../shared/contracts/http';
import { createTestFloor, noonClock, startTestApp, testDayNoon } from './support/testApp';
import { waitFor } from './support/waitFor';

describe('FLOORBOARD_MAX_REPS (issue #10: 200,000 distinct rep ids grew the floor to 2 GB)', () => {
  it('keeps the first N reps of the day, dead-letters the events of the rest with the reason, and reports it', async () => {
    const floor = createTestFloor(inject('redisUrl'), { FLOORBOARD_MAX_REPS: '3' });
    const at = testDayNoon() - 3600_000;
    const dial = (rep: string, n: number) => floor.add({ type: 'call.dial', rep, call: `${rep}-${n}`, at: at + n });
    // History: five reps, two dials each, interleaved; the first three named fill the floor.
    for (const n of [1, 2]) for (const rep of ['rep-1', 'rep-2', 'rep-3', 'rep-4', 'rep-5']) await dial(rep, n);
    const running = await startTestApp(floor.config, noonClock());
    try {
      // Live: a known rep still counts, a new one is refused.
      await dial('rep-6', 3);
      const last = await dial('rep-1', 3);
      await waitFor('reader caught up', () => running.app.floor.cursor() === last);

      const reps = running.app.floor.state().reps;
      expect([...reps.keys()].sort()).toEqual(['rep-1', 'rep-2', 'rep-3']);
      expect(reps.get('rep-1')?.dials).toBe(3);
      const dead = await floor.writer.xrange(floor.config.deadLetterStream, '-', '+');
      const reasons = dead.map(([, f]) => f[f.indexOf('reason') + 1]);
      expect(reasons).toEqual([
        'rep: floor full (3 reps): rep-4',
        'rep: floor full (3 reps): rep-5',
        'rep: floor full (3 reps): rep-4',
        'rep: floor full (3 reps): rep-5',
        'rep: floor full (3 reps): rep-6',
      ]);
      const health = (await (
        await fetch(`${running.url}/healthz`, { headers: { authorization: `Bearer ${floor.metricsToken}` } })
      ).json()) as HealthResponse;
      expect(health).toMatchObject({ deadLetters: 5, floorFull: { cap: 3, refused: 5, lastRep: 'rep-6' } });
    } finally {
      await running.stop();
      await floor.writer.quit();
    }
  });
});
