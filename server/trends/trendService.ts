import type { Ack } from '../../shared/contracts/socket';
import { campaignDay } from '../../shared/domain/campaignTrends';
import type { FoldRules } from '../../shared/domain/callRecord';
import { startOfDay } from '../../shared/domain/day';
import { addDays } from '../../shared/domain/leaderboard';
import type { Shift } from '../../shared/domain/targets';
import {
  buildTrends,
  sumTrends,
  type FunnelStep,
  withOpenStatuses,
  type DayTrend,
  type TrendQuery,
  type TrendsResponse,
} from '../../shared/domain/trends';
import type { Viewer } from '../../shared/domain/viewer';
import type { Clock, DayKey, EpochMs } from '../../shared/time';
import type { FloorService } from '../floor/floorService';
import type { TrendRecorder } from './trendRecorder';
import type { TrendRepo } from '../redis/trendRepo';

export interface TrendService {
  get(viewer: Viewer, query: TrendQuery): Promise<Ack<TrendsResponse>>;
}

const ZERO_FUNNEL: Record<FunnelStep, number> = { dials: 0, connects: 0, effectiveCalls: 0, leads: 0, deals: 0 };

/** A past day's buckets are re-read after this (the demo's history seeding may add them late). */
const PAST_DAY_TTL_MS = 5 * 60_000;

/**
 * Trends are for the people who run the floor: supervisors and wallboards see the floor or any
 * team; a lead the floor or their own team (403 for another); reps are refused (their page shows
 * their own progress, not floor analytics).
 */
function refusal(viewer: Viewer, team: string | null): string | null {
  if (viewer.kind === 'kiosk' || viewer.role === 'supervisor') return null;
  if (viewer.role === 'rep') return 'trends are for supervisors and team leads';
  return team === null || team === viewer.team ? null : 'a lead sees the floor and their own team';
}

export function createTrendService(deps: {
  floor: Pick<FloorService, 'view' | 'state'>;
  rules: FoldRules;
  recorder: Pick<TrendRecorder, 'day' | 'trend'>;
  repo: Pick<TrendRepo, 'load'>;
  localTime: { dayOf: (at: EpochMs) => DayKey; minuteOfDay: (at: EpochMs) => number };
  clock: Clock;
  shift: Shift;
  /** A campaign's targets for today (floor-wide): its revenue target draws the campaign's pace line. */
  campaignTargetOf?: (campaign: string) => { revenue: number | null } | null;
}): TrendService {
  const past = new Map<DayKey, { teams: Map<string, DayTrend>; loadedAt: EpochMs }>();

  async function lastWeek(day: DayKey, team: string | null, now: EpochMs) {
    const weekAgo = addDays(day, -7);
    let hit = past.get(weekAgo);
    if (!hit || now - hit.loadedAt >= PAST_DAY_TTL_MS) {
      hit = { teams: await deps.repo.load(weekAgo), loadedAt: now };
      past.clear();
      past.set(weekAgo, hit);
    }
    if (hit.teams.size === 0) return null;
    const trends = team === null ? [...hit.teams.values()] : [hit.teams.get(team)].filter((t) => t !== undefined);
    return { day: weekAgo, trend: sumTrends(trends) };
  }

  return {
    async get(viewer, query) {
      const refused = refusal(viewer, query.team ?? null);
      if (refused) return { ok: false, status: 403, error: refused };
      // One campaign's calls are counted from the reps who made them: a lead's, their team's only
      // (as GET /api/campaigns); a supervisor or wallboard the floor's or the team asked for.
      const campaign = query.campaign ?? null;
      const team =
        campaign !== null && viewer.kind === 'user' && viewer.role === 'lead' ? viewer.team : (query.team ?? null);
      const now = deps.clock();
      const today = deps.localTime.dayOf(now);
      const view = deps.floor.view(team === null ? { kind: 'floor' } : { kind: 'team', team });
      // Before the first event of a new day the recorder still holds yesterday: show an empty day.
      const live = deps.recorder.day() === today && view.day === today;
      const recorded = live ? deps.recorder.trend(team) : sumTrends([]);
      const reps = live ? view.reps : [];
      const trend = withOpenStatuses(
        recorded,
        reps,
        startOfDay(now, deps.localTime.dayOf),
        now,
        deps.localTime.minuteOfDay,
      );
      const totals = live
        ? view.totals
        : { ...view.totals, dials: 0, connects: 0, effectiveCalls: 0, leads: 0, deals: 0 };
      const base = { day: today, team, now, nowMinute: deps.localTime.minuteOfDay(now), shift: deps.shift };
      if (campaign !== null) {
        // Counted on demand from the fold's call records (O(calls of the campaign's reps)); the
        // status mix stays the scope's reps' time (see TrendsResponse.campaign).
        const mine = live
          ? campaignDay({ floor: deps.floor.state(), rules: deps.rules, team, campaign, ...deps.localTime })
          : { trend: sumTrends([]), funnel: ZERO_FUNNEL, refusals: new Map<string, number>() };
        const refusals = [...mine.refusals].map(([reason, count]) => ({ reason, count }));
        // A campaign's target is the floor's: a team's share of it is not defined, so no pace line.
        const revenue = team === null ? (deps.campaignTargetOf?.(campaign)?.revenue ?? 0) : 0;
        const value = buildTrends({
          ...{ ...base, campaign, lastWeek: null, reps: [{ refusals }] },
          today: { ...mine.trend, statusMs: trend.statusMs },
          totals: { ...mine.funnel, targets: { ...totals.targets, revenue } },
        });
        return { ok: true, value };
      }
      const value = buildTrends({
        ...base,
        today: trend,
        lastWeek: await lastWeek(today, team, now),
        reps,
        totals,
      });
      return { ok: true, value };
    },
  };
}
