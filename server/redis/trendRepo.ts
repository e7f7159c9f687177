import type { Redis } from 'ioredis';
import type { DayTrend } from '../../shared/domain/trends';
import type { DayKey } from '../../shared/time';

export interface TrendRepo {
  save(day: DayKey, teams: ReadonlyMap<string, DayTrend>): Promise<void>;
  /** team key (NO_TEAM for teamless reps) -> buckets; empty when nothing was kept. */
  load(day: DayKey): Promise<Map<string, DayTrend>>;
}

/** Key of a day's buckets: `${prefix}trend:${day}` (a hash, team -> JSON). */
export const trendKey = (prefix: string, day: DayKey): string => `${prefix}trend:${day}`;

/** Kept like day totals: every instance folds the same stream, so writes are idempotent. */
export function createTrendRepo(redis: Redis, prefix: string): TrendRepo {
  return {
    async save(day, teams) {
      if (teams.size === 0) return;
      const fields: string[] = [];
      for (const [team, trend] of teams) fields.push(team, JSON.stringify(trend));
      await redis.hset(trendKey(prefix, day), ...fields);
    },
    async load(day) {
      const hash = await redis.hgetall(trendKey(prefix, day));
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
