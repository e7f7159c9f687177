import type { EpochMs } from '../../../shared/time';

/** A creation time in the viewer's language and time zone, to the minute. */
export function formatCreated(at: EpochMs, locale: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(at);
}
