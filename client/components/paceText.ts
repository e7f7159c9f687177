/** How a pace reads: ahead (▲), on pace, or behind (▼), from the whole percentage shown. */
export type PaceKind = 'ahead' | 'on' | 'behind';

type Translate = (key: string, values?: Record<string, unknown>) => string;

/** The whole percentage of pace shown (1.174 -> 117). */
export function pacePercent(pace: number): number {
  return Math.round(pace * 100);
}

/** 100 % (as shown) is on pace; more is ahead, less behind: the arrow never contradicts the number. */
export function paceKind(pace: number): PaceKind {
  const percent = pacePercent(pace);
  return percent > 100 ? 'ahead' : percent < 100 ? 'behind' : 'on';
}

/**
 * Pace in words: "117% of pace" / "98% of pace" / "On pace" (the arrow is drawn beside it);
 * 进度 117%，领先 / 进度 98%，落后 / 进度正常 — never "落后 98%", which reads as 98 % behind.
 */
export function paceText(pace: number, t: Translate): string {
  const kind = paceKind(pace);
  if (kind === 'on') return t('pace.onPace');
  return t(kind === 'ahead' ? 'pace.ahead' : 'pace.behind', { percent: `${pacePercent(pace)}%` });
}

/** The arrow of a pace kind (text glyph), null on pace. */
export function paceArrow(kind: PaceKind): string | null {
  return kind === 'ahead' ? '▲' : kind === 'behind' ? '▼' : null;
}
