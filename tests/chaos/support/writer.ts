/**
 * Realistic events from the simulator's floor model, stamped with today's times: the model runs
 * from `startMinutesAgo` (90) minutes before now (never before today's midnight UTC), and no
 * `ts` is ever in the future. Written faster than real time, the model catches up with now after
 * a while; until then live events are stamped late, so status spells look long and raise alerts
 * (~100 a second for 60 reps). The storm starts 12 minutes back: with 5,000 whole-floor sockets
 * that alert flood, not the reconnects, was what the two client processes spent their time on.
 */
import type { Redis } from 'ioredis';
import { entryFields, type SimEvent } from '../../../server/dev/simulator/events';
import { createFloorModel } from '../../../server/dev/simulator/model';
import { MINUTE_MS } from '../../../shared/time';

export interface EventSource {
  /** The next `n` events in source-time order (fewer only once the model's day is over). */
  next(n: number): SimEvent[];
}

export function createEventSource(o: {
  reps: number;
  seed: number;
  teams?: number;
  startMinutesAgo?: number;
}): EventSource {
  const now = Date.now();
  const midnight = now - (now % 86_400_000);
  const startAt = Math.max(midnight + MINUTE_MS, now - (o.startMinutesAgo ?? 90) * MINUTE_MS);
  const model = createFloorModel({
    reps: o.reps,
    teams: o.teams ?? 4,
    seed: o.seed,
    startAt,
    shiftStartAt: startAt - 60 * MINUTE_MS,
    shiftMinutes: 720,
  });
  let buffer: SimEvent[] = [];
  let simCursor = startAt;
  return {
    next(n) {
      while (buffer.length < n && !model.done) {
        simCursor += 5000;
        for (const e of model.nextEvents(simCursor)) if (!('fault' in e)) buffer.push(e);
      }
      const out = buffer.slice(0, n);
      buffer = buffer.slice(out.length);
      // Now-ish: the model may run ahead of the clock; an event is never stamped in the future.
      const cap = Date.now();
      return out.map((e) => (e.at > cap ? { ...e, at: cap } : e));
    },
  };
}

/** XADDs raw field lists, pipelined in chunks; resolves with the last entry ID. */
export async function writeFields(redis: Redis, stream: string, entries: string[][]): Promise<string | null> {
  let last: string | null = null;
  for (let i = 0; i < entries.length; i += 1000) {
    const pipeline = redis.pipeline();
    for (const fields of entries.slice(i, i + 1000)) pipeline.xadd(stream, '*', ...fields);
    for (const [error, id] of (await pipeline.exec()) ?? []) {
      if (error) throw error;
      last = id as string;
    }
  }
  return last;
}

export const writeEvents = (redis: Redis, stream: string, events: SimEvent[]) =>
  writeFields(
    redis,
    stream,
    events.map((e) => entryFields(e)),
  );

export interface LiveWriter {
  /** Entries Redis acknowledged. */
  readonly written: number;
  /** Entries whose XADD failed (Redis away); they are not in the stream. */
  readonly failed: number;
  readonly lastId: string | null;
  /** Stops writing and waits for the pipelines in flight (at most `drainMs`). */
  stop(drainMs?: number): Promise<void>;
}

/**
 * Writes `rate` events a second, one pipeline every 50 ms, open loop but with at most 20
 * pipelines in flight (a hung Redis holds them; the rest wait, they are not dropped).
 */
export function startLiveWriter(redis: Redis, stream: string, source: EventSource, rate: number): LiveWriter {
  let written = 0;
  let failed = 0;
  let lastId: string | null = null;
  let inflight = 0;
  let sent = 0;
  let running = true;
  const t0 = performance.now();
  const idle: (() => void)[] = [];
  const tick = () => {
    if (!running) return;
    const due = Math.floor((rate * (performance.now() - t0)) / 1000) - sent;
    if (due > 0 && inflight < 20) {
      const events = source.next(Math.min(due, rate));
      sent += due;
      if (events.length > 0) {
        inflight++;
        const pipeline = redis.pipeline();
        for (const e of events) pipeline.xadd(stream, '*', ...entryFields(e));
        pipeline
          .exec()
          .then((results) => {
            for (const [error, id] of results ?? []) {
              if (error) failed++;
              else {
                written++;
                lastId = id as string;
              }
            }
          })
          .catch(() => (failed += events.length))
          .finally(() => {
            inflight--;
            if (inflight === 0) idle.splice(0).forEach((f) => f());
          });
      }
    }
    timer = setTimeout(tick, 50);
  };
  let timer = setTimeout(tick, 0);
  return {
    get written() {
      return written;
    },
    get failed() {
      return failed;
    },
    get lastId() {
      return lastId;
    },
    async stop(drainMs = 30_000) {
      running = false;
      clearTimeout(timer);
      if (inflight > 0)
        await Promise.race([new Promise<void>((r) => idle.push(r)), new Promise((r) => setTimeout(r, drainMs))]);
    },
  };
}
