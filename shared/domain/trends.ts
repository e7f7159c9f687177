import { z } from 'zod';
import { idSchema } from '../events/callEvent';
import { MINUTE_MS, type DayKey, type EpochMs } from '../time';
import type { RepView, Totals } from './floorView';
import { shiftFraction, type Shift } from './targets';

export const BUCKET_MINUTES = 15;
export const BUCKETS_PER_DAY = (24 * 60) / BUCKET_MINUTES;
const BUCKET_MS = BUCKET_MINUTES * MINUTE_MS;

/** Logged-in statuses shown in the status mix (offline time is not floor time). */
export const MIX_STATUSES = ['available', 'dialing', 'on_call', 'wrapup', 'paused'] as const;
export type MixStatus = (typeof MIX_STATUSES)[number];

/**
 * One business day of one team (or the teamless reps) in 15-minute buckets of the local clock:
 * index = floor(clock minute / 15), 0 = 00:00-00:15 whatever the day start (a day starting at
 * 06:00 fills 24..95 then 0..23). Status time is rep-milliseconds per bucket.
 */
export interface DayTrend {
  dials: number[];
  connects: number[];
  revenue: number[];
  statusMs: Record<MixStatus, number[]>;
}

export const FUNNEL_STEPS = ['dials', 'connects', 'effectiveCalls', 'leads', 'deals'] as const;
export type FunnelStep = (typeof FUNNEL_STEPS)[number];

/** GET /api/trends: chart data (ECharts series share `minutes` as the x axis). */
export interface TrendsResponse {
  day: DayKey | null;
  team: string | null;
  asOf: EpochMs;
  bucketMinutes: number;
  /**
   * Start minute of each bucket shown, in business-day minutes (the shift, widened to any bucket
   * with activity): increasing; past 1440 on a night shift (1500 is 01:00 the next morning).
   */
  minutes: number[];
  /** Per bucket; null for buckets not begun yet. */
  dials: (number | null)[];
  connects: (number | null)[];
  /** The same weekday a week before (null when nothing was kept for it). */
  lastWeek: { day: DayKey; dials: number[]; connects: number[] } | null;
  /** Rep-minutes per status per bucket (stacked area), open statuses counted up to `asOf`. */
  statusMix: Record<MixStatus, (number | null)[]>;
  funnel: { step: FunnelStep; value: number }[];
  /** Today's top refusal reasons, most frequent first (ties by reason), at most 8. */
  refusals: { reason: string; count: number }[];
  /** Cumulative revenue at each bucket's end against target x shift fraction at that instant. */
  revenue: { actual: (number | null)[]; pace: number[]; target: number };
  /**
   * Set when the answer counts one campaign's calls only (`?campaign=`, issue #15): dials,
   * connects, revenue, funnel and refusals are that campaign's (of the scope's reps); `lastWeek`
   * is null (past days are kept per team, not per campaign); `revenue.target` is the campaign's
   * revenue target for the floor (Admin → Campaign targets; 0 when none, and for a team, whose
   * share of a floor-wide campaign target is not defined). `statusMix` stays the scope's reps' time, unfiltered: a rep's available,
   * paused or wrap-up time belongs to no campaign, and one rep works several in a quarter hour.
   */
  campaign?: string;
}

export const trendQuerySchema = z.object({ team: idSchema.optional(), campaign: idSchema.optional() }).strict();
export type TrendQuery = z.infer<typeof trendQuerySchema>;

export function emptyDayTrend(): DayTrend {
  const zeros = () => new Array<number>(BUCKETS_PER_DAY).fill(0);
  const statusMs = Object.fromEntries(MIX_STATUSES.map((s) => [s, zeros()])) as Record<MixStatus, number[]>;
  return { dials: zeros(), connects: zeros(), revenue: zeros(), statusMs };
}

/** The bucket of a minute of the day, clock or business (1500 is 01:00, bucket 4). */
export const bucketOfMinute = (minute: number): number =>
  Math.floor(Math.max(0, minute) / BUCKET_MINUTES) % BUCKETS_PER_DAY;

/** Sum of day trends (a floor from its teams); inputs untouched. */
export function sumTrends(trends: Iterable<DayTrend>): DayTrend {
  const sum = emptyDayTrend();
  for (const t of trends) {
    for (let i = 0; i < BUCKETS_PER_DAY; i++) {
      sum.dials[i]! += t.dials[i] ?? 0;
      sum.connects[i]! += t.connects[i] ?? 0;
      sum.revenue[i] = Math.round((sum.revenue[i]! + (t.revenue[i] ?? 0)) * 100) / 100;
      for (const s of MIX_STATUSES) sum.statusMs[s][i]! += t.statusMs[s]?.[i] ?? 0;
    }
  }
  return sum;
}

/**
 * Adds `weight` x the time of [from, to) in `status` to the buckets it covers. Local quarter
 * hours begin on UTC quarter hours (every zone offset is a multiple of 15 minutes), so the span
 * is cut there and each piece goes to the bucket of its local start minute.
 */
export function addStatusSpan(
  trend: DayTrend,
  status: MixStatus,
  from: EpochMs,
  to: EpochMs,
  minuteOfDay: (at: EpochMs) => number,
  weight = 1,
): void {
  for (let at = from; at < to;) {
    const next = Math.min(to, (Math.floor(at / BUCKET_MS) + 1) * BUCKET_MS);
    trend.statusMs[status][bucketOfMinute(minuteOfDay(at))]! += (next - at) * weight;
    at = next;
  }
}

/** Adds each logged-in rep's open status, from its start (or the day's start) up to `now`. */
export function withOpenStatuses(
  trend: DayTrend,
  reps: readonly Pick<RepView, 'status' | 'statusSince'>[],
  dayStart: EpochMs,
  now: EpochMs,
  minuteOfDay: (at: EpochMs) => number,
): DayTrend {
  const copy = sumTrends([trend]);
  for (const rep of reps) {
    if (rep.status === 'offline') continue;
    addStatusSpan(copy, rep.status, Math.max(rep.statusSince, dayStart), now, minuteOfDay);
  }
  return copy;
}

export function funnelOf(totals: Pick<Totals, FunnelStep>): TrendsResponse['funnel'] {
  return FUNNEL_STEPS.map((step) => ({ step, value: totals[step] }));
}

/**
 * The floor's (or team's) most frequent refusal reasons today, ties by reason. Summed over each
 * rep's view, which carries the rep's top VIEW_REASONS: exact while no rep gave more distinct
 * reasons than that (a reason list is a short drop-down in practice).
 */
export function topRefusals(reps: readonly Pick<RepView, 'refusals'>[], limit = 8): TrendsResponse['refusals'] {
  const counts = new Map<string, number>();
  for (const rep of reps)
    for (const { reason, count } of rep.refusals) counts.set(reason, (counts.get(reason) ?? 0) + count);
  return [...counts]
    .map(([reason, count]) => ({ reason, count }))
    .sort((a, b) => b.count - a.count || (a.reason < b.reason ? -1 : a.reason > b.reason ? 1 : 0))
    .slice(0, limit);
}

export interface TrendInputs {
  day: DayKey | null;
  team: string | null;
  now: EpochMs;
  /** Local minute of the day at `now`. */
  nowMinute: number;
  shift: Shift;
  /** Today's buckets with the open statuses added. */
  today: DayTrend;
  lastWeek: { day: DayKey; trend: DayTrend } | null;
  reps: readonly Pick<RepView, 'refusals'>[];
  totals: Pick<Totals, FunnelStep | 'targets'>;
  /** One campaign's calls only (see TrendsResponse.campaign). */
  campaign?: string;
}

/** Shapes the chart series over the shift (widened to any bucket with activity). */
export function buildTrends(input: TrendInputs): TrendsResponse {
  const { today, shift } = input;
  // Positions k = 0..95 are the business day's quarter hours from its start; bucket (k + offset) % 96.
  const dayStart = shift.dayStartMinute ?? 0;
  const offset = bucketOfMinute(dayStart);
  const bucketAt = (k: number) => (k + offset) % BUCKETS_PER_DAY;
  const position = (minute: number) =>
    Math.min(BUCKETS_PER_DAY - 1, Math.max(0, Math.floor((minute - dayStart) / BUCKET_MINUTES)));
  const active = (t: DayTrend, i: number) =>
    t.dials[i]! > 0 || t.revenue[i]! > 0 || MIX_STATUSES.some((s) => t.statusMs[s][i]! > 0);
  let first = position(shift.startMinute);
  let last = position(Math.max(shift.startMinute, shift.endMinute - 1));
  for (let k = 0; k < BUCKETS_PER_DAY; k++) {
    const i = bucketAt(k);
    if (!active(today, i) && !(input.lastWeek && active(input.lastWeek.trend, i))) continue;
    first = Math.min(first, k);
    last = Math.max(last, k);
  }
  const current = position(input.nowMinute);
  const positions = Array.from({ length: last - first + 1 }, (_, n) => first + n);
  const indexes = positions.map(bucketAt);
  const live = (values: number[], scale = 1) =>
    positions.map((k) => (k <= current ? Math.round((values[bucketAt(k)]! / scale) * 10) / 10 : null));
  let running = 0;
  for (let k = 0; k < first; k++) running += today.revenue[bucketAt(k)]!;
  const actual = positions.map((k) => {
    running = Math.round((running + today.revenue[bucketAt(k)]!) * 100) / 100;
    return k <= current ? running : null;
  });
  const startOf = (k: number) => dayStart + k * BUCKET_MINUTES;
  const target = input.totals.targets.revenue;
  return {
    day: input.day,
    team: input.team,
    asOf: input.now,
    bucketMinutes: BUCKET_MINUTES,
    minutes: positions.map(startOf),
    dials: live(today.dials),
    connects: live(today.connects),
    lastWeek: input.lastWeek && {
      day: input.lastWeek.day,
      dials: indexes.map((i) => input.lastWeek!.trend.dials[i]!),
      connects: indexes.map((i) => input.lastWeek!.trend.connects[i]!),
    },
    statusMix: Object.fromEntries(MIX_STATUSES.map((s) => [s, live(today.statusMs[s], MINUTE_MS)])) as Record<
      MixStatus,
      (number | null)[]
    >,
    funnel: funnelOf(input.totals),
    refusals: topRefusals(input.reps),
    revenue: {
      actual,
      pace: positions.map((k) => Math.round(target * shiftFraction(shift, startOf(k + 1)) * 100) / 100),
      target,
    },
    ...(input.campaign === undefined ? {} : { campaign: input.campaign }),
  };
}
