import type { CallEvent } from '../../shared/events/callEvent';
import { foldCallEvents, type FoldRules } from '../../shared/domain/fold';
import type { FloorState, RepState, RepStatus } from '../../shared/domain/repState';
import {
  addStatusSpan,
  bucketOfMinute,
  emptyDayTrend,
  MIX_STATUSES,
  sumTrends,
  type DayTrend,
  type MixStatus,
} from '../../shared/domain/trends';
import type { DayKey, EpochMs } from '../../shared/time';

/** Key of the teamless reps' trend (not a valid team id, so it never clashes). */
export const NO_TEAM = '~';

export interface TrendRecorder {
  /**
   * Records what `events` change on top of `before` (the floor state the floor service applies
   * them to) and returns the state after them, equal to the floor service's.
   */
  record(before: FloorState, events: readonly CallEvent[]): FloorState;
  /** The local day being recorded. */
  day(): DayKey | null;
  /** Today's buckets of a team, or the floor's (null). */
  trend(team: string | null): DayTrend;
  /** Today's buckets by team key, for a checkpoint. */
  today(): ReadonlyMap<string, DayTrend>;
  /** Starts from a checkpoint's buckets (before any batch is recorded). */
  restore(day: DayKey, teams: ReadonlyMap<string, DayTrend>): void;
  /** Saves days that ended (once) and today's buckets so far. */
  save(repo: { save(day: DayKey, teams: ReadonlyMap<string, DayTrend>): Promise<void> }): Promise<void>;
}

/**
 * Buckets today's activity by local quarter hour. The batch is folded again in runs of events of
 * one quarter hour, and each run's counter increases go to that quarter hour: the fold decides
 * what counts (re-delivered events add nothing), so the buckets sum to the fold's totals.
 * Status time: a run's closed time per status (from statusMs) covers [statusSince - total,
 * statusSince]; the status held before the run is placed first up to the rep's first event in
 * the run, the rest is spread evenly over what is left (approximate inside one run only, which
 * is at most one quarter hour of events). Events of the old day in a batch that crosses midnight
 * are not bucketed.
 */
const QUARTER_HOUR_MS = 15 * 60_000;

export function createTrendRecorder(deps: {
  rules: FoldRules;
  localTime: { dayOf: (at: EpochMs) => DayKey; minuteOfDay: (at: EpochMs) => number };
}): TrendRecorder {
  const { minuteOfDay } = deps.localTime;
  let day: DayKey | null = null;
  let teams = new Map<string, DayTrend>();
  const closed: { day: DayKey; teams: Map<string, DayTrend> }[] = [];

  const teamTrend = (team: string | null) => {
    const key = team ?? NO_TEAM;
    let trend = teams.get(key);
    if (!trend) teams.set(key, (trend = emptyDayTrend()));
    return trend;
  };

  function diff(before: FloorState, after: FloorState, run: readonly CallEvent[]): void {
    if (after.day !== day) {
      if (day !== null && teams.size > 0) closed.push({ day, teams });
      [day, teams] = [after.day, new Map()];
    }
    const sameDay = before.day === after.day;
    const bucket = bucketOfMinute(minuteOfDay(run[0]!.at));
    const firstAt = new Map<string, EpochMs>();
    for (const e of run) firstAt.set(e.rep, Math.min(e.at, firstAt.get(e.rep) ?? e.at));
    for (const [id, at] of firstAt) {
      const rep = after.reps.get(id);
      const old = before.reps.get(id);
      if (!rep || rep === old) continue;
      const prior = sameDay ? old : undefined;
      const trend = teamTrend(rep.team);
      trend.dials[bucket]! += rep.dials - (prior?.dials ?? 0);
      trend.connects[bucket]! += rep.connects - (prior?.connects ?? 0);
      trend.revenue[bucket] = Math.round((trend.revenue[bucket]! + rep.revenue - (prior?.revenue ?? 0)) * 100) / 100;
      spreadStatus(trend, rep, prior, old?.status ?? 'offline', at);
    }
  }

  function spreadStatus(trend: DayTrend, rep: RepState, prior: RepState | undefined, was: RepStatus, at: EpochMs) {
    const delta = { ...rep.statusMs };
    let total = 0;
    for (const s of Object.keys(delta) as RepStatus[]) total += delta[s] -= prior?.statusMs[s] ?? 0;
    if (total <= 0) return;
    const end = rep.statusSince;
    let from = end - total;
    const lead = Math.min(delta[was], Math.max(0, at - from));
    if (lead > 0) {
      if (was !== 'offline') addStatusSpan(trend, was, from, from + lead, minuteOfDay);
      delta[was] -= lead;
      from += lead;
    }
    const rest = end - from;
    if (rest <= 0) return;
    for (const s of MIX_STATUSES) {
      if (delta[s] > 0) addStatusSpan(trend, s as MixStatus, from, end, minuteOfDay, delta[s] / rest);
    }
  }

  return {
    record(before, events) {
      let state = before;
      let start = 0;
      // Every zone's offset is a whole number of quarter hours, so a local quarter hour (and so a
      // local day) never straddles a UTC quarter hour: the run key needs no time-zone lookup.
      const keyOf = (e: CallEvent) => Math.floor(e.at / QUARTER_HOUR_MS);
      for (let i = 1; i <= events.length; i++) {
        if (i < events.length && keyOf(events[i]!) === keyOf(events[start]!)) continue;
        const run = events.slice(start, i);
        const next = foldCallEvents(state, run, deps.rules);
        if (next.reps !== state.reps) diff(state, next, run);
        [state, start] = [next, i];
      }
      return state;
    },
    day: () => day,
    today: () => teams,
    restore(restoredDay, restored) {
      [day, teams] = [restoredDay, new Map(restored)];
    },
    trend: (team) => sumTrends(team === null ? teams.values() : [teams.get(team) ?? emptyDayTrend()]),
    async save(repo) {
      while (closed.length > 0) {
        await repo.save(closed[0]!.day, closed[0]!.teams);
        closed.shift();
      }
      if (day !== null && teams.size > 0) await repo.save(day, teams);
    },
  };
}
