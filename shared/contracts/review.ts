import { z } from 'zod';
import { idSchema } from '../events/callEvent';
import { HISTORY_FIGURES, type HistoryFigure, type HistoryFigures } from '../domain/history';
import type { FunnelStep } from '../domain/trends';
import type { TargetMetric } from '../domain/targets';
import type { DayKey, EpochMs } from '../time';

/**
 * The daily review (复盘, issue #17 item 1): GET /api/review?day=YYYY-MM-DD | week=YYYY-MM-DD
 * (a Monday), optionally `team=` or `rep=`. Supervisors: the floor, any team or rep; a lead: the
 * own team or one of its reps (403 otherwise); a rep: the own review only; wallboards: none.
 */

/** A team or rep id: any id, "__proto__" included (README "Names are data"). */
const scopeId = idSchema;

/** A real calendar date `YYYY-MM-DD` (2026-02-30 is refused). */
export const calendarDaySchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD')
  .refine((day) => {
    const [y, m, d] = day.split('-').map(Number) as [number, number, number];
    const date = new Date(Date.UTC(y, m - 1, d));
    return y >= 2000 && y <= 2200 && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
  }, 'is not a calendar date');

const mondaySchema = calendarDaySchema.refine((day) => {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay() === 1;
}, 'must be the Monday that names the week');

export const reviewQuerySchema = z
  .object({
    day: calendarDaySchema.optional(),
    week: mondaySchema.optional(),
    team: scopeId.optional(),
    rep: scopeId.optional(),
  })
  .strict()
  .refine((q) => (q.day === undefined) !== (q.week === undefined), {
    path: ['day'],
    message: 'give exactly one of day or week',
  })
  .refine((q) => q.team === undefined || q.rep === undefined, {
    path: ['rep'],
    message: 'give team or rep, not both',
  });
export type ReviewQuery = z.infer<typeof reviewQuerySchema>;

export type ReviewScope = { kind: 'floor' } | { kind: 'team'; team: string } | { kind: 'rep'; rep: string };

/** Where a day's figures came from. */
export type ReviewSource = 'live' | 'stream' | 'saved' | 'none';

/** The figures a reviewed day carries: those of a history day (shared/domain/history.ts). */
export const REVIEW_FIGURES = HISTORY_FIGURES;
export type ReviewFigure = HistoryFigure;
export type ReviewFigures = HistoryFigures;

/** One target metric: actual against the target of the period (and the part of it expected by now). */
export interface TargetLine {
  metric: TargetMetric;
  actual: number;
  target: number;
  /** 100 x actual / target (null without a target). */
  attainment: number | null;
  /** 100 x actual / (target x the share of the shifts elapsed); equals attainment for closed days. */
  pace: number | null;
}

export interface FunnelLine {
  step: FunnelStep;
  value: number;
  /** 100 x value / the step before (null for the first step, or when the step before is 0). */
  conversion: number | null;
}

export interface CodeCount {
  code: string;
  count: number;
}

export interface ReviewCallbacks {
  /** Call-backs due in the period (cancelled ones left out). */
  due: number;
  /** Done within the grace of their time (by a call to the customer or marked done). */
  done: number;
  /** Done, but after their time and the grace. */
  doneLate: number;
  /** Still not done at the end of the period (or now), past their time and the grace. */
  overdue: number;
  /** Not done yet, still within the grace. */
  pending: number;
  /** missed = doneLate + overdue: not done in time. */
  missed: number;
  cancelled: number;
}

export interface ReviewHandoffs {
  sent: number;
  accepted: number;
  rejected: number;
  won: number;
  lost: number;
  /** Closed amounts of the won ones. */
  revenue: number;
}

export interface ReviewAlerts {
  /** Alerts raised in the period by rule. */
  byRule: CodeCount[];
  /** Paused time of the scope's reps (seconds; null when not kept). */
  pausedSeconds: number | null;
  /** Pauses that ran past their allowance (long_pause alerts). */
  longPauses: number;
  /** The allowance per pause reason (minutes), as set now. */
  allowances: Record<string, number>;
}

/** One clock hour: `minute` is the business minute it starts at (1500 = 01:00 after a night). */
export interface HourLine {
  minute: number;
  dials: number;
  connects: number;
  deals: number;
  revenue: number;
}

export interface ReviewRepRow extends ReviewFigures {
  rep: string;
  name: string;
  team: string | null;
  /** Revenue attainment (100 x revenue / revenue target); null without a target. */
  attainment: number | null;
  /** Connects / dials and deals / connects, in percent. */
  connectRate: number | null;
  conversion: number | null;
  pausedSeconds: number | null;
  alerts: number;
}

export interface ReviewDay {
  day: DayKey;
  source: ReviewSource;
}

export interface ReviewResponse {
  period: { kind: 'day' | 'week'; from: DayKey; to: DayKey };
  scope: ReviewScope;
  /** The team of a rep's review (for the page's title and links). */
  team: string | null;
  days: ReviewDay[];
  /**
   * Which days the reasons, call-backs, paused time and hours cover: the kept days (live or from
   * the stream); saved-only days (older than the stream) add their totals only.
   */
  coverage: { keptDays: DayKey[]; savedOnlyDays: DayKey[] };
  /** The period is not over yet (today is in it): figures run up to `asOf`. */
  open: boolean;
  asOf: EpochMs;
  figures: ReviewFigures;
  targets: TargetLine[];
  funnel: FunnelLine[];
  /** Most frequent first, from the kept days (`coverage`); null when no day of the period kept them. */
  refusals: CodeCount[] | null;
  /** Feedback tags (team and floor only: they are counted per team); null when not kept for the scope. */
  tags: CodeCount[] | null;
  callbacks: ReviewCallbacks | null;
  handoffs: ReviewHandoffs;
  alerts: ReviewAlerts;
  /** Every hour with activity, in the order of the day; null when not kept. */
  hours: HourLine[] | null;
  best: HourLine | null;
  worst: HourLine | null;
  /** Per rep (team and floor scope; a rep's review has its own row only). */
  reps: ReviewRepRow[];
  tomorrow: {
    day: DayKey;
    targets: TargetLine[];
    /** Call-backs due that day (open now). */
    callbacksDue: number;
  };
}

/** The review's HTTP path (append-only line in shared/contracts/http.ts as `review`). */
export const reviewRoutes = { review: '/api/review' } as const;

const num = z.number();
const nullableNum = num.nullable();
const codeCounts = z.array(z.object({ code: z.string(), count: num }));
const targetLine = z.object({
  metric: z.enum(['dials', 'effectiveCalls', 'talkMinutes', 'leads', 'deals', 'revenue']),
  actual: num,
  target: num,
  attainment: nullableNum,
  pace: nullableNum,
});
const hourLine = z.object({ minute: num, dials: num, connects: num, deals: num, revenue: num });
const figures = Object.fromEntries(REVIEW_FIGURES.map((f) => [f, num])) as Record<ReviewFigure, typeof num>;

export const reviewResponseSchema = z.object({
  period: z.object({ kind: z.enum(['day', 'week']), from: z.string(), to: z.string() }),
  scope: z.union([
    z.object({ kind: z.literal('floor') }),
    z.object({ kind: z.literal('team'), team: z.string() }),
    z.object({ kind: z.literal('rep'), rep: z.string() }),
  ]),
  team: z.string().nullable(),
  days: z.array(z.object({ day: z.string(), source: z.enum(['live', 'stream', 'saved', 'none']) })),
  coverage: z.object({ keptDays: z.array(z.string()), savedOnlyDays: z.array(z.string()) }),
  open: z.boolean(),
  asOf: num,
  figures: z.object(figures),
  targets: z.array(targetLine),
  funnel: z.array(
    z.object({
      step: z.enum(['dials', 'connects', 'effectiveCalls', 'leads', 'deals']),
      value: num,
      conversion: nullableNum,
    }),
  ),
  refusals: codeCounts.nullable(),
  tags: codeCounts.nullable(),
  callbacks: z
    .object({
      due: num,
      done: num,
      doneLate: num,
      overdue: num,
      pending: num,
      missed: num,
      cancelled: num,
    })
    .nullable(),
  handoffs: z.object({ sent: num, accepted: num, rejected: num, won: num, lost: num, revenue: num }),
  alerts: z.object({
    byRule: codeCounts,
    pausedSeconds: nullableNum,
    longPauses: num,
    allowances: z.record(z.string(), num),
  }),
  hours: z.array(hourLine).nullable(),
  best: hourLine.nullable(),
  worst: hourLine.nullable(),
  reps: z.array(
    z.object({
      rep: z.string(),
      name: z.string(),
      team: z.string().nullable(),
      ...figures,
      attainment: nullableNum,
      connectRate: nullableNum,
      conversion: nullableNum,
      pausedSeconds: nullableNum,
      alerts: num,
    }),
  ),
  tomorrow: z.object({ day: z.string(), targets: z.array(targetLine), callbacksDue: num }),
}) satisfies z.ZodType<ReviewResponse>;
