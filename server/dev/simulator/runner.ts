import type { Redis } from 'ioredis';
import type { EpochMs } from '../../../shared/time';
import { entryFields, isFault, type SimEntry, type SimEvent } from './events';
import type { FloorModel } from './model';
import { createHandoffFlow } from './handoffs';

const CHUNK = 5000;

export interface RunnerStats {
  written: number;
  faults: number;
  /** Simulated clock. */
  simNow: EpochMs;
  /** Entries waiting for Redis (it was unreachable). */
  backlog: number;
}

export interface RunnerOptions {
  redis: Redis;
  stream: string;
  model: FloorModel;
  /** Simulated ms per real ms. */
  speed: number;
  /** The simulated instant that corresponds to the start of the run. */
  simStartAt: EpochMs;
  /** Stop after this much real time (default: until every rep has logged out). */
  durationMs?: number;
  tickMs?: number;
  progressEveryMs?: number;
  onProgress?: (stats: RunnerStats) => void;
  onWarning?: (message: string) => void;
  clock?: () => EpochMs;
}

export interface SimulatorRun {
  readonly stats: RunnerStats;
  /** Resolves when the run ends on its own (duration reached, shift over) or after stop(). */
  readonly finished: Promise<void>;
  stop(): Promise<void>;
}

/**
 * Feeds the model's events to the stream at `speed`, one pipelined batch of XADDs per tick.
 * At speed 1 `ts` is shifted onto the real clock so that live timers on the wallboard look right.
 * At other speeds the simulated time runs away from the real clock, and the server refuses a `ts`
 * more than 5 minutes ahead of the entry's arrival: entries go without `ts` (their arrival time
 * counts), so the floor is busier and its durations shorter, on the real clock.
 */
export function runSimulator(options: RunnerOptions): SimulatorRun {
  const { redis, stream, model, speed, simStartAt } = options;
  const clock = options.clock ?? Date.now;
  const tickMs = options.tickMs ?? 200;
  const realStart = clock();
  const tsOffset = speed === 1 ? realStart - simStartAt : 0;
  const stats: RunnerStats = { written: 0, faults: 0, simNow: simStartAt, backlog: 0 };
  let backlog: SimEntry[] = [];
  let stopping = false;
  let timer: NodeJS.Timeout | undefined;
  let lastProgress = realStart;
  let lastWarning = 0;
  let resolveFinished: () => void = () => {};
  const finished = new Promise<void>((resolve) => (resolveFinished = resolve));

  const warn = (message: string) => {
    // A Redis outage fails every tick; one line every 5 s is enough.
    if (clock() - lastWarning < 5000) return;
    lastWarning = clock();
    options.onWarning?.(message);
  };

  const handoffs = createHandoffFlow(); // issue #16: leads handed to the closers and back
  const stamped = (fields: string[]) => (speed === 1 ? fields : withoutTs(fields));

  async function write(entries: SimEntry[]): Promise<SimEntry[]> {
    if (entries.length === 0) return [];
    // A backfill is tens of thousands of entries: bounded pipelines keep memory and latency flat.
    if (entries.length > CHUNK) {
      const failed: SimEntry[] = [];
      for (let i = 0; i < entries.length; i += CHUNK) failed.push(...(await write(entries.slice(i, i + CHUNK))));
      return failed;
    }
    const pipeline = redis.pipeline();
    for (const entry of entries) {
      const fields = isFault(entry) ? entry.fields : stamped(entryFields(shifted(entry, tsOffset)));
      pipeline.xadd(stream, '*', ...fields);
    }
    let results: [Error | null, unknown][] | null;
    try {
      results = await pipeline.exec();
    } catch (err) {
      warn(`cannot write to Redis (${(err as Error).message}); will retry`);
      return entries;
    }
    const failed: SimEntry[] = [];
    entries.forEach((entry, i) => {
      if (!results || results[i]?.[0]) return void failed.push(entry);
      stats.written++;
      if (isFault(entry)) stats.faults++;
    });
    if (failed.length > 0)
      warn(`${failed.length} XADD(s) failed (${results?.find((r) => r[0])?.[0]?.message}); will retry`);
    return failed;
  }

  async function tick(): Promise<void> {
    timer = undefined;
    const now = clock();
    stats.simNow = simStartAt + (now - realStart) * speed;
    backlog = await write([...backlog, ...handoffs(model.nextEvents(stats.simNow), stats.simNow)]);
    stats.backlog = backlog.length;
    if (options.onProgress && now - lastProgress >= (options.progressEveryMs ?? 5000)) {
      lastProgress = now;
      options.onProgress(stats);
    }
    const outOfTime = options.durationMs !== undefined && now - realStart >= options.durationMs;
    if (stopping || outOfTime || (model.done && backlog.length === 0)) {
      stopping = true;
      resolveFinished();
      return;
    }
    timer = setTimeout(() => void tick(), tickMs);
  }

  void tick();
  return {
    stats,
    finished,
    async stop() {
      stopping = true;
      if (timer) {
        // Between ticks: no write in flight, finish now. During a tick: it sees `stopping`.
        clearTimeout(timer);
        timer = undefined;
        resolveFinished();
      }
      await finished;
    },
  };
}

/** An event moved by `offset` (speed 1: onto the real clock), its follow-up time with it. */
function shifted(event: SimEvent, offset: number): SimEvent {
  if (offset === 0) return event;
  const moved = { ...event, at: event.at + offset };
  if (moved.type === 'call.outcome' && moved.followUpAt !== undefined) moved.followUpAt += offset;
  return moved;
}

/** Field list without `ts`: Redis's arrival time stands in. */
function withoutTs(fields: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i + 1 < fields.length; i += 2) if (fields[i] !== 'ts') out.push(fields[i]!, fields[i + 1]!);
  return out;
}
