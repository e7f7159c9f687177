import type { EpochMs } from '../time';

/** A rep's daily targets. */
export interface DailyTargets {
  dials: number;
  effectiveCalls: number;
  talkMinutes: number;
  leads: number;
  deals: number;
  revenue: number;
}

export const TARGET_METRICS = ['dials', 'effectiveCalls', 'talkMinutes', 'leads', 'deals', 'revenue'] as const;
export type TargetMetric = (typeof TARGET_METRICS)[number];

/** The floor's shift in local minutes after midnight, e.g. 09:00-18:00 = 540-1080. */
export interface Shift {
  startMinute: number;
  endMinute: number;
}

/** Parses "HH:MM" into minutes after midnight, or null. */
export function parseClockTime(value: string): number | null {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(value);
  return m ? Number(m[1]) * 60 + Number(m[2]) : null;
}

export function formatClockTime(minute: number): string {
  return `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
}

/** Fraction (0..1) of the shift elapsed at a local minute of the day (fractional minutes allowed). */
export function shiftFraction(shift: Shift, localMinute: number): number {
  const length = shift.endMinute - shift.startMinute;
  if (length <= 0) return 1;
  return Math.min(1, Math.max(0, (localMinute - shift.startMinute) / length));
}

/**
 * Pace = actual / (daily target x fraction of the shift elapsed); >= 1 is on pace.
 * Null when nothing is expected yet (before the shift, or no target).
 */
export function pace(actual: number, target: number, fraction: number): number | null {
  const expected = target * fraction;
  return expected > 0 ? actual / expected : null;
}

/** Local minute of the day (with seconds as a fraction) for `now`, given the whole-minute value. */
export function preciseMinute(minuteOfDay: number, now: EpochMs): number {
  return minuteOfDay + (now % 60_000) / 60_000;
}

/** Actual figure of a rep for each target metric (talk in minutes). */
export function actualFor(rep: {
  dials: number;
  effectiveCalls: number;
  talkSeconds: number;
  leads: number;
  deals: number;
  revenue: number;
}): DailyTargets {
  return {
    dials: rep.dials,
    effectiveCalls: rep.effectiveCalls,
    talkMinutes: rep.talkSeconds / 60,
    leads: rep.leads,
    deals: rep.deals,
    revenue: rep.revenue,
  };
}

/** Pace per target metric for a rep at a fraction of the shift. */
export function repPace(
  rep: Parameters<typeof actualFor>[0] & { targets: DailyTargets },
  fraction: number,
): Record<TargetMetric, number | null> {
  const actual = actualFor(rep);
  return Object.fromEntries(TARGET_METRICS.map((m) => [m, pace(actual[m], rep.targets[m], fraction)])) as Record<
    TargetMetric,
    number | null
  >;
}
