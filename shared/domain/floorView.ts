import type { PauseReason } from '../events/callEvent';
import type { DayKey, EpochMs } from '../time';
import type { Callback, FloorState, ReasonCount, RepState, RepStatus } from './repState';
import { REP_STATUSES } from './repState';
import { TARGET_METRICS, type DailyTargets } from './targets';

/** One rep as the API and the browser see it (no per-call records). */
export interface RepView {
  id: string;
  name: string;
  team: string | null;
  status: RepStatus;
  pauseReason: PauseReason | null;
  statusSince: EpochMs;
  currentCall: string | null;
  callAnsweredAt: EpochMs | null;
  dials: number;
  connects: number;
  effectiveCalls: number;
  talkSeconds: number;
  wrapupSeconds: number;
  pauseSeconds: number;
  loggedInSeconds: number;
  leads: number;
  deals: number;
  revenue: number;
  /** The rep's most frequent refusal reasons today (at most VIEW_REASONS), most frequent first. */
  refusals: readonly ReasonCount[];
  /** The soonest call-backs (at most VIEW_CALLBACKS), those of unknown time last. */
  callbacks: readonly Callback[];
  /** All of the rep's call-backs today (the list above is the head of them). */
  callbackCount: number;
  /** Outcomes counted today with a detail the source left out. */
  missingDetails: number;
  /** Leads this rep handed off that closed won today, and their amounts (beside `revenue`, not in it). */
  handoffsWon: number;
  handoffRevenue: number;
  targets: DailyTargets;
  version: number;
}

/** Sums over a set of reps (a team or the floor). */
export interface Totals {
  reps: number;
  byStatus: Record<RepStatus, number>;
  dials: number;
  connects: number;
  effectiveCalls: number;
  talkSeconds: number;
  leads: number;
  deals: number;
  revenue: number;
  /** Sum of the daily targets of the reps counted. */
  targets: DailyTargets;
}

export interface TeamView {
  id: string;
  totals: Totals;
}

export interface FloorView {
  day: DayKey | null;
  reps: RepView[];
  teams: TeamView[];
  totals: Totals;
}

/** Closed status time plus the open segment, in whole seconds. */
function statusSeconds(rep: RepState, statuses: readonly RepStatus[], at: EpochMs): number {
  let ms = 0;
  for (const s of statuses) ms += rep.statusMs[s];
  if (statuses.includes(rep.status)) ms += Math.max(0, at - rep.statusSince);
  return Math.floor(ms / 1000);
}

const LOGGED_IN: readonly RepStatus[] = REP_STATUSES.filter((s) => s !== 'offline');

/** How many refusal reasons and call-backs a rep's view carries: a view costs O(this), not O(day). */
export const VIEW_REASONS = 20;
export const VIEW_CALLBACKS = 20;

/**
 * The wire view of a rep. Status times are closed segments up to `asOf` (the time of the
 * rep's last change), so the view only changes when an event arrives, never by the clock.
 */
export function toRepView(rep: RepState, targets: DailyTargets): RepView {
  const asOf = rep.statusSince;
  return {
    id: rep.id,
    name: rep.name,
    team: rep.team,
    status: rep.status,
    pauseReason: rep.pauseReason,
    statusSince: rep.statusSince,
    currentCall: rep.currentCall,
    callAnsweredAt: rep.callAnsweredAt,
    dials: rep.dials,
    connects: rep.connects,
    effectiveCalls: rep.effectiveCalls,
    talkSeconds: Math.floor(rep.talkMs / 1000),
    wrapupSeconds: statusSeconds(rep, ['wrapup'], asOf),
    pauseSeconds: statusSeconds(rep, ['paused'], asOf),
    loggedInSeconds: statusSeconds(rep, LOGGED_IN, asOf),
    leads: rep.leads,
    deals: rep.deals,
    revenue: rep.revenue,
    refusals: rep.refusalRanking.first(VIEW_REASONS).map(([, reason]) => reason),
    callbacks: rep.callbacks.first(VIEW_CALLBACKS).map(([, callback]) => callback),
    callbackCount: rep.callbacks.size,
    missingDetails: rep.missingDetails,
    handoffsWon: rep.handoffsWon,
    handoffRevenue: rep.handoffRevenue,
    targets,
    version: rep.version,
  };
}

export function emptyTotals(): Totals {
  return {
    reps: 0,
    byStatus: { offline: 0, available: 0, dialing: 0, on_call: 0, wrapup: 0, paused: 0 },
    dials: 0,
    connects: 0,
    effectiveCalls: 0,
    talkSeconds: 0,
    leads: 0,
    deals: 0,
    revenue: 0,
    targets: { dials: 0, effectiveCalls: 0, talkMinutes: 0, leads: 0, deals: 0, revenue: 0 },
  };
}

/** Adds (sign 1) or removes (sign -1) a rep's figures, so totals can follow changes incrementally. */
export function accumulate(totals: Totals, rep: RepView, sign: 1 | -1 = 1): void {
  totals.reps += sign;
  totals.byStatus[rep.status] += sign;
  totals.dials += sign * rep.dials;
  totals.connects += sign * rep.connects;
  totals.effectiveCalls += sign * rep.effectiveCalls;
  totals.talkSeconds += sign * rep.talkSeconds;
  totals.leads += sign * rep.leads;
  totals.deals += sign * rep.deals;
  // Cents, so that adding and removing thousands of times never drifts.
  totals.revenue = Math.round((totals.revenue + sign * rep.revenue) * 100) / 100;
  for (const key of TARGET_METRICS)
    totals.targets[key] = Math.round((totals.targets[key] + sign * rep.targets[key]) * 100) / 100;
}

const addToTotals = (totals: Totals, rep: RepView) => accumulate(totals, rep, 1);

/** Floor and team totals from rep views; teamless reps count on the floor only. */
export function summarize(reps: readonly RepView[]): { teams: TeamView[]; totals: Totals } {
  const totals = emptyTotals();
  const teams = new Map<string, Totals>();
  for (const rep of reps) {
    addToTotals(totals, rep);
    if (rep.team === null) continue;
    let team = teams.get(rep.team);
    if (!team) teams.set(rep.team, (team = emptyTotals()));
    addToTotals(team, rep);
  }
  return {
    totals,
    teams: [...teams.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([id, t]) => ({ id, totals: t })),
  };
}

/** The whole floor as the API returns it, reps ordered by team then name. */
export function toFloorView(state: FloorState, targetsFor: (rep: RepState) => DailyTargets): FloorView {
  const reps = [...state.reps.values()].map((rep) => toRepView(rep, targetsFor(rep))).sort(byTeamThenName);
  return { day: state.day, reps, ...summarize(reps) };
}

export function byTeamThenName(a: RepView, b: RepView): number {
  // Teamless reps last (a '~' sentinel would not do: localeCompare sorts punctuation before letters).
  const teamless = Number(a.team === null) - Number(b.team === null);
  return (
    teamless || (a.team ?? '').localeCompare(b.team ?? '') || a.name.localeCompare(b.name) || a.id.localeCompare(b.id)
  );
}

/**
 * A rep row for whole-floor and team feeds: call-backs and refusal reasons are the rep's own
 * page's business (and most of a row's bytes), so those feeds send them empty.
 */
export function forBoard(rep: RepView): RepView {
  if (rep.callbacks.length === 0 && rep.refusals.length === 0) return rep;
  return { ...rep, callbacks: [], refusals: [] };
}
