import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { createLoginThrottle, delayAfter } from '../../server/accounts/loginThrottle';

const redisUrl = inject('redisUrl');
const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function setup() {
  const redis = new Redis(redisUrl);
  const prefix = `test:${randomUUID()}:`;
  cleanups.push(() => redis.quit());
  return { redis, prefix, throttle: createLoginThrottle(redis, prefix) };
}

const T0 = Date.UTC(2025, 2, 3, 9, 0);
const IP = '203.0.113.7';

describe('the log-in throttle over a real redis-server', () => {
  it('doubles the wait from 1 s after 5 failures, up to 5 minutes', () => {
    expect([4, 5, 6, 7, 13, 14, 100].map((n) => delayAfter(n, 5))).toEqual([
      0, 1000, 2000, 4000, 256_000, 300_000, 300_000,
    ]);
  });

  it('allows 5 failures, then makes the next attempt wait, then allows it', async () => {
    const { throttle } = setup();
    let now = T0;
    for (let i = 0; i < 5; i++) {
      expect(await throttle.check('alice', IP, now)).toEqual({ allowed: true });
      await throttle.fail('alice', IP, now);
      now += 100;
    }
    const lastFailure = now - 100;
    const blocked = await throttle.check('alice', IP, now);
    expect(blocked).toEqual({ allowed: false, retryAfterMs: lastFailure + 1000 - now });
    expect(blocked.allowed === false && blocked.retryAfterMs).toBeGreaterThan(800);

    now = lastFailure + 1000;
    expect(await throttle.check('alice', IP, now)).toEqual({ allowed: true });
    await throttle.fail('alice', IP, now);
    // The 6th failure doubles the wait.
    expect(await throttle.check('alice', IP, now + 1999)).toEqual({ allowed: false, retryAfterMs: 1 });
    expect(await throttle.check('alice', IP, now + 2000)).toEqual({ allowed: true });
    // Other usernames from the same address are not slowed by so few failures.
    expect(await throttle.check('bob', IP, now)).toEqual({ allowed: true });
  });

  it('counts per username across addresses, and forgets the username on success', async () => {
    const { redis, prefix, throttle } = setup();
    for (let i = 0; i < 5; i++) await throttle.fail('alice', `198.51.100.${i}`, T0);
    const blocked = await throttle.check('alice', '192.0.2.1', T0 + 10);
    expect(blocked).toEqual({ allowed: false, retryAfterMs: 990 });
    // Case does not give a guesser a fresh counter.
    expect((await throttle.check('ALICE', '192.0.2.1', T0 + 10)).allowed).toBe(false);

    await throttle.succeed('alice', '198.51.100.4');
    expect(await throttle.check('alice', '192.0.2.1', T0 + 10)).toEqual({ allowed: true });
    // The address counters stay.
    expect(await redis.hget(`${prefix}login-fail:ip:198.51.100.4`, 'count')).toBe('1');
    expect(await redis.exists(`${prefix}login-fail:user:alice`)).toBe(0);
  });

  it('slows down every username from an address after 20 failures from it (one NAT, one office)', async () => {
    const { throttle } = setup();
    // 20 failures spread over 10 usernames: no username reaches its own limit.
    for (let i = 0; i < 20; i++) await throttle.fail(`user${i % 10}`, IP, T0 + i);
    const lastFailure = T0 + 19;
    expect(await throttle.check('user0', '192.0.2.1', lastFailure)).toEqual({ allowed: true });
    expect(await throttle.check('someone-else', IP, lastFailure + 400)).toEqual({ allowed: false, retryAfterMs: 600 });
    expect(await throttle.check('someone-else', IP, lastFailure + 1000)).toEqual({ allowed: true });
    // A success by one user does not clear the address.
    await throttle.succeed('user3', IP);
    expect((await throttle.check('someone-else', IP, lastFailure + 500)).allowed).toBe(false);
  });

  it('forgets failures 15 minutes after the last one', async () => {
    const { redis, prefix, throttle } = setup();
    await throttle.fail('alice', IP, T0);
    const ttl = await redis.pttl(`${prefix}login-fail:user:alice`);
    expect(ttl).toBeGreaterThan(14 * 60_000);
    expect(ttl).toBeLessThanOrEqual(15 * 60_000);
    expect(await redis.pttl(`${prefix}login-fail:ip:${IP}`)).toBeGreaterThan(14 * 60_000);
  });
});
