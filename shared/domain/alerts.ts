import type { PauseReason } from '../events/callEvent';
import { MINUTE_MS, SECOND_MS, type DayKey, type EpochMs } from '../time';
import type { Alert, AlertSettings, AlertThresholds, GoodNews } from './alertTypes';
import type { RepView, Totals } from './floorView';
import { actualFor, pace, parseClockTime, shiftFraction, shiftMinuteOf, TARGET_METRICS, type Shift } from './targets';

/** A condition that holds now; the monitor turns it into an Alert with its lifecycle fields. */
export type ActiveCondition = Omit<Alert, 'raisedAt' | 'clearedAt' | 'ackBy' | 'ackAt'>;

export interface RosterEntry {
  rep: string;
  team: string | null;
  name?: string;
}

export interface AlertContext {
  now: EpochMs;
  /** Local minute of the day (fractions allowed, see preciseMinute). */
  localMinute: number;
  day: DayKey;
  shift: Shift;
  /** Reps expected on today's shift (for not_logged_in). */
  roster: readonly RosterEntry[];
  /**
   * Day the rep views belong to. Until the first event of a new day the fold still holds
   * yesterday's reps, whose counters say nothing about today: day rules then treat everyone
   * as not logged in today and skip pace. Omitted: the views are today's.
   */
  repsDay?: DayKey | null;
}

/** A team's thresholds: its overrides over the floor's, pause allowances merged per reason. */
export function thresholdsFor(settings: AlertSettings, team: string | null): AlertThresholds {
  const overrides = team === null ? undefined : settings.teams[team];
  if (!overrides) return settings.floor;
  const merged: AlertThresholds = { ...settings.floor, pauseMinutes: { ...settings.floor.pauseMinutes } };
  for (const [key, value] of Object.entries(overrides) as [keyof AlertThresholds, unknown][]) {
    if (value === undefined) continue;
    if (key === 'pauseMinutes') Object.assign(merged.pauseMinutes, value);
    else (merged as unknown as Record<string, unknown>)[key] = value;
  }
  return merged;
}

/**
 * The instant a local minute of today began, from `now` and its local minute. Zone offsets are
 * whole minutes, so local minute boundaries are UTC minute boundaries and this is exact: every
 * evaluation (and every instance) gets the same `since` for a day rule.
 */
function instantOfMinute(now: EpochMs, localMinute: number, minute: number): EpochMs {
  return Math.floor(now / MINUTE_MS) * MINUTE_MS - (Math.floor(localMinute) - minute) * MINUTE_MS;
}

interface TeamRules {
  t: AlertThresholds;
  paceAfter: number;
}

/**
 * Every alert condition that holds at `ctx.now`: a pure function of the floor, the settings and
 * the time, so a synthetic clock tests it and every server instance computes the same ids.
 * "Longer than X" holds from X on (at the threshold, not one ms before). One pass over the reps.
 */
export function evaluateAlerts(
  reps: readonly RepView[],
  ctx: AlertContext,
  settings: AlertSettings,
): ActiveCondition[] {
  const { now, localMinute, day, shift } = ctx;
  const teamRules = new Map<string | null, TeamRules>();
  const rulesOf = (team: string | null): TeamRules => {
    let r = teamRules.get(team);
    if (!r) {
      const t = thresholdsFor(settings, team);
      const after = parseClockTime(t.behindPaceAfter);
      teamRules.set(team, (r = { t, paceAfter: after === null ? Infinity : shiftMinuteOf(shift, after) }));
    }
    return r;
  };
  const today = ctx.repsDay === undefined || ctx.repsDay === day;
  const inShift = localMinute >= shift.startMinute && localMinute < shift.endMinute;
  const fraction = shiftFraction(shift, localMinute);
  const out: ActiveCondition[] = [];
  const base = (rep: RepView) => ({ rep: rep.id, repName: rep.name || rep.id, team: rep.team });

  for (const rep of reps) {
    const { t, paceAfter } = rulesOf(rep.team);
    const inStatus = now - rep.statusSince;
    if (rep.status === 'on_call' && rep.callAnsweredAt !== null) {
      if (now - rep.callAnsweredAt >= t.longCallMinutes * MINUTE_MS)
        out.push(statusAlert('long_call', rep, 'critical', null, rep.callAnsweredAt));
    } else if (rep.status === 'wrapup') {
      if (inStatus >= t.longWrapupSeconds * SECOND_MS) out.push(statusAlert('long_wrapup', rep, 'warning', null));
    } else if (rep.status === 'paused') {
      const reason: PauseReason = rep.pauseReason ?? 'other';
      const allowance = t.pauseMinutes[reason] * MINUTE_MS;
      // Past twice the allowance the same alert turns critical (one alert, severity updated).
      if (inStatus >= allowance)
        out.push(statusAlert('long_pause', rep, inStatus >= 2 * allowance ? 'critical' : 'warning', reason));
    } else if (rep.status === 'available') {
      if (inStatus >= t.idleMinutes * MINUTE_MS) out.push(statusAlert('idle', rep, 'warning', null));
    }
    if (today && inShift && rep.status !== 'offline' && localMinute >= paceAfter) {
      const p = pace(rep.dials, rep.targets.dials, fraction);
      if (p !== null && p < 1 - t.behindPacePercent / 100) {
        const since = instantOfMinute(now, localMinute, paceAfter);
        out.push({
          id: `behind_pace:${rep.id}:${day}`,
          rule: 'behind_pace',
          severity: 'warning',
          since,
          detail: `${Math.round(p * 100)}%`,
          ...base(rep),
        });
      }
    }
  }

  if (inShift) {
    const byId = new Map<string, RepView>();
    for (const rep of reps) byId.set(rep.id, rep);
    for (const entry of ctx.roster) {
      const view = byId.get(entry.rep);
      const team = view?.team ?? entry.team;
      const due = shift.startMinute + rulesOf(team).t.notLoggedInMinutes;
      if (localMinute < due) continue;
      const absent = !view || (view.status === 'offline' && (!today || view.loggedInSeconds === 0));
      if (!absent) continue;
      out.push({
        id: `not_logged_in:${entry.rep}:${day}`,
        rule: 'not_logged_in',
        severity: 'critical',
        rep: entry.rep,
        repName: entry.name ?? view?.name ?? entry.rep,
        team,
        since: instantOfMinute(now, localMinute, due),
        detail: null,
      });
    }
  }
  return out;
}

/** A rule about the rep's current status (or call): one alert per status spell, named by its start. */
function statusAlert(
  rule: 'long_call' | 'long_wrapup' | 'long_pause' | 'idle',
  rep: RepView,
  severity: Alert['severity'],
  detail: string | null,
  since: EpochMs = rep.statusSince,
): ActiveCondition {
  const id = `${rule}:${rep.id}:${since}`;
  return { id, rule, severity, rep: rep.id, repName: rep.name || rep.id, team: rep.team, since, detail };
}

/** A sale, and every daily target a rep crossed from below, between two views of the rep. */
export function detectGoodNews(before: RepView | undefined, after: RepView, at: EpochMs): GoodNews[] {
  const who = { rep: after.id, repName: after.name || after.id, team: after.team };
  const news: GoodNews[] = [];
  const deals = before?.deals ?? 0;
  if (after.deals > deals) {
    const amount = Math.round((after.revenue - (before?.revenue ?? 0)) * 100) / 100;
    news.push({ id: `sale:${after.id}:${after.deals}`, kind: 'sale', ...who, amount, metric: null, at });
  }
  const was = before ? actualFor(before) : null;
  const now = actualFor(after);
  for (const metric of TARGET_METRICS) {
    const target = after.targets[metric];
    if (target > 0 && (was?.[metric] ?? 0) < target && now[metric] >= target) {
      news.push({
        id: `rep_target:${after.id}:${metric}:${target}`,
        kind: 'rep_target',
        ...who,
        amount: target,
        metric,
        at,
      });
    }
  }
  return news;
}

/** The floor reaching its deals or revenue target (the sum of the counted reps' targets). */
export function floorGoodNews(before: Totals, after: Totals, at: EpochMs): GoodNews[] {
  const news: GoodNews[] = [];
  for (const metric of ['deals', 'revenue'] as const) {
    const target = after.targets[metric];
    if (target > 0 && before[metric] < target && after[metric] >= target) {
      news.push({
        id: `floor_target:${metric}:${target}`,
        kind: 'floor_target',
        rep: null,
        repName: null,
        team: null,
        amount: target,
        metric,
        at,
      });
    }
  }
  return news;
}
