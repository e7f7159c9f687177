import type { LeaderboardMetric } from '../../../shared/domain/leaderboard';
import { formatCount, formatMoney, formatRatio, splitHoursMinutes } from '../../format';

/** A board value as people read it: counts grouped, revenue in the floor's currency, talk as h:mm, ratios as %. */
export function formatBoardValue(metric: LeaderboardMetric, value: number, locale: string, currency: string): string {
  switch (metric) {
    case 'revenue':
      return formatMoney(value, currency, locale);
    case 'talkSeconds': {
      const { h, m } = splitHoursMinutes(value);
      return `${h}:${String(m).padStart(2, '0')}`;
    }
    case 'conversion':
      return formatRatio(value);
    case 'targetPercent':
      return `${formatCount(Math.round(value), locale)}%`;
    default:
      return formatCount(value, locale);
  }
}
