import type { ActiveCondition } from '../../shared/domain/alerts';
import type { AlertRule, AlertSettings } from '../../shared/domain/alertTypes';
import type { EpochMs } from '../../shared/time';
import { FIGURE_RULES } from './figureAlerts';

/** Alert conditions from outside the day's fold, with when each rep's can next change by time alone. */
export interface ExtraAlertSource {
  /** Reps that may hold such a condition (their due times are filed on a whole-floor pass). */
  reps(now: EpochMs): readonly string[];
  /** `settings`: the monitor's thresholds (sources with thresholds of their own ignore them). */
  conditions(only: ReadonlySet<string> | null, now: EpochMs, settings: AlertSettings): ActiveCondition[];
  nextDue(rep: string, now: EpochMs, settings: AlertSettings): EpochMs | null;
}

/**
 * Rules whose conditions come from a pass of their own (sourceAlerts.ts, figureAlerts.ts), not
 * from the reps: the per-rep evaluation neither raises nor clears them.
 */
export const OWN_PASS_RULES: ReadonlySet<AlertRule> = new Set<AlertRule>(['source_silent', ...FIGURE_RULES]);

/** Rules whose detail is a count that moves while the alert is open: stored again when it changes. */
export const LIVE_DETAIL_RULES: ReadonlySet<AlertRule> = new Set<AlertRule>(['missing_outcome', 'contact_frequency']);
