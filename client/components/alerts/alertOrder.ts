import type { Alert } from '../../../shared/domain/alertTypes';

/** Rules whose `since` is itself the moment the threshold was passed (a set time of day). */
const SINCE_IS_THRESHOLD: ReadonlySet<Alert['rule']> = new Set([
  'behind_pace',
  'not_logged_in',
  'callback_overdue',
  'handoff_waiting',
]);

/**
 * When the alert's threshold was passed: the raise (alerts are raised the second their rule's
 * threshold is passed), or the rule's start time where that is the threshold itself.
 */
export function thresholdPassedAt(alert: Alert): number {
  return SINCE_IS_THRESHOLD.has(alert.rule) ? Math.min(alert.since, alert.raisedAt) : alert.raisedAt;
}

const severityRank = (a: Alert) => (a.severity === 'critical' ? 0 : 1);

/**
 * Who needs someone first: critical before warning, then the one furthest past its threshold
 * (passed earliest), then by id so the order is stable.
 */
export function byUrgency(a: Alert, b: Alert): number {
  return (
    severityRank(a) - severityRank(b) ||
    thresholdPassedAt(a) - thresholdPassedAt(b) ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}

/** A sorted copy, most urgent first. */
export function orderByUrgency(alerts: readonly Alert[]): Alert[] {
  return [...alerts].sort(byUrgency);
}
