import type { Redis } from 'ioredis';
import type { DayKey } from '../../shared/time';
import type { RedisKeys } from './keys';

/** One encoded checkpoint per local day (server/days/checkpoint.ts says what is in it). */
export interface CheckpointRepo {
  load(day: DayKey): Promise<string | null>;
  save(day: DayKey, encoded: string): Promise<void>;
}

export function createCheckpointRepo(redis: Redis, keys: Pick<RedisKeys, 'checkpoint'>): CheckpointRepo {
  return {
    load: (day) => redis.get(keys.checkpoint(day)),
    async save(day, encoded) {
      // Two days: yesterday's is of no use once today began, but it costs nothing to let it expire.
      await redis.set(keys.checkpoint(day), encoded, 'EX', 2 * 86_400);
    },
  };
}
