import type { Health } from '../shared/contracts/socket';
import type { Clock } from '../shared/time';
import type { ReaderStatus } from './redis/callEventStream';
import { readerWarnings } from './redis/readerWarnings';
import type { DeadLetterRepo } from './redis/deadLetterRepo';

export interface HealthDeps {
  /** Whether the command connection is up (a call to Redis now would not wait for a reconnect). */
  redisReady: () => boolean;
  deadLetters: Pick<DeadLetterRepo, 'count'>;
  reader: () => ReaderStatus | null;
  /** Delay from the source time of the newest event to when we applied it (dialer clocks may skew it). */
  ingestionLagMs: () => number | null;
  clock: Clock;
  staleAfterMs: number;
}

/** Ingestion health: Redis reachable, reader not stuck, and how far behind the sources we are. */
export function createHealthCheck(deps: HealthDeps): () => Promise<Health> {
  return async () => {
    const now = deps.clock();
    const reader = deps.reader();
    let deadLetters = 0;
    let redis: Health['redis'] = 'down';
    if (deps.redisReady()) {
      try {
        deadLetters = await withTimeout(deps.deadLetters.count(), 1000);
        redis = 'up';
      } catch {
        redis = 'down';
      }
    }
    const lastReadAt = reader?.lastReadAt ?? null;
    return {
      redis,
      lagMs: deps.ingestionLagMs(),
      lastReadAt,
      stale: redis === 'down' || lastReadAt === null || now - lastReadAt > deps.staleAfterMs,
      deadLetters,
      ...readerWarnings(reader),
    };
  };
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('timeout')), ms);
  });
  promise.catch(() => {});
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
