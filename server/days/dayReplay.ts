import type { Redis } from 'ioredis';
import { startOfDay } from '../../shared/domain/day';
import { endDay, type FoldRules } from '../../shared/domain/fold';
import { foldByQuarterHour } from '../../shared/domain/quarterHourRuns';
import { emptyFloor, type FloorState } from '../../shared/domain/repState';
import type { CallEvent } from '../../shared/events/callEvent';
import { parseCallEvent } from '../../shared/events/parseCallEvent';
import type { StreamId } from '../../shared/streamId';
import { HOUR_MS, MINUTE_MS, type DayKey, type EpochMs } from '../../shared/time';
import { createRepAdmission } from '../ingest/repAdmission';
import { readBoundedRange } from '../redis/boundedStream';
import { MAX_STRINGS, MAX_VALUE_BYTES, oversize, PAGE_BYTES } from '../redis/callEventStream';
import type { RedisKeys } from '../redis/keys';
import type { StreamArchive } from '../redis/streamArchive';

/**
 * The floor as it was: the same fold the live floor runs, over the retained stream (issue #17:
 * review, closed-loop coaching, replay). A past day is folded the way a cold start folds today
 * (from the previous day with entries, so reps still logged in carry over), with the same rep cap
 * and the same refusals (what the live reader dead-lettered is skipped here), so the result equals
 * what the live floor held, not a second opinion. Read-only: nothing is written, nothing published.
 */
export interface DayReplay {
  /** An empty floor dated to the day before `day` that has entries, and the entry to fold from. */
  startOf(day: DayKey): Promise<{ state: FloorState; from: StreamId }>;
  /**
   * Folds the entries after `state.lastId` (or `from`) that Redis accepted at or before `until`,
   * page by page (the event loop breathes between pages). `onRun` sees each quarter-hour run as
   * foldByQuarterHour gives it; returning false stops the fold before that run is kept.
   */
  foldUntil(
    state: FloorState,
    from: StreamId,
    until: EpochMs,
    onRun?: (before: FloorState, after: FloorState, run: readonly CallEvent[]) => boolean | void,
  ): Promise<FloorState>;
  /** The floor at `at`: the fold of the stream up to `at`, from the start of `at`'s business day. */
  stateAt(at: EpochMs): Promise<FloorState>;
  /**
   * A business day closed at its end (endDay at the next day's start), as the live floor saved it
   * when the day ended; for today, the day so far closed at `now`. Null when the stream no longer
   * holds the day. Closed days are cached (a few: each holds a whole floor's day).
   */
  dayState(day: DayKey, now: EpochMs): Promise<FloorState | null>;
}

export interface DayReplayDeps {
  redis: Redis;
  keys: Pick<RedisKeys, 'events'>;
  archive: Pick<StreamArchive, 'lastEntryBefore'>;
  rules: FoldRules;
  maxReps: number;
  /** As the live reader (FLOORBOARD_MAX_TS_AHEAD_MINUTES): what it refused is refused here too. */
  maxTsAheadMs?: number;
  /** Closed days kept in memory. */
  cacheDays?: number;
}

/** Entries read at a time (the live reader's bounds per entry and page apply: what it refused is refused here too). */
const PAGE_ENTRIES = 5000;

export function createDayReplay(deps: DayReplayDeps): DayReplay {
  const { rules } = deps;
  const cache = new Map<DayKey, FloorState>();
  const cacheDays = deps.cacheDays ?? 3;

  async function startOf(day: DayKey) {
    const dayStart = dayStartAt(day, rules.dayOf);
    const last = await deps.archive.lastEntryBefore(dayStart - 15 * MINUTE_MS);
    const from = last === null ? dayStart : startOfDay(Number(last.split('-')[0]), rules.dayOf);
    return { state: { ...emptyFloor(), day: rules.dayOf(from) }, from: `${from - 15 * MINUTE_MS}-0` as StreamId };
  }

  async function foldUntil(
    state: FloorState,
    from: StreamId,
    until: EpochMs,
    onRun?: (before: FloorState, after: FloorState, run: readonly CallEvent[]) => boolean | void,
  ): Promise<FloorState> {
    let cursor = state.lastId ?? from;
    const admission = createRepAdmission({ cap: deps.maxReps, reps: () => state.reps });
    for (;;) {
      const page = await readBoundedRange(deps.redis, deps.keys.events, {
        start: `(${cursor}`,
        end: `${until}`,
        count: PAGE_ENTRIES,
        maxChars: MAX_VALUE_BYTES,
        maxStrings: MAX_STRINGS,
        maxBytes: PAGE_BYTES,
      });
      if (page.entries.length === 0) return state;
      const events: CallEvent[] = [];
      const admit = admission.batch();
      for (const entry of page.entries) {
        if (oversize(entry) !== null) continue;
        const parsed = parseCallEvent(entry.id, entry.fields, deps.maxTsAheadMs);
        if (!parsed.ok) continue;
        if (parsed.event.type !== 'list.loaded' && !admit(parsed.event.rep)) continue;
        events.push(parsed.event);
      }
      let stopped = false;
      const next = foldByQuarterHour(state, events, rules, (before, after, run) => {
        if (stopped) return;
        if (onRun?.(before, after, run) === false) stopped = true;
        else state = after;
      });
      if (stopped) return state;
      state = next;
      cursor = page.entries[page.entries.length - 1]!.id;
    }
  }

  return {
    startOf,
    foldUntil,
    async stateAt(at) {
      const { state, from } = await startOf(rules.dayOf(at));
      return foldUntil(state, from, at);
    },
    async dayState(day, now) {
      const hit = cache.get(day);
      if (hit) return hit;
      const dayEnd = dayStartAt(nextDay(day), rules.dayOf);
      const { state: start, from } = await startOf(day);
      // Late entries of the day can arrive after it ended; the live fold skipped those that came
      // after the first entry of the next day, so the fold stops at that entry (not at midnight).
      let closed: FloorState | null = null;
      let held = false;
      const folded = await foldUntil(start, from, Number.MAX_SAFE_INTEGER, (before, after, run) => {
        if (before.day === day && after.day !== day) {
          closed = before;
          return false;
        }
        if (after.day === day && rules.dayOf(run[0]!.at) === day) held = true;
        return undefined;
      });
      const last: FloorState = closed ?? folded;
      if (!held || last.day !== day) return null;
      const state = endDay(last, Math.min(now, dayEnd), rules);
      // Only a day the stream has moved past is final: before that, late entries still count.
      if (closed === null) return state;
      cache.set(day, state);
      while (cache.size > cacheDays) cache.delete(cache.keys().next().value!);
      return state;
    },
  };
}

/** The first instant of a business day (the zone's day start on that date). */
export function dayStartAt(day: DayKey, dayOf: (at: EpochMs) => DayKey): EpochMs {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const midnightUtc = Date.UTC(y, m - 1, d);
  // Zones run from UTC-12 to UTC+14 and a day may start up to a day late: scan hourly for an
  // instant of the day, then find where it starts.
  for (let at = midnightUtc - 14 * HOUR_MS; at < midnightUtc + 38 * HOUR_MS; at += HOUR_MS) {
    if (dayOf(at) === day) return startOfDay(at, dayOf);
  }
  throw new Error(`no instant belongs to business day ${day}`);
}

function nextDay(day: DayKey): DayKey {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
}
