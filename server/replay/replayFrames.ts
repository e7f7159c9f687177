import type { Redis } from 'ioredis';
import type { FoldRules } from '../../shared/domain/fold';
import type { FloorState } from '../../shared/domain/repState';
import type { StreamId } from '../../shared/streamId';
import { MINUTE_MS, type DayKey, type EpochMs } from '../../shared/time';
import { dayStartAt, type DayReplay } from '../days/dayReplay';
import type { RedisKeys } from '../redis/keys';

/** Keyframes this far apart: a scrub folds at most this much stream past the one before it. */
export const FRAME_MS = 15 * MINUTE_MS;

export interface ReplayFrames {
  /**
   * The floor at `at`: the day replay's fold up to `at`, from the keyframe at or before it.
   * Requests for the same moment while one is folding share it.
   */
  stateAt(at: EpochMs): Promise<FloorState>;
}

interface DayFrames {
  dayStart: EpochMs;
  start: Promise<{ state: FloorState; from: StreamId }>;
  /** Keyframes the stream has moved past (final), and those being folded; by boundary time. */
  frames: Map<EpochMs, Promise<FloorState>>;
}

/**
 * Floor replay over the day replay (server/days/dayReplay.ts): keyframes every FRAME_MS of the
 * days being scrubbed, in memory for at most `days` days (least recently used goes first), so that
 * scrubbing costs at most FRAME_MS of stream per answer. Read-only.
 */
export function createReplayFrames(deps: {
  dayReplay: Pick<DayReplay, 'startOf' | 'foldUntil'>;
  redis: Redis;
  keys: Pick<RedisKeys, 'events'>;
  rules: Pick<FoldRules, 'dayOf'>;
  days?: number;
}): ReplayFrames {
  const maxDays = deps.days ?? 2;
  const byDay = new Map<DayKey, DayFrames>();
  const inFlight = new Map<EpochMs, Promise<FloorState>>();

  function framesOf(day: DayKey): DayFrames {
    let entry = byDay.get(day);
    if (entry) {
      byDay.delete(day); // most recently used last
    } else {
      const start = deps.dayReplay.startOf(day);
      entry = { dayStart: dayStartAt(day, deps.rules.dayOf), start, frames: new Map() };
      start.catch(() => byDay.get(day) === entry && byDay.delete(day));
    }
    byDay.set(day, entry);
    while (byDay.size > maxDays) byDay.delete(byDay.keys().next().value!);
    return entry;
  }

  /** The fold up to `boundary`, from the keyframe before it (built on the way, if need be). */
  function frameAt(day: DayFrames, boundary: EpochMs, settled: EpochMs): Promise<FloorState> {
    const known = day.frames.get(boundary);
    if (known) return known;
    const folding = (async () => {
      const { state, from } = await day.start;
      const before = boundary <= day.dayStart ? state : await frameAt(day, boundary - FRAME_MS, settled);
      return deps.dayReplay.foldUntil(before, from, boundary);
    })();
    day.frames.set(boundary, folding);
    // Kept only once Redis holds a later entry (ids only grow: nothing can join the frame), and
    // only while it folds otherwise; a failed fold is forgotten.
    folding.then(
      () => boundary < settled || day.frames.get(boundary) !== folding || day.frames.delete(boundary),
      () => day.frames.get(boundary) === folding && day.frames.delete(boundary),
    );
    return folding;
  }

  async function fold(at: EpochMs): Promise<FloorState> {
    const day = framesOf(deps.rules.dayOf(at));
    const [newest] = await deps.redis.xrevrange(deps.keys.events, '+', '-', 'COUNT', 1);
    const settled = newest ? Number(newest[0].split('-')[0]) : 0;
    const boundary = day.dayStart + Math.floor((at - day.dayStart) / FRAME_MS) * FRAME_MS;
    const frame = await frameAt(day, boundary, settled);
    if (boundary === at) return frame;
    const { from } = await day.start;
    return deps.dayReplay.foldUntil(frame, from, at);
  }

  return {
    stateAt(at) {
      const shared = inFlight.get(at);
      if (shared) return shared;
      const folding = fold(at);
      inFlight.set(at, folding);
      const done = () => void inFlight.delete(at);
      folding.then(done, done);
      return folding;
    },
  };
}
