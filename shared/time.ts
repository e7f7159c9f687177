/** Milliseconds since the Unix epoch. */
export type EpochMs = number;

/** Where "now" comes from; injected so that tests and the fold never read the wall clock. */
export type Clock = () => EpochMs;

export const SECOND_MS = 1000;
export const MINUTE_MS = 60 * SECOND_MS;
export const HOUR_MS = 60 * MINUTE_MS;

/** Local calendar date (YYYY-MM-DD) of an instant in a time zone. */
export type DayKey = string;

/**
 * Returns a function giving the local date and minute-of-day of an instant in `timeZone`.
 * Results are memoised per UTC hour (every real zone offset is a multiple of 15 minutes, so
 * one hour maps to at most two dates; we memoise the quarter-hour to stay exact).
 */
export function createLocalTime(timeZone: string): {
  dayOf: (at: EpochMs) => DayKey;
  minuteOfDay: (at: EpochMs) => number;
} {
  const format = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  const cache = new Map<number, { day: DayKey; minute: number }>();
  const QUARTER = 15 * MINUTE_MS;
  function local(at: EpochMs): { day: DayKey; minute: number } {
    const bucket = Math.floor(at / QUARTER);
    let hit = cache.get(bucket);
    if (!hit) {
      const parts: Record<string, string> = {};
      for (const p of format.formatToParts(bucket * QUARTER)) parts[p.type] = p.value;
      hit = {
        day: `${parts.year}-${parts.month}-${parts.day}`,
        minute: Number(parts.hour) * 60 + Number(parts.minute),
      };
      if (cache.size > 4096) cache.clear();
      cache.set(bucket, hit);
    }
    return hit;
  }
  return {
    dayOf: (at) => local(at).day,
    minuteOfDay: (at) => local(at).minute + Math.floor((at % QUARTER) / MINUTE_MS),
  };
}

/** True when `timeZone` is an IANA zone name this runtime knows. */
export function isKnownTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}
