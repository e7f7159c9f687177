import { HOUR_MS, type EpochMs } from '../time';
import { QUARTER_MS, type QuarterCounts } from './dimensionState';

/**
 * Caller-ID health (issue #15): a line whose connect rate collapses against its own earlier rate is
 * "possibly flagged as spam" by handset apps (80 % answered falls under 30 %). One definition for
 * the campaigns view and the alert rules; time comes in as a value.
 *
 * - Recent: the last hour, counted in quarter hours: the current one and the three before it.
 * - Baseline: the line's own calls today before that.
 * - Flagged: at least CALLER_ID_MIN_RECENT_DIALS recent dials, a baseline of at least
 *   CALLER_ID_MIN_BASELINE_DIALS dials, and a recent connect rate below
 *   CALLER_ID_FLAG_FRACTION of the baseline rate.
 */
export const CALLER_ID_RECENT_MS = HOUR_MS;
export const CALLER_ID_RECENT_QUARTERS = CALLER_ID_RECENT_MS / QUARTER_MS;
export const CALLER_ID_MIN_RECENT_DIALS = 20;
export const CALLER_ID_MIN_BASELINE_DIALS = 30;
export const CALLER_ID_FLAG_FRACTION = 0.5;
/** The floor's rate in the same hour is shown from this many dials. */
export const FLOOR_RATE_MIN_DIALS = 20;

export interface CallerIdWindows {
  recentDials: number;
  recentConnects: number;
  baselineDials: number;
  baselineConnects: number;
}

/** The quarter hour of the day `now` falls in (may be past the day's last one, or negative). */
export function quarterAt(now: EpochMs, dayStart: EpochMs): number {
  return Math.floor((now - dayStart) / QUARTER_MS);
}

/** Recent and baseline dials and connects of quarter-hour counts, as of the quarter `nowQuarter`. */
export function windowsOf(quarters: QuarterCounts, nowQuarter: number): CallerIdWindows {
  const out: CallerIdWindows = { recentDials: 0, recentConnects: 0, baselineDials: 0, baselineConnects: 0 };
  const from = nowQuarter - CALLER_ID_RECENT_QUARTERS + 1;
  for (let q = 0; q * 2 < quarters.length && q <= nowQuarter; q++) {
    const [dials, connects] = [quarters[q * 2]!, quarters[q * 2 + 1]!];
    if (q >= from) [out.recentDials, out.recentConnects] = [out.recentDials + dials, out.recentConnects + connects];
    else [out.baselineDials, out.baselineConnects] = [out.baselineDials + dials, out.baselineConnects + connects];
  }
  return out;
}

/** The line's own connect rate before the last hour, or null with too few dials to say. */
export function baselineRate(w: CallerIdWindows, minDials = CALLER_ID_MIN_BASELINE_DIALS): number | null {
  return w.baselineDials >= minDials && w.baselineDials > 0 ? w.baselineConnects / w.baselineDials : null;
}

export interface FlagThresholds {
  minRecentDials: number;
  minBaselineDials: number;
  fraction: number;
}

export const DEFAULT_FLAG_THRESHOLDS: FlagThresholds = {
  minRecentDials: CALLER_ID_MIN_RECENT_DIALS,
  minBaselineDials: CALLER_ID_MIN_BASELINE_DIALS,
  fraction: CALLER_ID_FLAG_FRACTION,
};

/** Whether the line's recent connect rate collapsed against its baseline. */
export function isFlagged(w: CallerIdWindows, t: FlagThresholds = DEFAULT_FLAG_THRESHOLDS): boolean {
  const base = baselineRate(w, t.minBaselineDials);
  if (base === null || w.recentDials < t.minRecentDials || w.recentDials === 0) return false;
  return w.recentConnects / w.recentDials < t.fraction * base;
}
