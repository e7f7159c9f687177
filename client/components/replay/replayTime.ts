import type { EpochMs } from '../../../shared/time';

/** "14:35:00" on the floor's clock (its time zone), whatever the browser's zone. */
export function replayClock(at: EpochMs, timeZone: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).format(at);
}

/** "Tue 1 Dec" / "12月1日周二" on the floor's calendar. */
export function replayDate(at: EpochMs, timeZone: string, locale: string): string {
  return new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : locale, {
    timeZone,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
  })
    .format(at)
    .replace(',', '');
}
