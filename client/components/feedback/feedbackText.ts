type Translate = (key: string, values?: Record<string, unknown>) => string;

/** This week against last week's same days, in words (never colour alone): "▲ 20% more", "New this week". */
export function trendText(week: number, lastWeek: number, t: Translate): string {
  if (lastWeek === 0) return week > 0 ? t('marketFeedback.new') : '';
  const pct = Math.round(((week - lastWeek) / lastWeek) * 100);
  if (pct === 0) return t('marketFeedback.same');
  return pct > 0 ? t('marketFeedback.up', { pct }) : t('marketFeedback.down', { pct: -pct });
}

/** Which way the trend goes, for its mark's shape and class. */
export function trendDirection(week: number, lastWeek: number): 'up' | 'down' | 'same' | 'new' | 'none' {
  if (lastWeek === 0) return week > 0 ? 'new' : 'none';
  return week > lastWeek ? 'up' : week < lastWeek ? 'down' : 'same';
}
