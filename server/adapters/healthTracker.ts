import type { SourceHealthRecord } from '../redis/sourceHealthRepo';
import type { SourceHealth } from './types';

/** Counts over a sliding minute, in one-second buckets. */
class MinuteCounter {
  private buckets = new Map<number, number>();
  add(now: number, n: number): void {
    const second = Math.floor(now / 1000);
    this.buckets.set(second, (this.buckets.get(second) ?? 0) + n);
  }
  total(now: number): number {
    const from = Math.floor(now / 1000) - 59;
    let sum = 0;
    for (const [second, n] of this.buckets) {
      if (second < from) this.buckets.delete(second);
      else sum += n;
    }
    return sum;
  }
}

export interface HealthTracker extends SourceHealth {
  snapshot(): SourceHealthRecord;
  /** The run ended by itself (file done, replay done, stop asked for): the runner says so once. */
  ended(): void;
  /** Called on every change of connection (the runner writes those at once). */
  onChange(listener: () => void): void;
}

/** The runner's SourceHealth: what the adapter reports, kept as the record the runner stores. */
export function createHealthTracker(source: string, clock: () => number = Date.now): HealthTracker {
  const events = new MinuteCounter();
  const errors = new MinuteCounter();
  let connected = false;
  let lastEventAt: number | null = null;
  let lastError: string | null = null;
  let lastErrorAt: number | null = null;
  let connectedAt: number | null = null;
  let endedAt: number | null = null;
  const listeners: (() => void)[] = [];
  const changed = () => listeners.forEach((listener) => listener());
  const failed = (reason: string) => {
    lastError = reason;
    lastErrorAt = clock();
  };
  return {
    connected() {
      connected = true;
      connectedAt = clock();
      changed();
    },
    disconnected(reason) {
      connected = false;
      failed(reason);
      changed();
    },
    received(n) {
      if (n <= 0) return;
      lastEventAt = clock();
      events.add(lastEventAt, n);
    },
    error(reason) {
      failed(reason);
      errors.add(clock(), 1);
    },
    ended() {
      connected = false;
      endedAt = clock();
      changed();
    },
    onChange: (listener) => void listeners.push(listener),
    snapshot() {
      const now = clock();
      return {
        source,
        connected,
        lastEventAt,
        eventsPerMinute: events.total(now),
        errorsPerMinute: errors.total(now),
        lastError,
        lastErrorAt,
        updatedAt: now,
        connectedAt,
        endedAt,
      };
    },
  };
}
