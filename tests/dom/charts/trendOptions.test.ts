import { describe, expect, it } from 'vitest';
import {
  dialsConnectsOption,
  funnelOption,
  minuteLabel,
  refusalsOption,
  revenueOption,
  statusMixOption,
} from '../../../client/charts/trendOptions';
import type { TrendLabels } from '../../../client/charts/trendOptions';
import type { TrendsResponse } from '../../../shared/domain/trends';

const labels: TrendLabels = {
  dials: 'Dials',
  connects: 'Connects',
  today: 'today',
  lastWeek: 'last week',
  status: { available: 'Available', dialing: 'Dialing', on_call: 'On call', wrapup: 'Wrap-up', paused: 'Paused' },
  funnel: { dials: 'Dials', connects: 'Connects', effectiveCalls: 'Effective', leads: 'Leads', deals: 'Deals' },
  actual: 'Revenue',
  pace: 'Pace',
  count: (n) => n.toLocaleString('en'),
};

/** Four buckets from 09:00, the last not begun yet. */
const data: TrendsResponse = {
  day: '2026-03-10',
  team: null,
  asOf: 0,
  bucketMinutes: 15,
  minutes: [540, 555, 570, 585],
  dials: [10, 14, 3, null],
  connects: [4, 6, 1, null],
  lastWeek: { day: '2026-03-03', dials: [8, 12, 9, 11], connects: [3, 5, 4, 4] },
  statusMix: {
    available: [10, 12, 2, null],
    dialing: [20, 18, 4, null],
    on_call: [15, 16, 3, null],
    wrapup: [5, 4, 1, null],
    paused: [0, 5, 0, null],
  },
  funnel: [
    { step: 'dials', value: 27 },
    { step: 'connects', value: 11 },
    { step: 'effectiveCalls', value: 7 },
    { step: 'leads', value: 3 },
    { step: 'deals', value: 1 },
  ],
  refusals: [
    { reason: 'price', count: 5 },
    { reason: 'not_interested', count: 3 },
    { reason: 'has_provider', count: 1 },
  ],
  revenue: { actual: [0, 1299, 1299, null], pace: [55.56, 111.11, 166.67, 222.22], target: 2000 },
};

type Series = { id?: string; type?: string; data?: unknown[]; stack?: string; lineStyle?: { type?: string } };
const seriesOf = (option: { series?: unknown }) => option.series as Series[];

describe('trend option builders', () => {
  it('label buckets by their local start time', () => {
    expect(minuteLabel(540)).toBe('09:00');
    expect(minuteLabel(1425)).toBe('23:45');
    // A night shift's axis runs on past midnight in business minutes: 1440 is 00:00, 1500 is 01:00.
    expect([1425, 1440, 1455, 1500].map(minuteLabel)).toEqual(['23:45', '00:00', '00:15', '01:00']);
    const night = { ...data, minutes: [1410, 1425, 1440, 1455] };
    expect((dialsConnectsOption(night, labels).xAxis as { data: string[] }).data).toEqual([
      '23:30',
      '23:45',
      '00:00',
      '00:15',
    ]);
    expect((dialsConnectsOption(data, labels).xAxis as { data: string[] }).data).toEqual([
      '09:00',
      '09:15',
      '09:30',
      '09:45',
    ]);
  });

  it('draw today as bars and last week as dashed lines, one point per bucket', () => {
    const series = seriesOf(dialsConnectsOption(data, labels));
    expect(series.map((s) => [s.id, s.type, s.lineStyle?.type])).toEqual([
      ['dials', 'bar', undefined],
      ['connects', 'bar', undefined],
      ['dials-last-week', 'line', 'dashed'],
      ['connects-last-week', 'line', 'dashed'],
    ]);
    expect(series[0]!.data).toEqual([10, 14, 3, null]);
    expect(series[3]!.data).toEqual([3, 5, 4, 4]);
    for (const s of series) expect(s.data).toHaveLength(data.minutes.length);
  });

  it('keep last week’s lines (empty) when nothing was kept for it, so setOption merges in place', () => {
    const series = seriesOf(dialsConnectsOption({ ...data, lastWeek: null }, labels));
    expect(series).toHaveLength(4);
    expect(series[2]!.data).toEqual([null, null, null, null]);
  });

  it('stack the status mix, one area per status with its name', () => {
    const option = statusMixOption(data, labels);
    const series = seriesOf(option);
    expect(series.map((s) => s.id)).toEqual(['available', 'dialing', 'on_call', 'wrapup', 'paused']);
    expect(new Set(series.map((s) => s.stack))).toEqual(new Set(['mix']));
    expect(series[4]!.data).toEqual([0, 5, 0, null]);
    expect(option.aria).toMatchObject({ enabled: true, decal: { show: true } });
  });

  it('give the funnel its steps in order with names and values', () => {
    const [funnel] = seriesOf(funnelOption(data, labels));
    expect(funnel!.type).toBe('funnel');
    const steps = funnel!.data as { name: string; value: number }[];
    expect(steps.map((d) => [d.name, d.value])).toEqual([
      ['Dials', 27],
      ['Connects', 11],
      ['Effective', 7],
      ['Leads', 3],
      ['Deals', 1],
    ]);
    expect((funnel!.data as { label: { formatter: string } }[])[0]!.label.formatter).toBe('Dials: 27');
  });

  it('put the most frequent refusal on top of the horizontal bars', () => {
    const option = refusalsOption(data);
    expect((option.yAxis as { data: string[] }).data).toEqual(['has_provider', 'not_interested', 'price']);
    expect(seriesOf(option)[0]!.data).toEqual([1, 3, 5]);
  });

  it('draw cumulative revenue against a dashed pace line', () => {
    const series = seriesOf(revenueOption(data, labels));
    expect(series[0]!.data).toEqual([0, 1299, 1299, null]);
    expect(series[1]!.data).toEqual([55.56, 111.11, 166.67, 222.22]);
    expect(series[1]!.lineStyle?.type).toBe('dashed');
  });

  it('are pure: the same input gives an equal option', () => {
    expect(dialsConnectsOption(data, labels)).toEqual(dialsConnectsOption(data, labels));
    expect(revenueOption(data, labels, { fontSize: 22 })).not.toEqual(revenueOption(data, labels));
  });
});
