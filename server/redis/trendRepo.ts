import type { Redis } from 'ioredis';
import type { RedisKeys } from './keys';
import type { DayTrend } from '../../shared/domain/trends';
import type { DayKey } from '../../shared/time';

export interface TrendRepo {
  save(day: DayKey, teams: ReadonlyMap<string, DayTrend>): Promise<void>;
  /** team key (NO_TEAM for teamless reps) -> buckets; empty when nothing was kept. */
  load(day: DayKey): Promise<Map<string, DayTrend>>;
}

/** Kept like day totals: every instance folds the same stream, so writes are idempotent. */
export function createTrendRepo(redis: Redis, keys: Pick<RedisKeys, 'trend'>): TrendRepo {
  return {
    async save(day, teams) {
      if (teams.size === 0) return;
      const fields: string[] = [];
      for (const [team, trend] of teams) fields.push(team, JSON.stringify(trend));
      await redis.hset(keys.trend(day), ...fields);
    },
    async load(day) {
      const hash = await redis.hgetall(keys.trend(day));
      const teams = new Map<string, DayTrend>();
      for (const [team, json] of Object.entries(hash)) {
        try {
          teams.set(team, JSON.parse(json) as DayTrend);
        } catch {
          // a damaged entry is skipped rather than hiding the whole day
        }
      }
      return teams;
    },
  };
}
