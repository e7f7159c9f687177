import type { ReviewFigures, ReviewResponse, ReviewScope } from '../../shared/contracts/review';
import type { AlertSettings } from '../../shared/domain/alertTypes';
import { addDays } from '../../shared/domain/calendar';
import type { CallbackItem } from '../../shared/domain/callbacks';
import type { FoldRules } from '../../shared/domain/callRecord';
import type { RepView } from '../../shared/domain/floorView';
import type { HandoffItem } from '../../shared/domain/handoffs';
import type { FloorState } from '../../shared/domain/repState';
import {
  buildReview,
  hoursOfCalls,
  rankCounts,
  type ReviewCallbackItem,
  type ReviewDayInput,
  type ReviewRepDay,
} from '../../shared/domain/review';
import { preciseMinute, shiftFraction, type DailyTargets, type Shift } from '../../shared/domain/targets';
import type { Clock, DayKey, EpochMs } from '../../shared/time';
import type { DayReplay } from '../days/dayReplay';
import { dayStartAt } from '../days/dayReplay';
import type { FloorService } from '../floor/floorService';
import type { AlertRepo } from '../redis/alertRepo';
import type { CallbackRepo } from '../redis/callbackRepo';
import type { DayTotalsRepo } from '../redis/dayTotalsRepo';
import { SEP, type FeedbackRepo } from '../redis/feedbackRepo';
import type { HandoffRepo, HandoffScope } from '../redis/handoffRepo';

/** How many ledger items a review reads at most (open call-backs, handoffs of the period). */
const LEDGER_LIMIT = 5000;
/** Closed days whose folded rows are kept in memory (a fortnight: this week and last). */
const CLOSED_DAYS = 14;

export interface ReviewServiceDeps {
  floor: Pick<FloorService, 'state' | 'viewsOf'>;
  dayReplay: Pick<DayReplay, 'dayState'>;
  dayTotals: Pick<DayTotalsRepo, 'load'>;
  targetsFor: (rep: { id: string; team: string | null }) => DailyTargets;
  callbacks: Pick<CallbackRepo, 'get' | 'listOpen'>;
  handoffs: Pick<HandoffRepo, 'windowLeads' | 'getMany'>;
  alerts: Pick<AlertRepo, 'load'>;
  alertSettings: () => AlertSettings;
  feedback: Pick<FeedbackRepo, 'counts'>;
  rules: FoldRules;
  localTime: { dayOf: (at: EpochMs) => DayKey; minuteOfDay: (at: EpochMs) => number };
  shift: Shift;
  graceMinutes: number;
  clock: Clock;
}

export interface ReviewRequest {
  kind: 'day' | 'week';
  /** The day, or the week's Monday. */
  from: DayKey;
  scope: ReviewScope;
}

export interface ReviewService {
  /** Today's business day (a review of a later day is refused). */
  today(): DayKey;
  review(request: ReviewRequest): Promise<ReviewResponse>;
  /** A rep's team as the period or the live floor knows it (undefined: never seen). */
  teamOf(rep: string, review: ReviewResponse): string | null | undefined;
}

export function createReviewService(deps: ReviewServiceDeps): ReviewService {
  const { rules, localTime } = deps;
  const startOf = (day: DayKey) => dayStartAt(day, localTime.dayOf);
  const hourOf = (at: EpochMs) => Math.floor(localTime.minuteOfDay(at) / 60) * 60;

  function repsOf(state: FloorState): ReviewRepDay[] {
    return deps.floor.viewsOf(state).map((view: RepView) => {
      const rep = state.reps.get(view.id);
      return {
        rep: view.id,
        name: view.name,
        team: view.team,
        figures: figuresOf(view),
        targets: view.targets,
        pausedSeconds: view.pauseSeconds,
        refusals: rep ? [...rep.refusals.entries()].map(([code, count]) => ({ code, count })) : [],
        hours: rep ? hoursOfCalls(rep.calls, hourOf, rules) : [],
      };
    });
  }

  /** What a folded day gives the review: per-rep rows and the call-backs promised that day. */
  interface Folded {
    reps: ReviewRepDay[];
    promised: string[];
  }
  // A day the stream has moved past never changes again (the fold skips later entries of it): kept.
  const closed = new Map<DayKey, Folded>();

  async function folded(day: DayKey, today: DayKey, now: EpochMs): Promise<Folded | null> {
    const hit = closed.get(day);
    if (hit)
      return { ...hit, reps: hit.reps.map((r) => ({ ...r, targets: deps.targetsFor({ id: r.rep, team: r.team }) })) };
    let state: FloorState | null = null;
    if (day === today) {
      const live = deps.floor.state();
      state = live.day === today ? live : null;
    } else if (day < today) state = await deps.dayReplay.dayState(day, now);
    if (!state) return null;
    const promised: string[] = [];
    for (const rep of state.reps.values()) for (const cb of rep.callbacks.values()) promised.push(cb.call);
    const result = { reps: repsOf(state), promised };
    const liveDay = deps.floor.state().day;
    if (day < today && liveDay !== null && liveDay > day) {
      closed.set(day, result);
      while (closed.size > CLOSED_DAYS) closed.delete(closed.keys().next().value!);
    }
    return result;
  }

  async function dayInput(
    day: DayKey,
    today: DayKey,
    now: EpochMs,
  ): Promise<{ input: ReviewDayInput; promised: string[] | null }> {
    const [alerts, counts] = await Promise.all([deps.alerts.load(day), deps.feedback.counts([day])]);
    const base = {
      day,
      alerts: alerts.map((a) => ({ rule: a.rule, rep: a.rep, team: a.team })),
      tags: tagsOf(counts[0] ?? new Map<string, number>()),
    };
    if (day > today) return { input: { ...base, source: 'none', fraction: 1, reps: [] }, promised: null };
    const fold = await folded(day, today, now);
    if (fold) {
      const fraction = day === today ? shiftFraction(deps.shift, preciseMinute(localTime.minuteOfDay(now), now)) : 1;
      const source = day === today ? 'live' : 'stream';
      return { input: { ...base, source, fraction, reps: fold.reps }, promised: fold.promised };
    }
    const saved = (await deps.dayTotals.load([day])).get(day) ?? new Map();
    const reps: ReviewRepDay[] = [...saved].map(([id, totals]) => ({
      rep: id,
      name: totals.name,
      team: totals.team,
      figures: figuresOf(totals),
      targets: deps.targetsFor({ id, team: totals.team }),
      pausedSeconds: null,
      refusals: null,
      hours: null,
    }));
    const source = reps.length > 0 ? 'saved' : 'none';
    return { input: { ...base, source, fraction: 1, reps }, promised: null };
  }

  /** Call-backs promised on the given days' folds, and every one open now, from the ledger. */
  async function callbackItems(days: readonly (readonly string[] | null)[]): Promise<ReviewCallbackItem[]> {
    const open = await deps.callbacks.listOpen('all', LEDGER_LIMIT);
    const known = new Map<string, CallbackItem>(open.map((i) => [i.call, i]));
    const promised = new Set(days.flatMap((calls) => calls ?? []));
    const missing = [...promised].filter((call) => !known.has(call));
    for (const item of await Promise.all(missing.map((call) => deps.callbacks.get(call))))
      if (item) known.set(item.call, item);
    return [...known.values()].map(({ call, rep, team, followUpAt, state, closedAt }) => ({
      ...{ call, rep, team, followUpAt, state, closedAt },
    }));
  }

  async function handoffItems(scope: ReviewScope, since: EpochMs): Promise<HandoffItem[]> {
    const key: HandoffScope =
      scope.kind === 'floor' ? 'all' : scope.kind === 'team' ? { fromTeam: scope.team } : { rep: scope.rep };
    return deps.handoffs.getMany(await deps.handoffs.windowLeads(key, since, LEDGER_LIMIT));
  }

  return {
    today: () => localTime.dayOf(deps.clock()),
    teamOf(rep, review) {
      const row = review.reps.find((r) => r.rep === rep);
      if (row) return row.team;
      const live = deps.floor.state().reps.get(rep);
      return live ? live.team : undefined;
    },
    async review({ kind, from, scope }) {
      const now = deps.clock();
      const today = localTime.dayOf(now);
      const days = Array.from({ length: kind === 'day' ? 1 : 7 }, (_, i) => addDays(from, i));
      const to = days[days.length - 1]!;
      const start = startOf(from);
      const end = startOf(addDays(to, 1));
      const dayInputs = await Promise.all(days.map((day) => dayInput(day, today, now)));
      // The day before the period: call-backs promised then and due in the period (carried over).
      const before = await folded(addDays(from, -1), today, now);
      // Call-backs count on the days that are not saved-only (a saved-only day kept no promises);
      // none at all when every day with figures is saved-only.
      const savedOnly = new Set(dayInputs.filter((d) => d.input.source === 'saved').map((d) => d.input.day));
      const kept = savedOnly.size === 0 || dayInputs.some((d) => d.promised !== null);
      const callbackWindows: { start: EpochMs; end: EpochMs }[] = [];
      for (const day of days) {
        if (savedOnly.has(day)) continue;
        const span = { start: startOf(day), end: startOf(addDays(day, 1)) };
        const last = callbackWindows[callbackWindows.length - 1];
        if (last && last.end === span.start) last.end = span.end;
        else callbackWindows.push(span);
      }
      const items = await callbackItems([before?.promised ?? null, ...dayInputs.map((d) => d.promised)]);
      const handoffs = await handoffItems(scope, start);
      const settings = deps.alertSettings();
      const team = scope.kind === 'team' ? scope.team : null;
      const allowances = { ...settings.floor.pauseMinutes, ...(team ? settings.teams[team]?.pauseMinutes : {}) };
      const tomorrowDay = addDays(to, 1);
      const repsKnown = new Map<string, string | null>();
      for (const d of dayInputs) for (const r of d.input.reps) repsKnown.set(r.rep, r.team);
      for (const r of deps.floor.state().reps.values()) if (!repsKnown.has(r.id)) repsKnown.set(r.id, r.team);
      const review = buildReview({
        period: { kind, from, to },
        scope,
        team,
        asOf: Math.min(now, end),
        open: now < end,
        openHour: kind === 'day' && now < end ? hourOf(now) : null,
        start,
        end,
        days: dayInputs.map((d) => d.input),
        callbacks: kept ? items : null,
        ...(savedOnly.size > 0 ? { callbackWindows } : {}),
        graceMs: deps.graceMinutes * 60_000,
        handoffs,
        allowances,
        tomorrow: {
          day: tomorrowDay,
          targets: [...repsKnown].map(([rep, t]) => ({ rep, team: t, targets: deps.targetsFor({ id: rep, team: t }) })),
          callbacks: items.filter((i) => i.state === 'open'),
          start: end,
          end: startOf(addDays(tomorrowDay, 1)),
        },
      });
      if (scope.kind === 'rep')
        review.team = review.reps[0]?.team ?? deps.floor.state().reps.get(scope.rep)?.team ?? null;
      return review;
    },
  };
}

/** Only the figures (a rep view or totals carry more). */
function figuresOf(f: ReviewFigures): ReviewFigures {
  const { dials, connects, effectiveCalls, talkSeconds, leads, deals, revenue } = f;
  return { dials, connects, effectiveCalls, talkSeconds, leads, deals, revenue };
}

/** Feedback-tag counts of a day by team ('' for teamless), from the market-feedback count fields. */
function tagsOf(counts: ReadonlyMap<string, number>): Map<string, { code: string; count: number }[]> {
  const byTeam = new Map<string, Map<string, number>>();
  for (const [field, count] of counts) {
    const [kind, team, , , code] = field.split(SEP);
    if (kind !== 't' || team === undefined || code === undefined || team === '*') continue;
    const codes = byTeam.get(team) ?? byTeam.set(team, new Map()).get(team)!;
    codes.set(code, (codes.get(code) ?? 0) + count);
  }
  return new Map([...byTeam].map(([team, codes]) => [team, rankCounts(codes, 1000)]));
}
