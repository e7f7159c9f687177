import type { CallEvent } from '../../shared/events/callEvent';
import { contribution, type FoldRules } from '../../shared/domain/fold';
import type { CallRecord } from '../../shared/domain/callBook';
import { callCountedAt } from '../../shared/domain/campaignTrends';
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
  /** Records what one quarter-hour run of events changed (see foldByQuarterHour). */
  record(before: FloorState, after: FloorState, run: readonly CallEvent[]): void;
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
 * Buckets today's activity by local quarter hour; it is told what each quarter-hour run of events
 * changed and never folds or decides the floor's state itself.
 * Counters: a call's dial, connect and revenue go to the quarter hour of its dial (of its earliest
 * known event when the dial is missing), whatever order its events arrive in: a run adds the
 * difference between the call's contribution after and before it, taken from the fold's own call
 * records, so the buckets sum to the fold's totals and re-delivered events add nothing.
 * Status time: a run's closed time per status (from statusMs) covers [statusSince - total,
 * statusSince]; the status held before the run is placed first up to the rep's first event in
 * the run, the rest is spread evenly over what is left (approximate inside one run only, which
 * is at most one quarter hour of events). Events of the old day in a batch that crosses midnight
 * are not bucketed.
 */

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

  /**
   * The quarter hour a call's counters belong to: its dial's, else its earliest known event's, a
   * function of the record alone, so a run takes a call out of the very bucket an earlier run put
   * it in (a dial arriving after its outcome moves the call, it does not leave a copy behind).
   */
  function callBucket(call: CallRecord, fallback: EpochMs): number {
    return bucketOfMinute(minuteOfDay(callCountedAt(call) ?? fallback));
  }

  function addCall(trend: DayTrend, call: CallRecord, fallback: EpochMs, sign: 1 | -1): void {
    const bucket = callBucket(call, fallback);
    const c = contribution(call, deps.rules);
    trend.dials[bucket]! += sign * c.dials;
    trend.connects[bucket]! += sign * c.connects;
    trend.revenue[bucket] = Math.round((trend.revenue[bucket]! + sign * c.revenue) * 100) / 100;
  }

  function diff(before: FloorState, after: FloorState, run: readonly CallEvent[]): void {
    if (after.day !== day) {
      if (day !== null && teams.size > 0) closed.push({ day, teams });
      [day, teams] = [after.day, new Map()];
    }
    const sameDay = before.day === after.day;
    const firstAt = new Map<string, EpochMs>();
    const calls = new Map<string, Set<string>>();
    for (const e of run) {
      firstAt.set(e.rep, Math.min(e.at, firstAt.get(e.rep) ?? e.at));
      if ('call' in e && e.type !== 'lead.handoff')
        (calls.get(e.rep) ?? calls.set(e.rep, new Set()).get(e.rep)!).add(e.call);
    }
    for (const [id, at] of firstAt) {
      const rep = after.reps.get(id);
      const old = before.reps.get(id);
      if (!rep || rep === old) continue;
      const prior = sameDay ? old : undefined;
      const trend = teamTrend(rep.team);
      for (const callId of calls.get(id) ?? []) {
        const now = rep.calls.get(callId);
        const was = prior?.calls.get(callId);
        if (now === was) continue;
        if (was) addCall(trend, was, at, -1);
        if (now) addCall(trend, now, at, 1);
      }
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
    record(before, after, run) {
      if (after.reps !== before.reps && run.length > 0) diff(before, after, run);
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
