import {
  REVIEW_FIGURES,
  type CodeCount,
  type FunnelLine,
  type HourLine,
  type ReviewAlerts,
  type ReviewDay,
  type ReviewFigures,
  type ReviewRepRow,
  type ReviewResponse,
  type ReviewScope,
  type ReviewSource,
  type TargetLine,
} from '../contracts/review';
import { FUNNEL_STEPS } from './trends';
import { TARGET_METRICS, type DailyTargets } from './targets';
import type { DayKey, EpochMs } from '../time';
import {
  addHours,
  callbackFigures,
  compareHours,
  handoffFigures,
  rankCounts,
  type ReviewCallbackItem,
  type ReviewHandoffItem,
} from './reviewParts';

export { hoursOfCalls, rankCounts, callbackFigures, handoffFigures } from './reviewParts';
export type { ReviewCallbackItem, ReviewHandoffItem } from './reviewParts';

/**
 * The daily review (复盘, issue #17 item 1) built from values: no I/O, no clock. The server gathers
 * each day's per-rep figures (the fold of the day, or the saved day totals), the ledgers' items
 * and the day's alerts; this sums them for the period and the scope.
 */

/** One rep on one day. */
export interface ReviewRepDay {
  rep: string;
  name: string;
  team: string | null;
  figures: ReviewFigures;
  targets: DailyTargets;
  /** Null when not kept (a day older than the stream). */
  pausedSeconds: number | null;
  refusals: readonly CodeCount[] | null;
  hours: readonly HourLine[] | null;
}

export interface ReviewDayInput {
  day: DayKey;
  source: ReviewSource;
  /** Share of the shift elapsed at the review: 1 for a closed day. */
  fraction: number;
  reps: readonly ReviewRepDay[];
  /** Feedback-tag counts by team ('' for teamless reps); null when not kept. */
  tags: ReadonlyMap<string, readonly CodeCount[]> | null;
  alerts: readonly { rule: string; rep: string; team: string | null }[];
}

export interface ReviewInput {
  period: ReviewResponse['period'];
  scope: ReviewScope;
  team: string | null;
  asOf: EpochMs;
  open: boolean;
  /**
   * The hour (business minute of its start) still running in a one-day review of today: shown, but
   * not ranked best or worst (three minutes of dials would be "the weakest hour"). Null otherwise.
   */
  openHour?: number | null;
  /** The first instant of the period and the first after it. */
  start: EpochMs;
  end: EpochMs;
  days: readonly ReviewDayInput[];
  /** Call-backs that may be due in the period; null when the ledger's view of the period is not kept. */
  callbacks: readonly ReviewCallbackItem[] | null;
  /**
   * When only part of the period is kept (a week of kept days and saved-only days): the spans of
   * the days that are not saved-only, whose call-backs the review counts. Absent: [start, end).
   */
  callbackWindows?: readonly { start: EpochMs; end: EpochMs }[];
  graceMs: number;
  handoffs: readonly ReviewHandoffItem[];
  allowances: Record<string, number>;
  tomorrow: {
    day: DayKey;
    targets: readonly { rep: string; team: string | null; targets: DailyTargets }[];
    callbacks: readonly ReviewCallbackItem[];
    start: EpochMs;
    end: EpochMs;
  };
}

const round2 = (n: number) => Math.round(n * 100) / 100;
const percent = (part: number, whole: number) => (whole > 0 ? round2((100 * part) / whole) : null);

export function zeroFigures(): ReviewFigures {
  return Object.fromEntries(REVIEW_FIGURES.map((f) => [f, 0])) as ReviewFigures;
}

function addFigures(sum: ReviewFigures, add: ReviewFigures): void {
  for (const f of REVIEW_FIGURES) sum[f] += add[f];
  sum.revenue = round2(sum.revenue);
}

function zeroTargets(): DailyTargets {
  return { dials: 0, effectiveCalls: 0, talkMinutes: 0, leads: 0, deals: 0, revenue: 0 };
}

function inScope(scope: ReviewScope, who: { rep: string; team: string | null }): boolean {
  if (scope.kind === 'floor') return true;
  if (scope.kind === 'team') return who.team === scope.team;
  return who.rep === scope.rep;
}

function actualOf(figures: ReviewFigures, metric: (typeof TARGET_METRICS)[number]): number {
  return metric === 'talkMinutes' ? round2(figures.talkSeconds / 60) : figures[metric];
}

export function targetLines(figures: ReviewFigures, target: DailyTargets, expected: DailyTargets): TargetLine[] {
  return TARGET_METRICS.map((metric) => {
    const actual = actualOf(figures, metric);
    return {
      metric,
      actual,
      target: round2(target[metric]),
      attainment: percent(actual, target[metric]),
      pace: percent(actual, expected[metric]),
    };
  });
}

export function funnelLines(figures: ReviewFigures): FunnelLine[] {
  return FUNNEL_STEPS.map((step, i) => ({
    step,
    value: figures[step],
    conversion: i === 0 ? null : percent(figures[step], figures[FUNNEL_STEPS[i - 1]!]),
  }));
}

function addCounts(into: Map<string, number>, counts: readonly CodeCount[]): void {
  for (const { code, count } of counts) into.set(code, (into.get(code) ?? 0) + count);
}

interface RepSum {
  row: ReviewRepRow;
  target: DailyTargets;
  expected: DailyTargets;
}

export function buildReview(input: ReviewInput): ReviewResponse {
  const { scope } = input;
  const figures = zeroFigures();
  const target = zeroTargets();
  const expected = zeroTargets();
  const reps = new Map<string, RepSum>();
  const refusals = new Map<string, number>();
  // Reasons, hours, paused time and call-backs come from the days that kept them (the day's fold);
  // saved-only days add their totals only. Null ("not kept") when no day of the period kept them.
  const coverage = {
    keptDays: input.days.filter((d) => d.source === 'live' || d.source === 'stream').map((d) => d.day),
    savedOnlyDays: input.days.filter((d) => d.source === 'saved').map((d) => d.day),
  };
  const partsKept = coverage.keptDays.length > 0 || coverage.savedOnlyDays.length === 0;
  const tags = new Map<string, number>();
  let tagsKept = scope.kind !== 'rep';
  const hours = new Map<number, HourLine>();
  let paused = 0;
  const byRule = new Map<string, number>();
  const alertsOfRep = new Map<string, number>();
  let longPauses = 0;

  for (const day of input.days) {
    for (const rep of day.reps) {
      if (!inScope(scope, rep)) continue;
      addFigures(figures, rep.figures);
      let sum = reps.get(rep.rep);
      if (!sum) {
        sum = {
          row: {
            ...{ rep: rep.rep, name: rep.name, team: rep.team, ...zeroFigures() },
            ...{ attainment: null, connectRate: null, conversion: null, pausedSeconds: null, alerts: 0 },
          },
          target: zeroTargets(),
          expected: zeroTargets(),
        };
        reps.set(rep.rep, sum);
      }
      sum.row.name = rep.name;
      sum.row.team = rep.team;
      addFigures(sum.row, rep.figures);
      for (const m of TARGET_METRICS) {
        sum.target[m] += rep.targets[m];
        sum.expected[m] += rep.targets[m] * day.fraction;
        target[m] += rep.targets[m];
        expected[m] += rep.targets[m] * day.fraction;
      }
      // A rep's paused time covers the days that kept it (null: only saved-only days).
      if (rep.pausedSeconds !== null) {
        paused += rep.pausedSeconds;
        sum.row.pausedSeconds = (sum.row.pausedSeconds ?? 0) + rep.pausedSeconds;
      }
      if (rep.refusals !== null) addCounts(refusals, rep.refusals);
      if (rep.hours !== null) addHours(hours, rep.hours);
    }
    if (day.tags === null) tagsKept = false;
    else if (scope.kind !== 'rep')
      for (const [team, counts] of day.tags)
        if (inScope(scope, { rep: '', team: team || null })) addCounts(tags, counts);
    for (const alert of day.alerts) {
      if (!inScope(scope, alert)) continue;
      byRule.set(alert.rule, (byRule.get(alert.rule) ?? 0) + 1);
      alertsOfRep.set(alert.rep, (alertsOfRep.get(alert.rep) ?? 0) + 1);
      if (alert.rule === 'long_pause') longPauses++;
    }
  }

  const rows = [...reps.values()].map(({ row, target: t }) => ({
    ...row,
    attainment: percent(row.revenue, t.revenue),
    connectRate: percent(row.connects, row.dials),
    conversion: percent(row.deals, row.connects),
    alerts: alertsOfRep.get(row.rep) ?? 0,
  }));
  rows.sort(
    (a, b) =>
      Number(a.team === null) - Number(b.team === null) ||
      (a.team ?? '').localeCompare(b.team ?? '') ||
      a.name.localeCompare(b.name) ||
      a.rep.localeCompare(b.rep),
  );

  const hourList = partsKept ? [...hours.values()].sort((a, b) => a.minute - b.minute) : null;
  const ranked = hourList ? hourList.filter((h) => h.dials > 0 && h.minute !== input.openHour).sort(compareHours) : [];
  const alerts: ReviewAlerts = {
    byRule: rankCounts(byRule, 50),
    pausedSeconds: partsKept ? paused : null,
    longPauses,
    allowances: input.allowances,
  };
  const scoped = <T extends { rep: string; team: string | null }>(items: readonly T[]) =>
    items.filter((i) => inScope(scope, i));
  const tomorrowTargets = zeroTargets();
  for (const t of scoped(input.tomorrow.targets)) for (const m of TARGET_METRICS) tomorrowTargets[m] += t.targets[m];
  const tomorrowDue = callbackFigures(
    scoped(input.tomorrow.callbacks),
    input.tomorrow.start,
    input.tomorrow.end,
    input.tomorrow.start,
    input.graceMs,
  );
  const windows = input.callbackWindows;
  const dueInKept = (items: readonly ReviewCallbackItem[]) =>
    windows === undefined
      ? items
      : items.filter(
          (i) => i.followUpAt !== null && windows.some((w) => i.followUpAt! >= w.start && i.followUpAt! < w.end),
        );

  const days: ReviewDay[] = input.days.map((d) => ({ day: d.day, source: d.source }));
  return {
    period: input.period,
    scope,
    team: input.team,
    days,
    coverage,
    open: input.open,
    asOf: input.asOf,
    figures,
    targets: targetLines(figures, target, expected),
    funnel: funnelLines(figures),
    refusals: partsKept ? rankCounts(refusals) : null,
    tags: tagsKept ? rankCounts(tags) : null,
    callbacks:
      input.callbacks === null || !partsKept
        ? null
        : callbackFigures(
            dueInKept(scoped(input.callbacks)),
            input.start,
            input.end,
            Math.min(input.asOf, input.end),
            input.graceMs,
          ),
    handoffs: handoffFigures(scoped(input.handoffs), input.start, input.end),
    alerts,
    hours: hourList,
    best: ranked[0] ?? null,
    worst: ranked.length > 1 ? ranked[ranked.length - 1]! : null,
    reps: rows,
    tomorrow: {
      day: input.tomorrow.day,
      targets: targetLines(zeroFigures(), tomorrowTargets, zeroTargets()),
      callbacksDue: tomorrowDue.due,
    },
  };
}
