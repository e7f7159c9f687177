/** Milliseconds since the Unix epoch. */
export type EpochMs = number;

/** Where "now" comes from; injected so that tests and the fold never read the wall clock. */
export type Clock = () => EpochMs;

export const SECOND_MS = 1000;
export const MINUTE_MS = 60 * SECOND_MS;
export const HOUR_MS = 60 * MINUTE_MS;

/** Local calendar date (YYYY-MM-DD) of an instant in a time zone. */
export type DayKey = string;

/** Minutes in a day on the clock (a business day on a daylight-saving change lasts 23 or 25 hours). */
export const MINUTES_PER_DAY = 24 * 60;

/** The business day's minute of a clock time (minutes after local midnight): [dayStart, dayStart + 1440). */
export function businessMinute(clockMinute: number, dayStartMinute: number): number {
  return clockMinute < dayStartMinute ? clockMinute + MINUTES_PER_DAY : clockMinute;
}

/** The date one day before `day` (YYYY-MM-DD). */
function dayBefore(day: DayKey): DayKey {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d - 1)).toISOString().slice(0, 10);
}

/**
 * Returns functions giving the business date and the business minute of an instant in `timeZone`.
 * The business day starts at `dayStartMinute` local (default 0, local midnight): with 06:00 an
 * instant at 02:00 on the 6th belongs to the 5th, minute 26 x 60 = 1560. Minutes run over
 * [dayStart, dayStart + 1440) on the wall clock (a night shift 21:00-05:00 is 1260..1740); a
 * business day is the span between two consecutive day-start instants (23 or 25 h on a DST change).
 * Results are memoised per UTC quarter hour: every real zone offset is a multiple of 15 minutes,
 * so a quarter hour maps to one local date and quarter.
 */
export function createLocalTime(
  timeZone: string,
  dayStartMinute = 0,
): {
  dayOf: (at: EpochMs) => DayKey;
  minuteOfDay: (at: EpochMs) => number;
  dayStartMinute: number;
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
  const cache = new Map<number, { day: DayKey; previous: DayKey; minute: number }>();
  const QUARTER = 15 * MINUTE_MS;
  function local(at: EpochMs): { day: DayKey; previous: DayKey; minute: number } {
    const bucket = Math.floor(at / QUARTER);
    let hit = cache.get(bucket);
    if (!hit) {
      const parts: Record<string, string> = {};
      for (const p of format.formatToParts(bucket * QUARTER)) parts[p.type] = p.value;
      const day = `${parts.year}-${parts.month}-${parts.day}`;
      hit = {
        day,
        previous: dayStartMinute === 0 ? day : dayBefore(day),
        minute: Number(parts.hour) * 60 + Number(parts.minute),
      };
      if (cache.size > 4096) cache.clear();
      cache.set(bucket, hit);
    }
    return hit;
  }
  // The clock minute within the quarter: a day start off the quarter hour is exact too.
  const clockMinute = (at: EpochMs) =>
    local(at).minute + Math.floor((((at % QUARTER) + QUARTER) % QUARTER) / MINUTE_MS);
  if (dayStartMinute === 0) return { dayOf: (at) => local(at).day, minuteOfDay: clockMinute, dayStartMinute };
  return {
    dayOf: (at) => (clockMinute(at) < dayStartMinute ? local(at).previous : local(at).day),
    minuteOfDay: (at) => businessMinute(clockMinute(at), dayStartMinute),
    dayStartMinute,
  };
}

/**
 * The first instant in [from, from + days) at which the business date of `timeZone` with this day
 * start goes back (a day start inside the hour a daylight-saving change repeats: 01:30 in New
 * York, whose clocks go back from 02:00 to 01:00), or null when it never does. Days whose UTC
 * offset changes are scanned every quarter hour (where every zone's clock changes); the rest only
 * once a day.
 */
export function businessDayGoesBack(
  timeZone: string,
  dayStartMinute: number,
  from: EpochMs,
  days = 400,
): EpochMs | null {
  const clock = createLocalTime(timeZone);
  const business = createLocalTime(timeZone, dayStartMinute);
  const DAY = 24 * HOUR_MS;
  const QUARTER = 15 * MINUTE_MS;
  const offset = (at: EpochMs) =>
    (((clock.minuteOfDay(at) - Math.floor(at / MINUTE_MS)) % MINUTES_PER_DAY) + MINUTES_PER_DAY) % MINUTES_PER_DAY;
  const start = Math.ceil(from / QUARTER) * QUARTER;
  for (let day = start; day < from + days * DAY; day += DAY) {
    if (offset(day) === offset(day + DAY)) continue;
    let previous = business.dayOf(day - DAY);
    for (let at = day - DAY + QUARTER; at <= day + 2 * DAY; at += QUARTER) {
      const date = business.dayOf(at);
      if (date < previous) return at;
      previous = date;
    }
  }
  return null;
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
