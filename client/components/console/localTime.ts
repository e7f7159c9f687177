import { createLocalTime, type DayKey, type EpochMs } from '../../../shared/time';

const formats = new Map<string, Intl.DateTimeFormat>();

function formatFor(locale: string, timeZone: string, withDate: boolean): Intl.DateTimeFormat {
  const key = `${locale}|${timeZone}|${withDate}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, {
      timeZone,
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      ...(withDate ? { month: 'short', day: 'numeric' } : {}),
    });
    formats.set(key, format);
  }
  return format;
}

const businessDays = new Map<string, (at: EpochMs) => DayKey>();
function dayOf(at: EpochMs, timeZone: string, dayStartMinute: number): DayKey {
  const key = `${timeZone}|${dayStartMinute}`;
  let of = businessDays.get(key);
  if (!of) businessDays.set(key, (of = createLocalTime(timeZone, dayStartMinute).dayOf));
  return of(at);
}

/**
 * Wall-clock time in the floor's time zone ("10:42"), with the date when `at` is not in the same
 * business day as `now` (a call-back tomorrow, a note from yesterday). The business day starts at
 * `dayStartMinute` (FloorSettings.dayStart; default midnight): on a night shift with the day
 * starting at 06:00, 01:30 after a note of 22:00 is the same day and shows without a date.
 */
export function formatFloorTime(
  at: EpochMs,
  timeZone: string,
  locale: string,
  now?: EpochMs,
  dayStartMinute = 0,
): string {
  const withDate = now !== undefined && dayOf(at, timeZone, dayStartMinute) !== dayOf(now, timeZone, dayStartMinute);
  return formatFor(locale, timeZone, withDate).format(at);
}
