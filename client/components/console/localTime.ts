import type { EpochMs } from '../../../shared/time';

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

const dayFormats = new Map<string, Intl.DateTimeFormat>();
function dayOf(at: EpochMs, timeZone: string): string {
  let format = dayFormats.get(timeZone);
  if (!format) dayFormats.set(timeZone, (format = new Intl.DateTimeFormat('en-CA', { timeZone })));
  return format.format(at);
}

/**
 * Wall-clock time in the floor's time zone ("10:42"), with the date when `at` is not on the
 * same local day as `now` (a call-back tomorrow, a note from yesterday).
 */
export function formatFloorTime(at: EpochMs, timeZone: string, locale: string, now?: EpochMs): string {
  const withDate = now !== undefined && dayOf(at, timeZone) !== dayOf(now, timeZone);
  return formatFor(locale, timeZone, withDate).format(at);
}
