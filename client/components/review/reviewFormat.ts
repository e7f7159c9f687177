import { formatClockTime } from '../../../shared/domain/targets';

/** A percentage of the review ("87%"), or "–" when there was nothing to divide by. */
export function formatPercent(value: number | null): string {
  return value === null || !Number.isFinite(value) ? '–' : `${Math.round(value)}%`;
}

/** Pace in words and shape, never by colour alone: "▲ 117%", "▼ 82%", "–". */
export function paceMark(value: number | null): { text: string; behind: boolean | null } {
  if (value === null) return { text: '–', behind: null };
  return { text: `${value >= 100 ? '▲' : '▼'} ${Math.round(value)}%`, behind: value < 100 };
}

/** "21:00–22:00" of an hour starting at a business minute (01:00 after a night is minute 1500). */
export function hourLabel(minute: number): string {
  return `${formatClockTime(minute)}–${formatClockTime(minute + 60)}`;
}

/**
 * Days as weekday runs in the locale: ["2026-03-04", "2026-03-05", "2026-03-06", "2026-03-08"] →
 * "Wed–Fri and Sun" ("周三至周五和周日"); `range` joins a run's first and last day.
 */
export function weekdayRuns(days: readonly string[], locale: string, range: (from: string, to: string) => string) {
  const name = new Intl.DateTimeFormat(locale, { weekday: 'short', timeZone: 'UTC' });
  const dateOf = (day: string) => Date.parse(`${day}T00:00:00Z`);
  const runs: [number, number][] = [];
  for (const at of [...new Set(days)].map(dateOf).sort((a, b) => a - b)) {
    const last = runs[runs.length - 1];
    if (last && at - last[1] === 86_400_000) last[1] = at;
    else runs.push([at, at]);
  }
  const words = runs.map(([from, to]) => (from === to ? name.format(from) : range(name.format(from), name.format(to))));
  return new Intl.ListFormat(locale, { type: 'conjunction' }).format(words);
}
