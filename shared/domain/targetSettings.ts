import { z } from 'zod';
import { idSchema } from '../events/callEvent';
import { namedRecord } from '../records';
import type { DayKey } from '../time';
import { TARGET_METRICS, type DailyTargets, type TargetMetric } from './targets';

/** Targets set at one level: daily figures, and monthly ones spread over the working days. */
export interface TargetLayer {
  daily?: Partial<DailyTargets>;
  monthly?: Partial<DailyTargets>;
}

/**
 * Everything people have set; the environment's defaults sit underneath. `teams` and `reps` are
 * keyed by ids people choose: they have no prototype (a team may be called "__proto__").
 */
export interface TargetSettings {
  floor: TargetLayer;
  teams: Record<string, TargetLayer>;
  reps: Record<string, TargetLayer>;
}

export function emptyTargetSettings(): TargetSettings {
  return { floor: {}, teams: namedRecord(), reps: namedRecord() };
}

/** How far the month has gone, for spreading monthly targets (per rep). */
export interface MonthProgress {
  /** Working days from today to the month's end, today included (>= 1 on a working day). */
  workingDaysLeft: number;
  /** What the rep achieved this month before today, per metric (talk in minutes). */
  achievedBeforeToday: Partial<DailyTargets>;
}

/**
 * A rep's daily targets: per metric the most specific level wins (rep, team, floor, default);
 * within a level a daily figure beats a monthly one. A monthly figure becomes what is left of
 * it divided by the working days left, so it is re-spread every day as the month goes on.
 */
export function resolveTargets(
  settings: TargetSettings,
  defaults: DailyTargets,
  rep: { id: string; team: string | null },
  month: MonthProgress,
): DailyTargets {
  const layers = [settings.reps[rep.id], rep.team ? settings.teams[rep.team] : undefined, settings.floor];
  const resolved = { ...defaults };
  for (const metric of TARGET_METRICS) {
    for (const layer of layers) {
      const daily = layer?.daily?.[metric];
      if (daily !== undefined) {
        resolved[metric] = daily;
        break;
      }
      const monthly = layer?.monthly?.[metric];
      if (monthly !== undefined) {
        resolved[metric] = spread(monthly, month.achievedBeforeToday[metric] ?? 0, month.workingDaysLeft);
        break;
      }
    }
  }
  return resolved;
}

function spread(monthly: number, achieved: number, daysLeft: number): number {
  if (daysLeft <= 0) return 0;
  // Drop floating-point noise before rounding up (12000 - 9550.55 is 2449.4500000000007, not a cent more).
  const cents = Number((((monthly - achieved) / daysLeft) * 100).toPrecision(12));
  return Math.max(0, Math.ceil(cents) / 100);
}

/** Working days (by ISO weekday, 1 = Monday) from `day` to the end of its month, `day` included. */
export function workingDaysLeft(day: DayKey, workingWeekdays: readonly number[]): number {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  let count = 0;
  for (let d = date; d <= last; d++) {
    const weekday = new Date(Date.UTC(year, month - 1, d)).getUTCDay() || 7;
    if (workingWeekdays.includes(weekday)) count++;
  }
  return count;
}

/** The days of `day`'s month before it (YYYY-MM-DD). */
export function daysOfMonthBefore(day: DayKey): DayKey[] {
  const prefix = day.slice(0, 8);
  const date = Number(day.slice(8));
  return Array.from({ length: date - 1 }, (_, i) => `${prefix}${String(i + 1).padStart(2, '0')}`);
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
    ]),
    period: z.enum(['daily', 'monthly']),
    targets: targetPatch,
  })
  .strict();
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
