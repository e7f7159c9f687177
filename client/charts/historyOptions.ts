import type { HistoryDay, HistoryResponse } from '../../shared/domain/history';
import type { DayKey } from '../../shared/time';
import type { ECOption } from './echarts';

/** The figures the history chart can show; revenue first (the default). */
export const HISTORY_CHART_METRICS = ['revenue', 'dials', 'connects', 'deals'] as const;
export type HistoryChartMetric = (typeof HISTORY_CHART_METRICS)[number];

/** Translated words and formatters; the builder stays pure (same input, same option). */
export interface HistoryLabels {
  /** The metric's name ("Revenue"). */
  metric: string;
  target: string;
  /** Suffix of a non-working day's axis label (weekend, public holiday). */
  dayOff: string;
  /** Axis label of a day ("03-14"). */
  day: (day: DayKey) => string;
  /** A value of the metric (an amount, or a count). */
  value: (n: number) => string;
}

const C = {
  text: '#f3f6fa',
  muted: '#a8b3c1',
  faint: '#5b6675',
  line: '#2a3441',
  met: '#4ade80',
  below: '#fbbf24',
  plain: '#22d3ee',
  target: '#f3f6fa',
};

/** The day's figure of the metric; null when nothing was saved for the day (a gap, not a zero). */
export function dayValue(day: HistoryDay, metric: HistoryChartMetric): number | null {
  return day.figures ? day.figures[metric] : null;
}

/** The day's target of the metric; null for connects (no target is set for them) or none known. */
export function dayTarget(day: HistoryDay, metric: HistoryChartMetric): number | null {
  if (metric === 'connects' || !day.targets) return null;
  return day.targets[metric];
}

export type Attainment = 'met' | 'below' | 'none';

/** Met (at or over a target above 0), below it, or none (no figures or no target that day). */
export function attainment(day: HistoryDay, metric: HistoryChartMetric): Attainment {
  const value = dayValue(day, metric);
  const target = dayTarget(day, metric);
  if (value === null || target === null || target <= 0) return 'none';
  return value >= target ? 'met' : 'below';
}

export interface HistorySummary {
  /** Sum over the days with figures. */
  actual: number;
  /** Sum of the targets of the days with figures; null when the metric has no target. */
  target: number | null;
  /** actual / target; null without a target above 0. */
  ratio: number | null;
  /** Days with a target above 0 on which it was met, and how many such days there were. */
  met: number;
  measured: number;
  /** Days with figures. */
  worked: number;
}

export function historySummary(data: HistoryResponse, metric: HistoryChartMetric): HistorySummary {
  let [actual, target, met, measured, worked] = [0, 0, 0, 0, 0];
  for (const day of data.days) {
    const value = dayValue(day, metric);
    if (value === null) continue;
    worked++;
    actual += value;
    target += dayTarget(day, metric) ?? 0;
    const state = attainment(day, metric);
    if (state !== 'none') measured++;
    if (state === 'met') met++;
  }
  const round = (n: number) => Math.round(n * 100) / 100;
  const hasTarget = metric !== 'connects';
  return {
    actual: round(actual),
    target: hasTarget ? round(target) : null,
    ratio: hasTarget && target > 0 ? actual / target : null,
    met,
    measured,
    worked,
  };
}

/**
 * The metric per day as bars (green where the day's target was met, amber with stripes where it
 * was not, so the difference does not rest on colour alone) against the day's target as a
 * stepped dashed line. A day without figures is a gap; a non-working day's label is dimmed and
 * marked.
 */
export function historyOption(
  data: HistoryResponse,
  metric: HistoryChartMetric,
  l: HistoryLabels,
  fontSize = 14,
): ECOption {
  const small = fontSize * 0.85;
  const colour = { met: C.met, below: C.below, none: C.plain };
  return {
    textStyle: { color: C.text, fontSize },
    aria: { enabled: true },
    legend: {
      top: 0,
      textStyle: { color: C.text, fontSize },
      data: metric === 'connects' ? [l.metric] : [l.metric, l.target],
    },
    tooltip: {
      trigger: 'axis',
      textStyle: { fontSize },
      valueFormatter: (v) => (typeof v === 'number' ? l.value(v) : '—'),
    },
    grid: { left: 8, right: 12, top: fontSize * 2.6, bottom: 4, containLabel: true },
    xAxis: {
      type: 'category',
      data: data.days.map((day) => ({
        value: day.working ? l.day(day.day) : `${l.day(day.day)} ${l.dayOff}`,
        textStyle: { color: day.working ? C.muted : C.faint },
      })),
      axisLabel: { fontSize: small, hideOverlap: true },
      axisLine: { lineStyle: { color: C.line } },
    },
    yAxis: {
      type: 'value',
      axisLabel: { color: C.muted, fontSize: small, formatter: (v: number) => l.value(v) },
      splitLine: { lineStyle: { color: C.line } },
    },
    series: [
      {
        id: 'actual',
        name: l.metric,
        type: 'bar',
        barMaxWidth: 18,
        itemStyle: { color: C.plain },
        data: data.days.map((day) => {
          const state = attainment(day, metric);
          return {
            value: dayValue(day, metric),
            itemStyle: {
              color: colour[state],
              ...(state === 'below'
                ? { decal: { symbol: 'rect', dashArrayX: [1, 0], dashArrayY: [3, 4], rotation: -Math.PI / 4 } }
                : {}),
              ...(day.live ? { opacity: 0.75 } : {}),
            },
          };
        }),
      },
      {
        id: 'target',
        name: l.target,
        type: 'line',
        step: 'middle',
        symbol: 'none',
        connectNulls: false,
        lineStyle: { type: 'dashed', width: 2, color: C.target },
        itemStyle: { color: C.target },
        data: data.days.map((day) => dayTarget(day, metric)),
      },
    ],
  };
}
