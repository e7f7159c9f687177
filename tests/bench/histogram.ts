/**
 * Fixed-bucket latency histogram (ms): 0.1 ms buckets up to 100 ms, 1 ms buckets up to 10 s,
 * then one overflow bucket; the exact maximum is kept aside. Mergeable across processes.
 */
const FINE_LIMIT = 100;
const FINE_BUCKETS = 1000;
const COARSE_LIMIT = 10_000;
const BUCKETS = FINE_BUCKETS + (COARSE_LIMIT - FINE_LIMIT) + 1;

export interface HistogramData {
  /** Sparse [bucket, count] pairs. */
  buckets: [number, number][];
  count: number;
  max: number;
  sum: number;
}

export interface Percentiles {
  count: number;
  p50: number;
  p99: number;
  p999: number;
  max: number;
  mean: number;
}

function bucketOf(ms: number): number {
  if (ms < 0) return 0;
  if (ms < FINE_LIMIT) return Math.floor(ms * 10);
  if (ms < COARSE_LIMIT) return FINE_BUCKETS + Math.floor(ms - FINE_LIMIT);
  return BUCKETS - 1;
}

/** Upper edge of a bucket, so that a percentile is never reported below the true value. */
function upperEdge(bucket: number): number {
  if (bucket < FINE_BUCKETS) return (bucket + 1) / 10;
  if (bucket < BUCKETS - 1) return FINE_LIMIT + (bucket - FINE_BUCKETS) + 1;
  return Infinity;
}

export class Histogram {
  private counts = new Uint32Array(BUCKETS);
  count = 0;
  max = 0;
  sum = 0;

  record(ms: number): void {
    this.counts[bucketOf(ms)]!++;
    this.count++;
    this.sum += ms;
    if (ms > this.max) this.max = ms;
  }

  toData(): HistogramData {
    const buckets: [number, number][] = [];
    this.counts.forEach((n, i) => n > 0 && buckets.push([i, n]));
    return { buckets, count: this.count, max: this.max, sum: this.sum };
  }

  merge(data: HistogramData): void {
    for (const [i, n] of data.buckets) this.counts[i]! += n;
    this.count += data.count;
    this.sum += data.sum;
    this.max = Math.max(this.max, data.max);
  }

  percentile(p: number): number {
    if (this.count === 0) return 0;
    const rank = Math.ceil((p / 100) * this.count);
    let seen = 0;
    for (let i = 0; i < BUCKETS; i++) {
      seen += this.counts[i]!;
      if (seen >= rank) return Math.min(upperEdge(i), this.max);
    }
    return this.max;
  }

  summary(): Percentiles {
    return {
      count: this.count,
      p50: this.percentile(50),
      p99: this.percentile(99),
      p999: this.percentile(99.9),
      max: this.max,
      mean: this.count ? this.sum / this.count : 0,
    };
  }
}

/** Percentiles of a small list of samples (e.g. one per second). */
export function samplePercentile(values: readonly number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}
