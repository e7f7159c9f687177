import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import type { Viewer } from '../../shared/domain/viewer';
import { createLocalTime } from '../../shared/time';
import type { DayTotals } from '../../server/redis/dayTotalsRepo';
import { createDayTotalsRepo } from '../../server/redis/dayTotalsRepo';
import { createLeaderboardService } from '../../server/leaderboard/leaderboardService';
import { redisKeys } from '../../server/redis/keys';
import { seedHistory } from '../../server/dev/simulator/history';
import { createFloorModel } from '../../server/dev/simulator/model';

const redisUrl = inject('redisUrl');
const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const ZONE = 'Europe/Berlin';
const TODAY = '2026-03-18'; // Wednesday
const NOW = Date.UTC(2026, 2, 18, 11);
const supervisor: Viewer = { kind: 'user', username: 'boss', role: 'supervisor' };
const NO_TARGETS = { dials: 0, effectiveCalls: 0, talkMinutes: 0, leads: 0, deals: 0, revenue: 0 };

describe('seedHistory', () => {
  it('writes past working days that the week and month leaderboards then read', async () => {
    const prefix = `test:${randomUUID()}:`;
    const seeded = await seedHistory({
      redisUrl,
      prefix,
      reps: 60,
      teams: 4,
      seed: 11,
      days: 10,
      timeZone: ZONE,
      shift: { startMinute: 9 * 60, endMinute: 18 * 60 },
      today: TODAY,
    });
    expect(seeded.days).toEqual([
      '2026-03-04',
      '2026-03-05',
      '2026-03-06',
      '2026-03-09',
      '2026-03-10',
      '2026-03-11',
      '2026-03-12',
      '2026-03-13',
      '2026-03-16',
      '2026-03-17',
    ]);

    const redis = new Redis(redisUrl);
    cleanups.push(() => redis.quit());
    // The independent reading: raw hashes, summed in a plain loop.
    const raw = async (days: string[]) => {
      const sums = new Map<string, number>();
      for (const day of days) {
        for (const [rep, json] of Object.entries(await redis.hgetall(`${prefix}day:${day}`))) {
          const t = JSON.parse(json) as DayTotals;
          expect(t.dials).toBeGreaterThanOrEqual(t.connects);
          expect(t.connects).toBeGreaterThanOrEqual(t.effectiveCalls);
          expect(t.effectiveCalls).toBeGreaterThanOrEqual(t.leads);
          expect(t.leads).toBeGreaterThanOrEqual(t.deals);
          sums.set(rep, (sums.get(rep) ?? 0) + t.deals);
        }
      }
      return sums;
    };

    const keys = redisKeys({ stream: 'unused', deadLetterStream: 'unused', keyPrefix: prefix });
    const service = createLeaderboardService({
      floor: { state: () => ({ day: TODAY }) as never, view: () => ({ reps: [] }) as never },
      dayTotals: createDayTotalsRepo(redis, keys),
      localTime: createLocalTime(ZONE),
      clock: () => NOW,
      targetsFor: () => NO_TARGETS,
    });
    const names = new Map(
      createFloorModel({ reps: 60, teams: 4, seed: 11, startAt: 0 }).reps.map((r) => [r.id, r.name]),
    );
    for (const [period, days] of [
      ['week', ['2026-03-16', '2026-03-17']],
      ['month', seeded.days],
    ] as const) {
      const board = await service.get(supervisor, { metric: 'deals', period });
      if (!board.ok) throw new Error(board.error);
      expect(board.value.rows).toHaveLength(60);
      const expected = await raw([...days]);
      expect(new Map(board.value.rows.map((r) => [r.rep, r.value]))).toEqual(expected);
      expect([...expected.values()].reduce((a, n) => a + n, 0)).toBeGreaterThan(0);
      for (const row of board.value.rows) expect(row.name).toBe(names.get(row.rep));
    }
  });
});
