import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import { accountKeys } from '../redis/keys';

export type ThrottleVerdict = { allowed: true } | { allowed: false; retryAfterMs: number };

export interface LoginThrottle {
  check(username: string, ip: string, now: number): Promise<ThrottleVerdict>;
  fail(username: string, ip: string, now: number): Promise<void>;
  /** Clears the username's counter only: one good log-in must not excuse a guessing IP. */
  succeed(username: string, ip: string): Promise<void>;
}

/** A counter is forgotten this long after its last failure. */
export const FAILURE_WINDOW_MS = 15 * 60_000;
/** Failures of one username before attempts are slowed down. */
export const USER_FREE_FAILURES = 5;
/**
 * Failures from one IP before attempts are slowed down. Higher than per user because a whole
 * office often shares one NAT address: one typo-prone rep must not lock the floor out, while a
 * guesser spraying many usernames from one address still slows down after 20 misses.
 */
export const IP_FREE_FAILURES = 20;
export const MAX_DELAY_MS = 5 * 60_000;

/** The wait after `failures` failures, past `free` free ones: 1 s, 2 s, 4 s, ... up to 5 minutes. */
export function delayAfter(failures: number, free: number): number {
  if (failures < free) return 0;
  return Math.min(1000 * 2 ** Math.min(failures - free, 30), MAX_DELAY_MS);
}

// Count and time of the last failure in one hash, refreshed together so they expire together.
const FAIL = `
for i = 1, #KEYS do
  redis.call('HINCRBY', KEYS[i], 'count', 1)
  redis.call('HSET', KEYS[i], 'last', ARGV[1])
  redis.call('PEXPIRE', KEYS[i], ARGV[2])
end
return 1`;

/** Key-safe and bounded: the username comes straight from a log-in form. */
const part = (value: string) => (value.length <= 128 ? value : createHash('sha256').update(value).digest('hex'));

export function createLoginThrottle(redis: Redis, prefix: string): LoginThrottle {
  const keys = accountKeys(prefix);
  const userKey = (username: string) => keys.loginFailUser(part(username.toLowerCase()));
  const ipKey = (ip: string) => keys.loginFailAddress(part(ip));

  return {
    async check(username, ip, now) {
      const replies = await redis
        .pipeline()
        .hmget(userKey(username), 'count', 'last')
        .hmget(ipKey(ip), 'count', 'last')
        .exec();
      let waitUntil = 0;
      for (const [index, free] of [USER_FREE_FAILURES, IP_FREE_FAILURES].entries()) {
        const [err, reply] = replies?.[index] ?? [null, null];
        if (err) throw err;
        const [count, last] = (reply as (string | null)[] | null) ?? [];
        const delay = delayAfter(Number(count ?? 0), free);
        if (delay > 0) waitUntil = Math.max(waitUntil, Number(last ?? 0) + delay);
      }
      return now >= waitUntil ? { allowed: true } : { allowed: false, retryAfterMs: waitUntil - now };
    },

    async fail(username, ip, now) {
      await redis.eval(FAIL, 2, userKey(username), ipKey(ip), String(now), String(FAILURE_WINDOW_MS));
    },

    async succeed(username) {
      await redis.del(userKey(username));
    },
  };
}
