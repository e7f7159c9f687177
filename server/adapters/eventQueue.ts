import type { SourceEvent } from '../../shared/events/callEvent';
import type { EventSink } from './types';

/** Events waiting past this: the adapter stops reading its source until the sink catches up. */
export const QUEUE_HIGH_WATER = 10_000;
const BATCH = 500;

export interface EventQueue {
  push(events: readonly SourceEvent[]): void;
  /** Too many events wait: stop reading the source (TCP back-pressure) until drained(). */
  full(): boolean;
  drained(): Promise<void>;
  /** Resolves once every pushed event is written; rejects when the sink gave up (aborted run). */
  flush(): Promise<void>;
}

/** Writes events to a sink in order, one batch at a time, while the source goes on being read. */
export function createEventQueue(sink: EventSink): EventQueue {
  const queue: SourceEvent[] = [];
  let running: Promise<void> | null = null;
  let failure: Error | null = null;
  let waiters: (() => void)[] = [];

  const wake = () => {
    const ready = waiters;
    waiters = [];
    ready.forEach((resolve) => resolve());
  };

  async function drain(): Promise<void> {
    try {
      while (queue.length > 0 && !failure) {
        const batch = queue.slice(0, BATCH);
        await sink.write(batch);
        queue.splice(0, batch.length);
        if (queue.length < QUEUE_HIGH_WATER / 2) wake();
      }
    } catch (error) {
      failure = error as Error;
    } finally {
      running = null;
      wake();
    }
  }

  const start = () => (running ??= drain());

  return {
    push(events) {
      if (events.length === 0) return;
      queue.push(...events);
      void start();
    },
    full: () => queue.length >= QUEUE_HIGH_WATER && !failure,
    drained: () =>
      new Promise<void>((resolve) =>
        queue.length < QUEUE_HIGH_WATER / 2 || failure ? resolve() : waiters.push(resolve),
      ),
    async flush() {
      while (running || (queue.length > 0 && !failure)) await start();
      if (failure) throw failure;
    },
  };
}
