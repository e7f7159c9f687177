import { formatClockTime } from '../../shared/domain/targets';
import type { TrendsResponse } from '../../shared/domain/trends';
import { MIX_STATUSES } from '../../shared/domain/trends';
import type { MixStatus, FunnelStep } from '../../shared/domain/trends';
import type { ECOption } from './echarts';

/** Translated words the charts show; the builders stay pure (same input, same option). */
export interface TrendLabels {
  dials: string;
  connects: string;
  today: string;
  lastWeek: string;
  status: Record<MixStatus, string>;
  funnel: Record<FunnelStep, string>;
  actual: string;
  pace: string;
  /** Whole numbers as the locale groups them (10,985). */
  count: (n: number) => string;
  /** An amount in the floor's currency (the one money formatter); plain counts when absent. */
  money?: (n: number) => string;
}

/** Base font size: 14 on a desk, larger on a TV across the room. */
export interface ChartStyle {
  fontSize: number;
}

const DESK: ChartStyle = { fontSize: 14 };
const C = {
  text: '#f3f6fa',
  muted: '#a8b3c1',
  line: '#2a3441',
  dials: '#22d3ee',
  connects: '#a78bfa',
  good: '#4ade80',
  warn: '#fbbf24',
};
const STATUS_COLOURS: Record<MixStatus, string> = {
  available: '#4ade80',
  dialing: '#22d3ee',
  on_call: '#a78bfa',
  wrapup: '#fbbf24',
  paused: '#fb7185',
};

/** "09:15" from a minute of the business day (1500, 01:00 after a night shift's midnight, is "01:00"). */
export function minuteLabel(minute: number): string {
  return formatClockTime(minute);
}

function common(style: ChartStyle) {
  const text = { color: C.text, fontSize: style.fontSize };
  return {
    textStyle: text,
    legend: { top: 0, textStyle: text, itemGap: 18 },
    tooltip: { trigger: 'axis' as const, textStyle: { fontSize: style.fontSize } },
    // Room for a legend that wraps to two lines on a narrow chart.
    grid: { left: 8, right: 16, top: style.fontSize * 4.4, bottom: 8, containLabel: true },
  };
}

function timeAxis(data: TrendsResponse, style: ChartStyle, boundaryGap = true) {
  return {
    type: 'category' as const,
    boundaryGap,
    data: data.minutes.map(minuteLabel),
    axisLabel: { color: C.muted, fontSize: style.fontSize * 0.85 },
    axisLine: { lineStyle: { color: C.line } },
  };
}

function valueAxis(style: ChartStyle) {
  return {
    type: 'value' as const,
    axisLabel: { color: C.muted, fontSize: style.fontSize * 0.85 },
    splitLine: { lineStyle: { color: C.line } },
  };
}

/** Dials and connects per bucket today (bars) against the same weekday last week (dashed lines). */
export function dialsConnectsOption(data: TrendsResponse, l: TrendLabels, style: ChartStyle = DESK): ECOption {
  const lastWeek = data.lastWeek;
  return {
    ...common(style),
    xAxis: timeAxis(data, style),
    yAxis: valueAxis(style),
    series: [
      { id: 'dials', name: `${l.dials} · ${l.today}`, type: 'bar', data: data.dials, itemStyle: { color: C.dials } },
      {
        id: 'connects',
        name: `${l.connects} · ${l.today}`,
        type: 'bar',
        data: data.connects,
        itemStyle: { color: C.connects },
      },
      {
        id: 'dials-last-week',
        name: `${l.dials} · ${l.lastWeek}`,
        type: 'line',
        data: lastWeek ? lastWeek.dials : data.minutes.map(() => null),
        lineStyle: { type: 'dashed', width: 2, color: C.dials },
        itemStyle: { color: C.dials },
        symbol: 'none',
      },
      {
        id: 'connects-last-week',
        name: `${l.connects} · ${l.lastWeek}`,
        type: 'line',
        data: lastWeek ? lastWeek.connects : data.minutes.map(() => null),
        lineStyle: { type: 'dashed', width: 2, color: C.connects },
        itemStyle: { color: C.connects },
        symbol: 'none',
      },
    ],
  };
}

/** Rep-minutes per status per bucket, stacked; patterns (decals) tell the areas apart without colour. */
export function statusMixOption(data: TrendsResponse, l: TrendLabels, style: ChartStyle = DESK): ECOption {
  return {
    ...common(style),
    aria: { enabled: true, decal: { show: true } },
    xAxis: timeAxis(data, style, false),
    yAxis: valueAxis(style),
    series: MIX_STATUSES.map((status) => ({
      id: status,
      name: l.status[status],
      type: 'line' as const,
      stack: 'mix',
      areaStyle: { opacity: 0.75 },
      symbol: 'none',
      lineStyle: { width: 1 },
      itemStyle: { color: STATUS_COLOURS[status] },
      data: data.statusMix[status],
    })),
  };
}

/** Today's funnel: dials → connects → effective calls → leads → deals, each with its number. */
export function funnelOption(data: TrendsResponse, l: TrendLabels, style: ChartStyle = DESK): ECOption {
  return {
    textStyle: { color: C.text, fontSize: style.fontSize },
    tooltip: { trigger: 'item', textStyle: { fontSize: style.fontSize } },
    series: [
      {
        id: 'funnel',
        type: 'funnel',
        sort: 'none',
        left: '2%',
        width: '58%',
        top: 8,
        bottom: 8,
        minSize: '12%',
        gap: 3,
        label: { show: true, position: 'right', color: C.text, fontWeight: 'bold', fontSize: style.fontSize },
        labelLine: { show: true, lineStyle: { color: C.muted } },
        data: data.funnel.map((step, i) => ({
          name: l.funnel[step.step],
          value: step.value,
          label: { formatter: `${l.funnel[step.step]}: ${l.count(step.value)}` },
          itemStyle: { color: ['#22d3ee', '#60a5fa', '#a78bfa', '#fbbf24', '#4ade80'][i % 5] },
        })),
      },
    ],
  };
}

/** Top refusal reasons, most frequent on top. */
export function refusalsOption(data: TrendsResponse, style: ChartStyle = DESK): ECOption {
  const rows = [...data.refusals].reverse(); // a category axis draws bottom-up
  return {
    textStyle: { color: C.text, fontSize: style.fontSize },
    tooltip: { trigger: 'axis', textStyle: { fontSize: style.fontSize } },
    grid: { left: 8, right: 40, top: 8, bottom: 8, containLabel: true },
    xAxis: { ...valueAxis(style), minInterval: 1 },
    yAxis: {
      type: 'category',
      data: rows.map((r) => r.reason),
      axisLabel: { color: C.text, fontSize: style.fontSize },
      axisLine: { lineStyle: { color: C.line } },
    },
    series: [
      {
        id: 'refusals',
        type: 'bar',
        data: rows.map((r) => r.count),
        itemStyle: { color: '#fb7185' },
        label: { show: true, position: 'right', color: C.text, fontSize: style.fontSize },
      },
    ],
  };
}

/**
 * Cumulative revenue against the pace line (target x share of the shift), the pace dashed; for one
 * campaign's calls only when the campaign has a revenue target (the server sends 0 otherwise).
 */
export function revenueOption(data: TrendsResponse, l: TrendLabels, style: ChartStyle = DESK): ECOption {
  return {
    ...common(style),
    xAxis: timeAxis(data, style, false),
    yAxis: (() => {
      const axis = valueAxis(style);
      return { ...axis, axisLabel: { ...axis.axisLabel, formatter: l.money ?? l.count } };
    })(),
    series: [
      {
        id: 'revenue',
        name: l.actual,
        type: 'line',
        data: data.revenue.actual,
        lineStyle: { width: 3, color: C.good },
        itemStyle: { color: C.good },
        areaStyle: { opacity: 0.15 },
        symbol: 'none',
      },
      ...(data.campaign === undefined || data.revenue.target > 0
        ? [
            {
              id: 'pace',
              name: l.pace,
              type: 'line' as const,
              data: data.revenue.pace,
              lineStyle: { width: 2, type: 'dashed' as const, color: C.warn },
              itemStyle: { color: C.warn },
              symbol: 'none',
            },
          ]
        : []),
    ],
  };
}
