import { businessMinute, MINUTES_PER_DAY, type EpochMs } from '../time';

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

/**
 * The floor's shift in minutes of the business day (createLocalTime's minuteOfDay): local minutes
 * after midnight, plus 1440 for those before the day start. 09:00-18:00 = 540-1080; with the day
 * starting at 06:00 a night shift 21:00-05:00 = 1260-1740.
 */
export interface Shift {
  startMinute: number;
  endMinute: number;
  /** Local minute the business day starts at (FLOORBOARD_DAY_START); absent: 0, midnight. */
  dayStartMinute?: number;
}

/**
 * A shift from clock times ("HH:MM") in a business day starting at `dayStartMinute`, or why it
 * cannot be one. An end at or before the start is the next morning (21:00-05:00 is 8 hours);
 * the shift must lie inside one business day: it may not run past the day start (a shift
 * 21:00-05:00 needs a day start between 05:00 and 21:00), and start = end is no shift.
 */
export function businessShift(
  start: string,
  end: string,
  dayStartMinute = 0,
): { ok: true; shift: Shift } | { ok: false; error: string } {
  const from = parseClockTime(start);
  const to = parseClockTime(end);
  if (from === null || to === null) return { ok: false, error: 'shift times must be HH:MM (24-hour)' };
  if (from === to) return { ok: false, error: `the shift ${start}-${end} has no length` };
  const startMinute = businessMinute(from, dayStartMinute);
  // The end belongs to the business day it closes: an end exactly at the day start is that day's end.
  const endMinute = to === dayStartMinute ? dayStartMinute + MINUTES_PER_DAY : businessMinute(to, dayStartMinute);
  if (endMinute <= startMinute)
    return {
      ok: false,
      error:
        `the shift ${start}-${end} runs over the business day start ${formatClockTime(dayStartMinute)}: ` +
        `set FLOORBOARD_DAY_START to a time outside the shift (e.g. ${end} for a night shift)`,
    };
  return { ok: true, shift: { startMinute, endMinute, dayStartMinute } };
}

/** Parses "HH:MM" into minutes after midnight, or null. */
export function parseClockTime(value: string): number | null {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(value);
  return m ? Number(m[1]) * 60 + Number(m[2]) : null;
}

/** "HH:MM" of a minute of the day; business minutes past 24:00 (a night shift's) show the clock time. */
export function formatClockTime(minute: number): string {
  minute = ((minute % MINUTES_PER_DAY) + MINUTES_PER_DAY) % MINUTES_PER_DAY;
  return `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
}

/** A clock time ("HH:MM" as minutes after midnight) as a minute of the shift's business day. */
export function shiftMinuteOf(shift: Shift, clockMinute: number): number {
  return businessMinute(clockMinute, shift.dayStartMinute ?? 0);
}

/** Fraction (0..1) of the shift elapsed at a business minute of the day (fractional minutes allowed). */
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
