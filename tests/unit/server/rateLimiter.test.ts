import { describe, expect, it } from 'vitest';
import { createRateLimiter } from '../../../server/limits/rateLimiter';

describe('createRateLimiter()', () => {
  it('allows a burst, then refills at the steady rate, per key', () => {
    const limiter = createRateLimiter({ burst: 3, perSecond: 2 });
    const t = 1_000_000;
    expect([1, 2, 3, 4].map(() => limiter.take('a', t))).toEqual([true, true, true, false]);
    expect(limiter.take('b', t)).toBe(true);
    expect(limiter.take('a', t + 499)).toBe(false);
    expect(limiter.take('a', t + 500)).toBe(true);
    expect(limiter.take('a', t + 10_000)).toBe(true);
    expect([1, 2, 3].map(() => limiter.take('a', t + 10_000))).toEqual([true, true, false]);
  });

  it('keeps memory bounded by forgetting the oldest keys', () => {
    const limiter = createRateLimiter({ burst: 1, perSecond: 0.001, maxKeys: 2 });
    expect(limiter.take('a', 0)).toBe(true);
    expect(limiter.take('a', 0)).toBe(false);
    limiter.take('b', 0);
    limiter.take('c', 0); // 'a' is forgotten
    expect(limiter.take('a', 0)).toBe(true);
  });
});
