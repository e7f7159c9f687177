import type { ECOption } from './echarts';

/** The gauge's scale ends here: past the target the needle stops, the text keeps the real figure. */
export const GAUGE_MAX_PERCENT = 120;

export interface PaceGaugeInput {
  /** The metric's name as shown (already translated). */
  label: string;
  actual: number;
  /** Daily target; 0 or less means "no target". */
  target: number;
  /** Share of the shift elapsed (0..1), or null before the shift or the floor settings. */
  expectedFraction: number | null;
  /** Text under the percentage, e.g. "45 / 180"; defaults to the plain numbers. */
  detail?: string;
}

/** Percentage of target reached, rounded to a whole number; null without a target. */
export function percentOfTarget(actual: number, target: number): number | null {
  return target > 0 ? Math.round((actual / target) * 100) : null;
}

const clampPercent = (p: number) => Math.min(GAUGE_MAX_PERCENT, Math.max(0, p));

const COLORS = { good: '#4ade80', behind: '#fbbf24', track: '#2a3441', text: '#f3f6fa', muted: '#a8b3c1' };

/**
 * One metric's gauge: the arc shows % of the daily target reached, a second thin pointer marks
 * where the rep should be by now (target x share of the shift). Pure: same input, same option.
 */
export function paceGaugeOption(input: PaceGaugeInput): ECOption {
  const percent = percentOfTarget(input.actual, input.target);
  const expected =
    input.expectedFraction === null || percent === null ? null : Math.round(clampPercent(input.expectedFraction * 100));
  const onPace = percent !== null && (expected === null || percent >= expected);
  const colour = onPace ? COLORS.good : COLORS.behind;
  const shown = percent === null ? '–' : `${percent}%`;
  const detail = input.detail ?? `${input.actual} / ${input.target}`;
  const common = {
    type: 'gauge' as const,
    min: 0,
    max: GAUGE_MAX_PERCENT,
    startAngle: 210,
    endAngle: -30,
    radius: '92%',
    center: ['50%', '58%'],
    splitNumber: 6,
  };
  return {
    title: {
      text: input.label,
      left: 'center',
      top: 0,
      textStyle: { color: COLORS.text, fontSize: 15, fontWeight: 'bold' },
    },
    series: [
      {
        ...common,
        name: input.label,
        progress: { show: true, width: 14, itemStyle: { color: colour } },
        axisLine: { lineStyle: { width: 14, color: [[1, COLORS.track]] } },
        axisTick: { show: false },
        splitLine: { show: false },
        axisLabel: { show: false },
        pointer: { show: false },
        anchor: { show: false },
        title: { show: false },
        detail: {
          valueAnimation: false,
          offsetCenter: [0, '10%'],
          fontSize: 22,
          fontWeight: 'bold',
          color: COLORS.text,
          formatter: () => `${shown}\n{small|${detail}}`,
          rich: { small: { fontSize: 13, color: COLORS.muted, fontWeight: 'normal', padding: [6, 0, 0, 0] } },
        },
        data: [{ value: percent === null ? 0 : clampPercent(percent), name: input.label }],
      },
      {
        ...common,
        name: 'expected',
        silent: true,
        axisLine: { show: false },
        axisTick: { show: false },
        splitLine: { show: false },
        axisLabel: { show: false },
        progress: { show: false },
        anchor: { show: false },
        title: { show: false },
        detail: { show: false },
        pointer: {
          show: expected !== null,
          icon: 'triangle',
          length: 14,
          width: 10,
          offsetCenter: [0, '-88%'],
          itemStyle: { color: COLORS.text },
        },
        data: [{ value: expected ?? 0, name: 'expected' }],
      },
    ],
  };
}
