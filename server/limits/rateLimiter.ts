/**
 * Token buckets per key (a session): a burst, then a steady rate. In memory per instance, which
 * is enough to stop a runaway client or script; not a distributed quota.
 */
export interface RateLimiter {
  /** True when the key may act now (and counts the action). */
  take(key: string, now: number): boolean;
}

export function createRateLimiter(opts: { burst: number; perSecond: number; maxKeys?: number }): RateLimiter {
  const buckets = new Map<string, { tokens: number; at: number }>();
  const maxKeys = opts.maxKeys ?? 50_000;
  return {
    take(key, now) {
      let bucket = buckets.get(key);
      if (!bucket) {
        // Bounded memory: forget the oldest keys first (Map keeps insertion order).
        if (buckets.size >= maxKeys) buckets.delete(buckets.keys().next().value as string);
        bucket = { tokens: opts.burst, at: now };
        buckets.set(key, bucket);
      }
      bucket.tokens = Math.min(opts.burst, bucket.tokens + ((now - bucket.at) / 1000) * opts.perSecond);
      bucket.at = now;
      if (bucket.tokens < 1) return false;
      bucket.tokens -= 1;
      return true;
    },
  };
}
