import { z } from 'zod';
import { idSchema } from '../events/callEvent';
import type { DayKey } from '../time';

export const LEADERBOARD_METRICS = [
  'deals',
  'revenue',
  'leads',
  'effectiveCalls',
  'dials',
  'talkSeconds',
  'conversion',
  'targetPercent',
  // Credit for leads the rep handed off that closed won (issue #16), beside revenue, not in it.
  'handoffsWon',
  'handoffRevenue',
] as const;
export type LeaderboardMetric = (typeof LEADERBOARD_METRICS)[number];

/** today; week = ISO week (Monday first) up to today; month = the 1st up to today. */
export const LEADERBOARD_PERIODS = ['today', 'week', 'month'] as const;
export type LeaderboardPeriod = (typeof LEADERBOARD_PERIODS)[number];

/** GET /api/leaderboard?metric=&period=&team=&campaign= */
export const leaderboardQuerySchema = z
  .object({
    metric: z.enum(LEADERBOARD_METRICS),
    period: z.enum(LEADERBOARD_PERIODS).default('today'),
    team: idSchema.optional(),
    /** Only this campaign's calls (issue #15): today only, past days keep no per-campaign figures. */
    campaign: idSchema.optional(),
  })
  .strict()
  .refine((q) => q.campaign === undefined || q.period === 'today', {
    path: ['campaign'],
    message: 'only with period=today: past days keep no per-campaign figures',
  });
export type LeaderboardQuery = z.infer<typeof leaderboardQuerySchema>;

/** A rep's figures of one day (the shape of a saved day total or a live rep view). */
export interface DayFigures {
  name: string;
  team: string | null;
  dials: number;
  connects: number;
  effectiveCalls: number;
  talkSeconds: number;
  leads: number;
  deals: number;
  revenue: number;
  /** Handed-off leads closed won that day and their amounts (absent in totals saved before issue #16). */
  handoffsWon?: number;
  handoffRevenue?: number;
}

/** A rep's figures summed over the period, with the revenue target of the days worked in it. */
export interface LeaderboardInput extends DayFigures {
  rep: string;
  revenueTarget: number;
}

export interface LeaderboardRow {
  /** 1..n, distinct, in the board's stable order. */
  position: number;
  /**
   * Standard competition ranking: equal values share the rank of the first of them, and the next
   * value skips the places they took (1, 2, 2, 4). Shown as "=2" when `tied`.
   */
  rank: number;
  /** Another row on the board has the same value (and so the same rank). */
  tied: boolean;
  rep: string;
  name: string;
  team: string | null;
  value: number;
  /** Places gained since the board's order last changed (positive = moved up, 0 = new or same). */
  movement: number;
}

export interface LeaderboardResponse {
  metric: LeaderboardMetric;
  period: LeaderboardPeriod;
  team: string | null;
  /** First and last local day the board covers. */
  from: DayKey;
  to: DayKey;
  rows: LeaderboardRow[];
  /** The asking rep's own row on this board (rep viewers only; null when not on it). */
  own: LeaderboardRow | null;
}

/**
 * The value ranked for a metric.
 * - conversion = deals / connects (a fraction 0..1; 0 when no connects).
 * - targetPercent = 100 x revenue / revenueTarget, where revenueTarget is the rep's daily revenue
 *   target summed over the days of the period the rep worked (appears in that day's totals); for
 *   today it is the rep's daily target. 0 when the target is 0.
 */
export function metricValue(row: LeaderboardInput, metric: LeaderboardMetric): number {
  if (metric === 'conversion') return row.connects > 0 ? row.deals / row.connects : 0;
  if (metric === 'targetPercent') return row.revenueTarget > 0 ? (100 * row.revenue) / row.revenueTarget : 0;
  return row[metric] ?? 0;
}

/**
 * Ranks reps: value descending, ties by rep id ascending. Positions are distinct 1..n in that
 * order, so the board never reshuffles between equal reps; equal values share a rank (see
 * competitionRanks).
 */
export function buildLeaderboard(
  rows: readonly LeaderboardInput[],
  metric: LeaderboardMetric,
  previous?: ReadonlyMap<string, number>,
): { rows: LeaderboardRow[] } {
  const valued = rows.map((row) => ({ row, value: metricValue(row, metric) }));
  valued.sort((a, b) => b.value - a.value || (a.row.rep < b.row.rep ? -1 : a.row.rep > b.row.rep ? 1 : 0));
  const ranks = competitionRanks(valued, (a, b) => a.value === b.value);
  return {
    rows: valued.map(({ row, value }, i) => {
      const before = previous?.get(row.rep);
      return {
        position: i + 1,
        rank: ranks[i]!.rank,
        tied: ranks[i]!.tied,
        rep: row.rep,
        name: row.name,
        team: row.team,
        value,
        movement: before === undefined ? 0 : before - (i + 1),
      };
    }),
  };
}

/** Adds one day of a rep to the period's inputs (name and team: the latest day added wins). */
export function addDay(
  inputs: Map<string, LeaderboardInput>,
  rep: string,
  day: DayFigures,
  dailyRevenueTarget: number,
): void {
  const sum = inputs.get(rep) ?? { ...zeroInput(rep), name: day.name, team: day.team };
  sum.name = day.name;
  sum.team = day.team;
  sum.dials += day.dials;
  sum.connects += day.connects;
  sum.effectiveCalls += day.effectiveCalls;
  sum.talkSeconds += day.talkSeconds;
  sum.leads += day.leads;
  sum.deals += day.deals;
  sum.revenue = Math.round((sum.revenue + day.revenue) * 100) / 100;
  sum.handoffsWon = (sum.handoffsWon ?? 0) + (day.handoffsWon ?? 0);
  sum.handoffRevenue = Math.round(((sum.handoffRevenue ?? 0) + (day.handoffRevenue ?? 0)) * 100) / 100;
  sum.revenueTarget += dailyRevenueTarget;
  inputs.set(rep, sum);
}

function zeroInput(rep: string): LeaderboardInput {
  const zero = { dials: 0, connects: 0, effectiveCalls: 0, talkSeconds: 0, leads: 0, deals: 0, revenue: 0 };
  return { rep, name: rep, team: null, ...zero, revenueTarget: 0 };
}

/** The days a period covers, oldest first, ending with `today`. */
export function periodDays(period: LeaderboardPeriod, today: DayKey): DayKey[] {
  const [y, m, d] = today.split('-').map(Number) as [number, number, number];
  const end = Date.UTC(y, m - 1, d);
  const weekday = new Date(end).getUTCDay() || 7; // ISO: Monday 1 .. Sunday 7
  const count = period === 'today' ? 1 : period === 'week' ? weekday : d;
  return Array.from({ length: count }, (_, i) => dayKeyOf(end - (count - 1 - i) * 86_400_000));
}

/** `day` moved by whole calendar days. */
export function addDays(day: DayKey, days: number): DayKey {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return dayKeyOf(Date.UTC(y, m - 1, d + days));
}

function dayKeyOf(utcMidnight: number): DayKey {
  return new Date(utcMidnight).toISOString().slice(0, 10);
}

/**
 * Standard competition ranks ("1224") of items already in order: an item equal to the one before
 * it shares its rank; the next different item's rank is its own place. `tied` marks every item
 * that shares its rank with another.
 */
export function competitionRanks<T>(
  sorted: readonly T[],
  equal: (a: T, b: T) => boolean,
): { rank: number; tied: boolean }[] {
  const out: { rank: number; tied: boolean }[] = [];
  sorted.forEach((item, i) => {
    const prev = i > 0 ? sorted[i - 1]! : undefined;
    if (prev !== undefined && equal(prev, item)) {
      const rank = out[i - 1]!.rank;
      out[i - 1]!.tied = true;
      out.push({ rank, tied: true });
    } else out.push({ rank: i + 1, tied: false });
  });
  return out;
}
