import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { redisKeys } from '../../server/redis/keys';
import { createWriteLimiter, HTTP_WRITES } from '../../server/redis/writeLimits';

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe('write limits over a real redis-server', () => {
  it('hold across instances: two servers share one allowance per session', async () => {
    const keys = redisKeys({ keyPrefix: `test:${randomUUID()}:`, stream: 's', deadLetterStream: 'd' });
    const instances = [new Redis(inject('redisUrl')), new Redis(inject('redisUrl'))];
    cleanups.push(...instances.map((r) => () => r.quit()));
    // Until a connection is ready each instance counts in memory for itself (the insurance limiter).
    await Promise.all(instances.map((redis) => redis.ping()));
    const [a, b] = instances.map((redis) => createWriteLimiter(redis, keys, 'http', HTTP_WRITES));
    const results = await Promise.all(Array.from({ length: 40 }, (_, i) => (i % 2 === 0 ? a! : b!).take('session-1')));
    expect(results.filter((r) => r.ok)).toHaveLength(HTTP_WRITES.burst);
    const refused = results.find((r) => !r.ok);
    expect(refused).toMatchObject({ ok: false });
    expect(refused!.ok === false && refused!.retryAfterMs).toBeLessThanOrEqual(HTTP_WRITES.seconds * 1000);
    // Another session has its own allowance; the socket limit is counted apart.
    expect(await a!.take('session-2')).toEqual({ ok: true });
    expect(await createWriteLimiter(instances[0]!, keys, 'socket', HTTP_WRITES).take('session-1')).toEqual({
      ok: true,
    });
  });
});
