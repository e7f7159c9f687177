import type { Redis } from 'ioredis';
import { startOfDay } from '../../shared/domain/day';
import { HOUR_MS, type DayKey, type EpochMs } from '../../shared/time';

/**
 * Trims the ingestion stream to the last `days` local days. Today's state needs only today's
 * events and yesterday's close needs yesterday's (week and month boards read saved day totals,
 * not the stream), so at least two days are always kept.
 */
export async function trimStream(deps: {
  redis: Redis;
  stream: string;
  days: number;
  now: EpochMs;
  dayOf: (at: EpochMs) => DayKey;
}): Promise<number> {
  const keepDays = Math.max(2, deps.days);
  // Midnight of the oldest day kept: step back day by day from today's start.
  let cutoff = startOfDay(deps.now, deps.dayOf);
  for (let i = 1; i < keepDays; i++) cutoff = startOfDay(cutoff - HOUR_MS, deps.dayOf);
  // Exact, not '~': once an hour the cost is small, and old days really go.
  return deps.redis.xtrim(deps.stream, 'MINID', `${cutoff}-0`);
}
