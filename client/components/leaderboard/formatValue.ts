import type { LeaderboardMetric } from '../../../shared/domain/leaderboard';
import { formatCount, formatMoney, formatRatio, formatSpan } from '../../format';

type Translate = (key: string, values?: Record<string, unknown>) => string;

/** A board value as people read it: counts grouped, revenue in the floor's currency, talk as a span (2 h 5 min), ratios as %. */
export function formatBoardValue(
  metric: LeaderboardMetric,
  value: number,
  locale: string,
  currency: string,
  t: Translate,
): string {
  switch (metric) {
    case 'revenue':
    case 'handoffRevenue':
      return formatMoney(value, currency, locale);
    case 'talkSeconds':
      return formatSpan(value, t);
    case 'conversion':
      return formatRatio(value);
    case 'targetPercent':
      return `${formatCount(Math.round(value), locale)}%`;
    default:
      return formatCount(value, locale);
  }
}
