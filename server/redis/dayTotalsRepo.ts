import type { Redis } from 'ioredis';
import type { RepView } from '../../shared/domain/floorView';
import type { DayFigures } from '../../shared/domain/leaderboard';
import type { DayKey } from '../../shared/time';
import type { RedisKeys } from './keys';

/** A rep's totals of one day, kept after the day is over (month-to-date, leaderboards). */
export type DayTotals = DayFigures;

export interface DayTotalsRepo {
  save(day: DayKey, reps: readonly RepView[]): Promise<void>;
  /** rep -> totals for each day asked. */
  load(days: readonly DayKey[]): Promise<Map<DayKey, Map<string, DayTotals>>>;
  /** One rep's totals for each day asked (only the days the rep has saved totals). */
  loadRep(days: readonly DayKey[], rep: string): Promise<Map<DayKey, Map<string, DayTotals>>>;
}

export function toDayTotals(rep: RepView): DayTotals {
  const { name, team, dials, connects, effectiveCalls, talkSeconds, leads, deals, revenue } = rep;
  const { handoffsWon, handoffRevenue } = rep;
  return {
    name,
    team,
    dials,
    connects,
    effectiveCalls,
    talkSeconds,
    leads,
    deals,
    revenue,
    handoffsWon,
    handoffRevenue,
  };
}

/**
 * Every instance folds the same stream, so they all write the same figures: writes are
 * idempotent and need no coordination.
 */
export function createDayTotalsRepo(redis: Redis, keys: RedisKeys): DayTotalsRepo {
  return {
    async save(day, reps) {
      if (reps.length === 0) return;
      const fields: string[] = [];
      for (const rep of reps) fields.push(rep.id, JSON.stringify(toDayTotals(rep)));
      await redis.hset(keys.dayTotals(day), ...fields);
    },
    async load(days) {
      const result = new Map<DayKey, Map<string, DayTotals>>();
      if (days.length === 0) return result;
      const pipeline = redis.pipeline();
      for (const day of days) pipeline.hgetall(keys.dayTotals(day));
      const replies = (await pipeline.exec()) ?? [];
      days.forEach((day, i) => {
        const hash = (replies[i]?.[1] ?? {}) as Record<string, string>;
        const reps = new Map<string, DayTotals>();
        for (const [rep, json] of Object.entries(hash)) {
          try {
            reps.set(rep, JSON.parse(json) as DayTotals);
          } catch {
            // a damaged entry is skipped rather than breaking the month's totals
          }
        }
        result.set(day, reps);
      });
      return result;
    },
    async loadRep(days, rep) {
      const result = new Map<DayKey, Map<string, DayTotals>>();
      if (days.length === 0) return result;
      const pipeline = redis.pipeline();
      for (const day of days) pipeline.hget(keys.dayTotals(day), rep);
      const replies = (await pipeline.exec()) ?? [];
      days.forEach((day, i) => {
        const json = replies[i]?.[1];
        if (typeof json !== 'string') return;
        try {
          result.set(day, new Map([[rep, JSON.parse(json) as DayTotals]]));
        } catch {
          // a damaged entry is a gap in the history, not a failed answer
        }
      });
      return result;
    },
  };
}
