import type { EpochMs } from '../../../shared/time';

/** A dead letter's original stream fields (flat: key, value, key, value…) as "key=value" pairs. */
export function fieldPairs(fields: readonly unknown[]): string[] {
  const pairs: string[] = [];
  for (let i = 0; i < fields.length; i += 2) pairs.push(`${String(fields[i])}=${String(fields[i + 1] ?? '')}`);
  return pairs;
}

/** Cut to `max` characters with an ellipsis; the full text goes in a title. */
export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

const formats = new Map<string, Intl.DateTimeFormat>();

/** Date and time to the second in the floor's time zone. */
export function formatInZone(at: EpochMs, locale: string, timeZone: string): string {
  const key = `${locale}|${timeZone}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { timeZone, dateStyle: 'medium', timeStyle: 'medium', hourCycle: 'h23' });
    formats.set(key, format);
  }
  return format.format(at);
}
