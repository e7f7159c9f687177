import type { Alert } from '../../../shared/domain/alertTypes';
import { reasonLabel } from '../reasonLabel';

type Translate = (key: string, values?: Record<string, unknown>) => string;

/** The alert's rule in words, with its detail (the pause reason, the pace reached). */
export function ruleText(alert: Pick<Alert, 'rule' | 'detail'>, t: Translate): string {
  const rule = t(`alerts.rule.${alert.rule}`);
  const detail = alert.detail;
  if (detail === null || detail === '') return rule;
  if (alert.rule === 'long_pause') return `${rule} · ${reasonLabel('pause', detail, (key) => t(key))}`;
  if (alert.rule === 'source_silent' && ['disconnected', 'not_reporting', 'silent'].includes(detail))
    return `${rule} · ${t(`alerts.sourceProblem.${detail}`)}`;
  if (alert.rule === 'behind_pace') return `${rule} · ${t('alerts.detailPace', { pace: detail })}`;
  return `${rule} · ${detail}`;
}
