import type { Redis } from 'ioredis';
import { startOfDay } from '../../shared/domain/day';
import type { StreamId } from '../../shared/streamId';
import { HOUR_MS, type DayKey, type EpochMs } from '../../shared/time';
import type { RedisKeys } from './keys';

/** The ingestion stream as a record of past days (the live reading is callEventStream.ts). */
export interface StreamArchive {
  /** Whether the stream holds this entry (a checkpoint's cursor must be in the stream it came from). */
  hasEntry(id: StreamId): Promise<boolean>;
  /** The newest entry that Redis accepted before `at`, or null. */
  lastEntryBefore(at: EpochMs): Promise<StreamId | null>;
  /** Drops entries older than the last `days` local days; returns how many went. */
  trim(days: number, now: EpochMs, dayOf: (at: EpochMs) => DayKey): Promise<number>;
}

export function createStreamArchive(redis: Redis, keys: Pick<RedisKeys, 'events'>): StreamArchive {
  return {
    async hasEntry(id) {
      return (await redis.xrange(keys.events, id, id)).length === 1;
    },
    async lastEntryBefore(at) {
      const [entry] = await redis.xrevrange(keys.events, `(${at}-0`, '-', 'COUNT', 1);
      return entry ? entry[0] : null;
    },
    async trim(days, now, dayOf) {
      // Today's state needs the previous day with events too (a cold start folds it, see
      // server/days/dayBook.ts), so at least two days are always kept.
      const keepDays = Math.max(2, days);
      let cutoff = startOfDay(now, dayOf);
      for (let i = 1; i < keepDays; i++) cutoff = startOfDay(cutoff - HOUR_MS, dayOf);
      // Exact, not '~': once an hour the cost is small, and old days really go.
      return redis.xtrim(keys.events, 'MINID', `${cutoff}-0`);
    },
  };
}
