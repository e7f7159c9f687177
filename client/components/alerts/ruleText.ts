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
  const words = campaignDetail(alert.rule, detail, t);
  return words === null ? `${rule} · ${detail}` : `${rule} · ${words}`;
}

const NUMBER = /^\d+$/;

/**
 * The detail of an issue #15 alert in words (shared/domain/campaignAlerts.ts writes them):
 * `recent/baseline` percentages, `rate/dials`, minutes left, a count, `times/rep,rep`.
 * Null when the detail is not of the expected shape (then it is shown as it is).
 */
function campaignDetail(rule: Alert['rule'], detail: string, t: Translate): string | null {
  const [a = '', b = ''] = detail.split('/');
  switch (rule) {
    case 'caller_id_flagged':
      return NUMBER.test(a) && NUMBER.test(b) ? t('alerts.detailLine', { recent: a, baseline: b }) : null;
    case 'list_quality':
      return NUMBER.test(a) && NUMBER.test(b) ? t('alerts.detailListQuality', { rate: a, dials: b }) : null;
    case 'list_running_dry':
      if (!NUMBER.test(detail)) return null;
      return detail === '0' ? t('alerts.detailDry') : t('alerts.detailDryIn', { n: detail });
    case 'missing_outcome':
      return NUMBER.test(detail) ? t('alerts.detailMissing', { n: detail }) : null;
    case 'contact_frequency': {
      const parts: string[] = [];
      if (NUMBER.test(a)) parts.push(t('alerts.detailContactTimes', { n: a }));
      if (b !== '') parts.push(t('alerts.detailContactReps', { reps: b.split(',').join(', ') }));
      return parts.length > 0 ? parts.join(' · ') : null;
    }
    default:
      return null;
  }
}
