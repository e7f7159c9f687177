import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { delayAfter, MAX_DELAY_MS } from '../../server/accounts/loginBackoff';
import { redisKeys } from '../../server/redis/keys';
import { createLoginThrottle } from '../../server/redis/loginThrottle';

const redisUrl = inject('redisUrl');
const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function setup(addressFailures = 100) {
  const redis = new Redis(redisUrl);
  const keys = redisKeys({ keyPrefix: `test:${randomUUID()}:`, stream: 's', deadLetterStream: 'd' });
  cleanups.push(() => redis.quit());
  return { redis, keys, throttle: createLoginThrottle({ redis, keys, addressFailures }) };
}

const T0 = Date.UTC(2025, 2, 3, 9, 0);
const IP = '203.0.113.7';
const allowed = { allowed: true };

describe('the log-in throttle over a real redis-server', () => {
  it('doubles the wait from 1 s after 5 attempts, up to 5 minutes', () => {
    expect([4, 5, 6, 7, 13, 14, 100].map((n) => delayAfter(n))).toEqual([
      0, 1000, 2000, 4000, 256_000, 300_000, 300_000,
    ]);
  });

  it('lets at most 5 of 100 parallel attempts on one account through, the rest with a wait', async () => {
    const { throttle } = setup();
    const verdicts = await Promise.all(Array.from({ length: 100 }, () => throttle.take('alice', IP, T0)));
    expect(verdicts.filter((v) => v.allowed)).toHaveLength(5);
    for (const v of verdicts.filter((v) => !v.allowed))
      expect(v).toEqual({ allowed: false, retryAfterMs: 1000, by: 'account' });
  });

  it('grows the wait with each attempt past the free ones, and a good log-in starts afresh', async () => {
    const { throttle } = setup();
    let now = T0;
    for (let i = 0; i < 5; i++) expect(await throttle.take('alice', IP, now++)).toEqual(allowed);
    const last = now - 1;
    expect(await throttle.take('alice', IP, last + 999)).toEqual({ allowed: false, retryAfterMs: 1, by: 'account' });
    expect(await throttle.take('alice', IP, last + 1000)).toEqual(allowed);
    // The 6th attempt doubles the wait.
    expect(await throttle.take('alice', IP, last + 1000 + 1999)).toMatchObject({ allowed: false, retryAfterMs: 1 });
    expect(await throttle.take('alice', IP, last + 3000)).toEqual(allowed);
    expect(await throttle.take('alice', IP, last + 3001)).toMatchObject({ allowed: false, retryAfterMs: 3999 });
    // Case does not give a guesser a fresh allowance.
    expect(await throttle.take('ALICE', '192.0.2.1', last + 3001)).toMatchObject({ allowed: false });

    await throttle.succeeded('alice', IP);
    for (let i = 0; i < 5; i++) expect(await throttle.take('alice', IP, last + 3001)).toEqual(allowed);
  });

  it('lets the back-off decay: an attempt forgiven per quiet minute, and a stray typo every 5 minutes never slows', async () => {
    const { throttle } = setup();
    for (let i = 0; i < 9; i++) await throttle.take('alice', IP, T0 + i * MAX_DELAY_MS);
    // 9 attempts 5 minutes apart: each was free, none waited.
    expect(await throttle.take('alice', IP, T0 + 9 * MAX_DELAY_MS)).toEqual(allowed);

    const quick = T0 + 10 * MAX_DELAY_MS;
    for (let i = 0; i < 8; i++) await throttle.take('bob', IP, quick + i * 20_000);
    // 8 attempts: bob waits 8 s after the last...
    const last = quick + 7 * 20_000;
    expect(await throttle.take('bob', IP, last + 1000)).toEqual({ allowed: false, retryAfterMs: 7000, by: 'account' });
    // ...and after 4 quiet minutes 4 of them are forgiven: 4 + this one, then the 6th waits only 1 s.
    expect(await throttle.take('bob', IP, last + 4 * 60_000)).toEqual(allowed);
    expect(await throttle.take('bob', IP, last + 4 * 60_000 + 1)).toMatchObject({ allowed: false, retryAfterMs: 999 });
  });

  it("never lets one account's failures slow another", async () => {
    const { throttle } = setup();
    for (let i = 0; i < 50; i++) await throttle.take('alice', IP, T0 + i);
    expect(await throttle.take('carol', IP, T0 + 60)).toEqual(allowed);
  });

  it('bounds attempts from one address over many accounts, and gives good log-ins their attempt back', async () => {
    const { throttle } = setup(20);
    const verdicts = await Promise.all(Array.from({ length: 300 }, (_, i) => throttle.take(`user${i}`, IP, T0)));
    expect(verdicts.filter((v) => v.allowed)).toHaveLength(20);
    expect(verdicts.find((v) => !v.allowed)).toMatchObject({ allowed: false, by: 'address' });
    // Another address is untouched; a refused account got its attempt back.
    expect(await throttle.take('user299', '198.51.100.1', T0)).toEqual(allowed);
    // A good log-in from the address returns its attempt: the next account may try once.
    await throttle.succeeded('user0', IP);
    expect(await throttle.take('someone', IP, T0)).toEqual(allowed);
    expect(await throttle.take('someone-else', IP, T0)).toMatchObject({ allowed: false, by: 'address' });
  });

  it('forgets an account once its back-off has fully decayed', async () => {
    const { redis, keys, throttle } = setup();
    await throttle.take('alice', IP, T0);
    const ttl = await redis.pttl(keys.loginAccount('alice'));
    expect(ttl).toBeGreaterThan(MAX_DELAY_MS);
    expect(ttl).toBeLessThanOrEqual(60_000 + MAX_DELAY_MS);
  });
});
