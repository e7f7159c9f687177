import type { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import type { RedisKeys } from './keys';

/**
 * Writes are people's actions: a burst, then a few a second per session, counted in Redis so the
 * limit holds however many instances a session's requests reach. While Redis is unreachable an
 * in-memory limiter per instance stands in (the write itself will fail then anyway).
 */
export interface WriteLimiter {
  /** True when the session may write now (and counts the write); else how long to wait. */
  take(sessionKey: string): Promise<{ ok: true } | { ok: false; retryAfterMs: number }>;
}

export interface WriteLimit {
  /** Writes allowed at once... */
  burst: number;
  /** ...refilled over this many seconds (burst / seconds is the steady rate). */
  seconds: number;
}

/** HTTP writes: 30 at once, 3 a second on average. */
export const HTTP_WRITES: WriteLimit = { burst: 30, seconds: 10 };

export function createWriteLimiter(
  redis: Redis,
  keys: Pick<RedisKeys, 'writeLimit'>,
  kind: 'http' | 'socket' | 'ingest',
  limit: WriteLimit,
): WriteLimiter {
  const options = { keyPrefix: keys.writeLimit(kind), points: limit.burst, duration: limit.seconds };
  const limiter = new RateLimiterRedis({
    ...options,
    storeClient: redis,
    rejectIfRedisNotReady: true,
    insuranceLimiter: new RateLimiterMemory(options),
  });
  return {
    async take(sessionKey) {
      try {
        await limiter.consume(sessionKey);
        return { ok: true };
      } catch (rejected) {
        if (rejected instanceof RateLimiterRes) return { ok: false, retryAfterMs: Math.max(1, rejected.msBeforeNext) };
        throw rejected;
      }
    },
  };
}
