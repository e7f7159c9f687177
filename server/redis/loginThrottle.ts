import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import {
  ADDRESS_WINDOW_MS,
  DECAY_MS,
  MAX_DELAY_MS,
  USER_FREE_ATTEMPTS,
  type LoginThrottle,
} from '../accounts/loginBackoff';
import type { RedisKeys } from './keys';

// Check and count in one step (the policy is server/accounts/loginBackoff.ts): returns the wait
// in ms, or 0 when the attempt was taken. The wait is measured from the last attempt with the
// count before decay; then one attempt is forgiven per DECAY ms of quiet.
const TAKE = `
local now = tonumber(ARGV[1])
local free = tonumber(ARGV[2])
local decay = tonumber(ARGV[3])
local maxDelay = tonumber(ARGV[4])
local h = redis.call('HMGET', KEYS[1], 'count', 'last')
local count = tonumber(h[1]) or 0
local last = tonumber(h[2]) or 0
local delay = 0
if count >= free then delay = math.min(1000 * 2 ^ math.min(count - free, 30), maxDelay) end
local wait = last + delay - now
if wait > 0 then return math.ceil(wait) end
if now > last then count = math.max(0, count - math.floor((now - last) / decay)) end
count = count + 1
redis.call('HSET', KEYS[1], 'count', count, 'last', now)
redis.call('PEXPIRE', KEYS[1], count * decay + maxDelay)
return 0`;

// Gives back an attempt that was refused further on (by the address budget) without a password check.
const GIVE_BACK = `
local count = tonumber(redis.call('HGET', KEYS[1], 'count') or '0')
if count > 0 then redis.call('HSET', KEYS[1], 'count', count - 1) end
return 1`;

/** Key-safe and bounded: the username and address come from the request. */
export const keyPart = (value: string) =>
  value.length <= 128 ? value : createHash('sha256').update(value).digest('hex');

export function createLoginThrottle(deps: {
  redis: Redis;
  keys: Pick<RedisKeys, 'loginAccount' | 'loginAddresses'>;
  addressFailures: number;
}): LoginThrottle {
  const { redis, keys } = deps;
  const accountKey = (username: string) => keys.loginAccount(keyPart(username.toLowerCase()));
  const addresses = new RateLimiterRedis({
    storeClient: redis,
    keyPrefix: keys.loginAddresses,
    points: deps.addressFailures,
    duration: ADDRESS_WINDOW_MS / 1000,
  });

  return {
    async take(username, address, now) {
      const args = [now, USER_FREE_ATTEMPTS, DECAY_MS, MAX_DELAY_MS].map(String);
      const wait = Number(await redis.eval(TAKE, 1, accountKey(username), ...args));
      if (wait > 0) return { allowed: false, retryAfterMs: wait, by: 'account' };
      try {
        await addresses.consume(keyPart(address));
        return { allowed: true };
      } catch (rejected) {
        if (!(rejected instanceof RateLimiterRes)) throw rejected;
        // A refused attempt reached no password check: neither budget keeps it.
        await addresses.reward(keyPart(address));
        await redis.eval(GIVE_BACK, 1, accountKey(username));
        return { allowed: false, retryAfterMs: Math.max(1, rejected.msBeforeNext), by: 'address' };
      }
    },

    async succeeded(username, address) {
      await redis.del(accountKey(username));
      await addresses.reward(keyPart(address));
    },
  };
}
