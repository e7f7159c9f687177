import { z } from 'zod';
import { idSchema } from '../events/callEvent';
import { namedRecord } from '../records';
import type { DayKey } from '../time';
import { addDays, calendarPosition, isoWeek, workCalendar } from './calendar';
import { TARGET_METRICS, type DailyTargets, type TargetMetric } from './targets';

/** Targets set at one level: daily figures, and weekly and monthly ones spread over the working days. */
export interface TargetLayer {
  daily?: Partial<DailyTargets>;
  weekly?: Partial<DailyTargets>;
  monthly?: Partial<DailyTargets>;
}

export const TARGET_PERIODS = ['daily', 'weekly', 'monthly'] as const;
export type TargetPeriod = (typeof TARGET_PERIODS)[number];

/**
 * Everything people have set; the environment's defaults sit underneath. `teams` and `reps` are
 * keyed by ids people choose: they have no prototype (a team may be called "__proto__").
 */
export interface TargetSettings {
  floor: TargetLayer;
  teams: Record<string, TargetLayer>;
  reps: Record<string, TargetLayer>;
  /** A campaign's own targets (daily: dials, deals, revenue), keyed by campaign id; no prototype. */
  campaigns: Record<string, TargetLayer>;
}

export function emptyTargetSettings(): TargetSettings {
  return { floor: {}, teams: namedRecord(), reps: namedRecord(), campaigns: namedRecord() };
}

/** How far the ISO week (Monday to Sunday) has gone, for spreading weekly targets (per rep). */
export interface WeekProgress {
  /** Working days from today to Sunday, today included. */
  workingDaysLeft: number;
  /** Of those, the ones in today's month (a week may span two months). */
  workingDaysLeftInMonth: number;
  /** What the rep achieved this week before today, per metric (talk in minutes). */
  achievedBeforeToday: Partial<DailyTargets>;
  /** Of that, what fell in today's month. */
  achievedInMonthBeforeToday: Partial<DailyTargets>;
}

/** How far the month has gone, for spreading monthly targets (per rep). */
export interface MonthProgress {
  /** Working days from today to the month's end, today included (>= 1 on a working day). */
  workingDaysLeft: number;
  /** What the rep achieved this month before today, per metric (talk in minutes). */
  achievedBeforeToday: Partial<DailyTargets>;
  week: WeekProgress;
  /** Today is a working day (default true): on any other day a weekly or monthly spread is 0. */
  workingToday?: boolean;
  /** Today is a public holiday (default false): every figure of the day is 0, daily and default too. */
  holiday?: boolean;
}

/** Where a metric's figures come from: the most specific level that sets any, and its period. */
export type TargetSource = TargetPeriod | 'default';

/** A metric's targets as a lead sees them: the month's and the week's (null when not set that way) and today's. */
export interface ResolvedTarget {
  source: TargetSource;
  level: 'rep' | 'team' | 'floor' | null;
  month: number | null;
  week: number | null;
  day: number;
}

export type ResolvedTargets = Record<TargetMetric, ResolvedTarget>;

/**
 * A rep's targets, month / week / day: per metric the most specific level that sets any figure
 * wins (rep, team, floor, default); within a level daily beats weekly beats monthly. A monthly
 * or weekly figure becomes what is left of it divided by the period's working days left, so it
 * is re-spread every day; only a monthly one set, the week's share is the month's remainder times
 * (working days left this week in this month / working days left this month), plus what the rep
 * already did this week in this month. A team's plan: pass `id: null` (no rep layer).
 */
export function resolveTargetView(
  settings: TargetSettings,
  defaults: DailyTargets,
  rep: { id: string | null; team: string | null },
  month: MonthProgress,
): ResolvedTargets {
  const levels = [
    ['rep', rep.id !== null ? settings.reps[rep.id] : undefined],
    ['team', rep.team ? settings.teams[rep.team] : undefined],
    ['floor', settings.floor],
  ] as const;
  const holiday = month.holiday ?? false;
  const working = (month.workingToday ?? true) && !holiday;
  const today = (figure: number) => (holiday ? 0 : figure);
  const out = {} as ResolvedTargets;
  for (const metric of TARGET_METRICS) {
    out[metric] = { source: 'default', level: null, month: null, week: null, day: today(defaults[metric]) };
    for (const [level, layer] of levels) {
      const daily = layer?.daily?.[metric];
      const weekly = layer?.weekly?.[metric];
      const monthly = layer?.monthly?.[metric];
      if (daily !== undefined) {
        out[metric] = { source: 'daily', level, month: null, week: null, day: today(daily) };
      } else if (weekly !== undefined) {
        const w = month.week;
        const day = working ? spread(weekly, w.achievedBeforeToday[metric] ?? 0, w.workingDaysLeft) : 0;
        out[metric] = { source: 'weekly', level, month: null, week: weekly, day };
      } else if (monthly !== undefined) {
        const achieved = month.achievedBeforeToday[metric] ?? 0;
        const day = working ? spread(monthly, achieved, month.workingDaysLeft) : 0;
        const weekDone = month.week.achievedInMonthBeforeToday[metric] ?? 0;
        const share = weekShare(monthly - achieved, month.week.workingDaysLeftInMonth, month.workingDaysLeft);
        out[metric] = { source: 'monthly', level, month: monthly, week: roundCents(weekDone + share), day };
      } else continue;
      break;
    }
  }
  return out;
}

/** A rep's targets for today (see resolveTargetView). */
export function resolveTargets(
  settings: TargetSettings,
  defaults: DailyTargets,
  rep: { id: string; team: string | null },
  month: MonthProgress,
): DailyTargets {
  const view = resolveTargetView(settings, defaults, rep, month);
  return Object.fromEntries(TARGET_METRICS.map((m) => [m, view[m].day])) as unknown as DailyTargets;
}

/** The part of a month's remainder due in the rest of this week (in this month). */
export function weekShare(remainder: number, weekDaysLeftInMonth: number, monthDaysLeft: number): number {
  if (monthDaysLeft <= 0 || remainder <= 0) return 0;
  return ceilCents((remainder * weekDaysLeftInMonth) / monthDaysLeft);
}

// Drop floating-point noise before rounding (12000 - 9550.55 is 2449.4500000000007, not a cent more).
const cents = (value: number) => Number((value * 100).toPrecision(12));
const roundCents = (value: number) => Math.round(cents(value)) / 100;
/** Rounded up to the cent, like every spread figure: a target asks a cent more, never less. */
const ceilCents = (value: number) => Math.ceil(cents(value)) / 100;

function spread(total: number, achieved: number, daysLeft: number): number {
  if (daysLeft <= 0) return 0;
  return Math.max(0, ceilCents((total - achieved) / daysLeft));
}

/** Working days (by ISO weekday, 1 = Monday) from `day` to the end of its month, `day` included. */
export function workingDaysLeft(day: DayKey, workingWeekdays: readonly number[]): number {
  return calendarPosition(workCalendar(workingWeekdays), day).monthLeft;
}

/** The days of `day`'s month before it (YYYY-MM-DD). */
export function daysOfMonthBefore(day: DayKey): DayKey[] {
  const prefix = day.slice(0, 8);
  const date = Number(day.slice(8));
  return Array.from({ length: date - 1 }, (_, i) => `${prefix}${String(i + 1).padStart(2, '0')}`);
}

/** The days of `day`'s ISO week before it, Monday first (some may be last month's). */
export function daysOfWeekBefore(day: DayKey): DayKey[] {
  const { monday } = isoWeek(day);
  const days: DayKey[] = [];
  for (let d = monday; d < day; d = addDays(d, 1)) days.push(d);
  return days;
}

/** The figures a campaign has targets for (CampaignRow.target). */
export const CAMPAIGN_TARGET_METRICS = ['dials', 'deals', 'revenue'] as const satisfies readonly TargetMetric[];
export type CampaignTargetMetric = (typeof CAMPAIGN_TARGET_METRICS)[number];
export type CampaignTargets = Record<CampaignTargetMetric, number | null>;

/**
 * A campaign's targets for today, by the same resolution as a team's (one level, no defaults):
 * a figure not set is null, a holiday makes every set figure 0; null when nothing is set. Only
 * daily figures are taken: a campaign has no history of past days to spread a month over.
 */
export function resolveCampaignTarget(
  layer: TargetLayer | undefined,
  day: { workingToday: boolean; holiday: boolean },
): CampaignTargets | null {
  const daily = layer?.daily;
  if (!daily || !CAMPAIGN_TARGET_METRICS.some((m) => daily[m] !== undefined)) return null;
  const settings: TargetSettings = { ...emptyTargetSettings(), floor: { daily } };
  const none = { achievedBeforeToday: {}, achievedInMonthBeforeToday: {}, workingDaysLeft: 0 };
  const view = resolveTargetView(
    settings,
    Object.fromEntries(TARGET_METRICS.map((m) => [m, 0])) as unknown as DailyTargets,
    { id: null, team: null },
    { ...none, week: { ...none, workingDaysLeftInMonth: 0 }, workingToday: day.workingToday, holiday: day.holiday },
  );
  return Object.fromEntries(
    CAMPAIGN_TARGET_METRICS.map((m) => [m, view[m].source === 'default' ? null : view[m].day]),
  ) as CampaignTargets;
}

const targetValue = z.number().min(0).max(1e9).nullable();
const targetPatch = z
  .object(
    Object.fromEntries(TARGET_METRICS.map((m) => [m, targetValue.optional()])) as Record<
      TargetMetric,
      z.ZodOptional<typeof targetValue>
    >,
  )
  .strict();

/** PUT /api/targets: set (a number) or clear (null) figures at one level and period. */
export const targetUpdateSchema = z
  .object({
    scope: z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('floor') }).strict(),
      z.object({ kind: z.literal('team'), team: idSchema }).strict(),
      z.object({ kind: z.literal('rep'), rep: idSchema }).strict(),
      z.object({ kind: z.literal('campaign'), campaign: idSchema }).strict(),
    ]),
    period: z.enum(TARGET_PERIODS),
    targets: targetPatch,
  })
  .strict()
  .superRefine((update, ctx) => {
    if (update.scope.kind !== 'campaign') return;
    if (update.period !== 'daily')
      ctx.addIssue({ code: 'custom', path: ['period'], message: 'a campaign has daily targets only' });
    const allowed: readonly string[] = CAMPAIGN_TARGET_METRICS;
    for (const metric of Object.keys(update.targets))
      if (!allowed.includes(metric))
        ctx.addIssue({
          code: 'custom',
          path: ['targets', metric],
          message: `a campaign has targets for ${CAMPAIGN_TARGET_METRICS.join(', ')} only`,
        });
  });
export type TargetUpdate = z.infer<typeof targetUpdateSchema>;

/** Applies an update to a layer (null clears a figure); returns a new layer. */
export function applyTargetUpdate(layer: TargetLayer | undefined, update: TargetUpdate): TargetLayer {
  const current = { ...(layer?.[update.period] ?? {}) };
  for (const [metric, value] of Object.entries(update.targets) as [TargetMetric, number | null | undefined][]) {
    if (value === null) delete current[metric];
    else if (value !== undefined) current[metric] = value;
  }
  return { ...layer, [update.period]: current };
}
