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
