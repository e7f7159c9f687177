import { randomInt } from 'node:crypto';
import { Redis } from 'ioredis';
import type { Shift } from '../../../shared/domain/targets';
import { createFloorModel, type FloorModel } from './model';
import { runSimulator, type RunnerStats, type SimulatorRun } from './runner';
import { resolveStart, type SimStart, type StartMode } from './shift';

export interface SimulationOptions {
  redisUrl: string;
  stream: string;
  reps: number;
  teams: number;
  speed: number;
  /** Random (and reported) when omitted. */
  seed?: number;
  startMode: StartMode;
  /** With startMode now: first write the shift so far in one burst, so totals and pace look like a real afternoon. */
  backfill?: boolean;
  timeZone: string;
  shift: Shift;
  faults?: number;
  longCalls?: number;
  longPauses?: number;
  idleReps?: number;
  durationMs?: number;
  onProgress?: (stats: RunnerStats) => void;
  onWarning?: (message: string) => void;
}

export interface Simulation {
  seed: number;
  start: SimStart;
  model: FloorModel;
  run: SimulatorRun;
  /** Stops writing and closes the Redis connection. */
  close(): Promise<void>;
}

/** Connects to Redis (failing fast when it is unreachable) and starts feeding the stream. */
export async function startSimulation(o: SimulationOptions): Promise<Simulation> {
  const redis = new Redis(o.redisUrl, { lazyConnect: true, connectTimeout: 5000 });
  // Reconnection errors are reported by the runner's warnings; unhandled they would crash the process.
  let lastError: Error | undefined;
  redis.on('error', (err: Error) => (lastError = err));
  try {
    await redis.connect();
  } catch (err) {
    redis.disconnect();
    const why = (lastError ?? (err as Error)).message;
    throw new Error(`cannot connect to ${o.redisUrl}: ${why}`, { cause: err });
  }
  const seed = o.seed ?? randomInt(1, 2 ** 31);
  const start = resolveStart(Date.now(), o.timeZone, o.shift, o.startMode);
  const model = createFloorModel({
    reps: o.reps,
    teams: o.teams,
    seed,
    ...start,
    startAt: o.backfill ? start.shiftStartAt : start.startAt,
    // The flagged line and the short list are timed from the live start, so they show within minutes.
    ...(o.startMode === 'now' ? { liveAt: start.startAt } : {}),
    notices: true,
    faults: o.faults,
    longCalls: o.longCalls,
    longPauses: o.longPauses,
    idleReps: o.idleReps,
  });
  const run = runSimulator({
    redis,
    stream: o.stream,
    model,
    speed: o.speed,
    simStartAt: start.startAt,
    durationMs: o.durationMs,
    onProgress: o.onProgress,
    onWarning: o.onWarning,
  });
  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      await run.stop();
      await redis.quit().catch(() => redis.disconnect());
    })());
  return { seed, start, model, run, close };
}
