import type { Scope } from '../../shared/domain/viewer';

/** p50/p99/max of one feed kind's egress delay, ms, and how many frames were measured. */
export interface EgressFigures {
  count: number;
  p50: number;
  p99: number;
  max: number;
}
export type EgressReport = Record<Scope['kind'], EgressFigures>;

/** 0.5 ms buckets up to 10 s, then one overflow bucket (its samples count at their max). */
const BUCKET_MS = 0.5;
const BUCKETS = 20_000;

/**
 * The server's own egress delay per feed kind: from the arrival of the oldest stream entry a
 * frame carries (its stream ID's time, Redis's clock on this host) to the moment the frame is
 * handed to the socket layer (a sliced broadcast counts once per slice). Kept in fixed buckets:
 * recording costs an increment. Read (and reset) by the bench over IPC; never on a route.
 */
export function createEgressStats() {
  const kinds = new Map<Scope['kind'], { counts: Uint32Array; count: number; max: number }>();
  const of = (kind: Scope['kind']) => {
    let entry = kinds.get(kind);
    if (!entry) kinds.set(kind, (entry = { counts: new Uint32Array(BUCKETS + 1), count: 0, max: 0 }));
    return entry;
  };
  function quantile(counts: Uint32Array, count: number, q: number, max: number): number {
    let seen = 0;
    const target = Math.ceil(q * count);
    for (let i = 0; i < counts.length; i++) {
      seen += counts[i]!;
      if (seen >= target) return i === BUCKETS ? max : Math.min(max, (i + 1) * BUCKET_MS);
    }
    return max;
  }
  return {
    record(kind: Scope['kind'], ms: number): void {
      const entry = of(kind);
      const value = Math.max(0, ms);
      entry.counts[Math.min(BUCKETS, Math.floor(value / BUCKET_MS))]!++;
      entry.count++;
      entry.max = Math.max(entry.max, value);
    },
    /** The figures since the last reset. */
    report(): EgressReport {
      const empty: EgressFigures = { count: 0, p50: 0, p99: 0, max: 0 };
      const figures = (kind: Scope['kind']): EgressFigures => {
        const entry = kinds.get(kind);
        if (!entry || entry.count === 0) return empty;
        const { counts, count, max } = entry;
        return { count, p50: quantile(counts, count, 0.5, max), p99: quantile(counts, count, 0.99, max), max };
      };
      return { floor: figures('floor'), team: figures('team'), rep: figures('rep') };
    },
    reset(): void {
      kinds.clear();
    },
  };
}
export type EgressStats = ReturnType<typeof createEgressStats>;
