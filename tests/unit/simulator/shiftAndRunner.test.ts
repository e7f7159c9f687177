import type { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { parseCallEvent } from '../../../shared/events/parseCallEvent';
import { HOUR_MS, MINUTE_MS } from '../../../shared/time';
import { createFloorModel } from '../../../server/dev/simulator/model';
import { runSimulator } from '../../../server/dev/simulator/runner';
import { resolveStart, shiftAround, todayAt } from '../../../server/dev/simulator/shift';

const SHIFT = { startMinute: 9 * 60, endMinute: 18 * 60 };
// 2026-03-02 14:30 in Shanghai (UTC+8) is 06:30 UTC.
const SHANGHAI_1430 = Date.UTC(2026, 2, 2, 6, 30, 12);

describe('shift', () => {
  it('finds today at a local minute in the floor time zone', () => {
    expect(todayAt(SHANGHAI_1430, 'Asia/Shanghai', 9 * 60)).toBe(Date.UTC(2026, 2, 2, 1, 0));
    expect(todayAt(SHANGHAI_1430, 'UTC', 9 * 60)).toBe(Date.UTC(2026, 2, 2, 9, 0));
  });

  it('starts now inside today’s shift, or at its start, or as if a shift had begun an hour ago', () => {
    const shiftStartAt = Date.UTC(2026, 2, 2, 1, 0);
    expect(resolveStart(SHANGHAI_1430, 'Asia/Shanghai', SHIFT, 'now')).toEqual({
      startAt: SHANGHAI_1430,
      shiftStartAt,
      shiftMinutes: 540,
    });
    expect(resolveStart(SHANGHAI_1430, 'Asia/Shanghai', SHIFT, 'shift').startAt).toBe(shiftStartAt);
    const evening = SHANGHAI_1430 + 7 * HOUR_MS; // 21:30 local
    expect(resolveStart(evening, 'Asia/Shanghai', SHIFT, 'now').shiftStartAt).toBe(evening - HOUR_MS);
  });

  it('moves the demo shift around now outside shift hours', () => {
    expect(shiftAround(SHANGHAI_1430, 'Asia/Shanghai', SHIFT)).toEqual(SHIFT);
    const evening = SHANGHAI_1430 + 7 * HOUR_MS; // 21:30 local
    expect(shiftAround(evening, 'Asia/Shanghai', SHIFT)).toEqual({ startMinute: 19 * 60, endMinute: 23 * 60 + 59 });
  });
});

/** Just enough of a Redis client for the runner: pipelined XADDs, recorded. Not a Redis mock: nothing is stored or read. */
function recordingPipeline() {
  const written: string[][] = [];
  const redis = {
    pipeline() {
      const batch: string[][] = [];
      return {
        xadd: (_stream: string, _id: string, ...fields: string[]) => batch.push(fields),
        exec: async () => {
          written.push(...batch);
          return batch.map(() => [null, 'id']);
        },
      };
    },
  } as unknown as Redis;
  return { redis, written };
}

describe('runner', () => {
  it('writes the events due at each tick and shifts ts onto the real clock at speed 1', async () => {
    const { redis, written } = recordingPipeline();
    const simStart = Date.UTC(2026, 2, 2, 9, 0);
    const model = createFloorModel({ reps: 5, teams: 1, seed: 3, startAt: simStart });
    let now = 1_000_000_000_000;
    const run = runSimulator({
      redis,
      stream: 's',
      model,
      speed: 1,
      simStartAt: simStart,
      clock: () => now,
      tickMs: 1,
    });
    now += 20 * MINUTE_MS;
    await new Promise((resolve) => setTimeout(resolve, 30));
    await run.stop();
    expect(run.stats.written).toBe(written.length);
    expect(written.length).toBeGreaterThan(30);
    // Stamped as Redis would at `now`: a ts ahead of its entry would be refused.
    const parsed = written.map((fields, i) => parseCallEvent(`${now}-${i}`, fields));
    for (const r of parsed) {
      expect(r.ok ? 'ok' : r.reason).toBe('ok');
      if (r.ok) expect(r.event.at).toBeGreaterThanOrEqual(1_000_000_000_000);
      if (r.ok) expect(r.event.at).toBeLessThanOrEqual(now);
    }
  });

  it('writes entries without ts at other speeds, so none runs ahead of its arrival', async () => {
    const { redis, written } = recordingPipeline();
    const simStart = Date.UTC(2026, 2, 2, 9, 0);
    const model = createFloorModel({ reps: 5, teams: 1, seed: 3, startAt: simStart });
    let now = simStart;
    const run = runSimulator({
      redis,
      stream: 's',
      model,
      speed: 20,
      simStartAt: simStart,
      clock: () => now,
      tickMs: 1,
    });
    now += 2 * MINUTE_MS; // 40 simulated minutes
    await new Promise((resolve) => setTimeout(resolve, 30));
    await run.stop();
    expect(written.length).toBeGreaterThan(30);
    for (const fields of written) {
      expect(fields.filter((_, i) => i % 2 === 0)).not.toContain('ts');
      const parsed = parseCallEvent(`${now}-0`, fields);
      expect(parsed.ok ? 'ok' : parsed.reason).toBe('ok');
    }
  });
});
