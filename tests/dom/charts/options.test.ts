import { describe, expect, it } from 'vitest';
import { GAUGE_MAX_PERCENT, paceGaugeOption, percentOfTarget } from '../../../client/charts/options';

interface GaugeSeries {
  name: string;
  max: number;
  data: { value: number }[];
  pointer: { show: boolean };
  progress: { show: boolean; itemStyle?: { color: string } };
  detail: { show?: boolean; formatter?: () => string };
}

function series(option: ReturnType<typeof paceGaugeOption>): GaugeSeries[] {
  return option.series as unknown as GaugeSeries[];
}

describe('paceGaugeOption()', () => {
  it('shows actual as % of the daily target and marks the expected-by-now %', () => {
    const [value, expected] = series(
      paceGaugeOption({ label: 'Dials', actual: 45, target: 180, expectedFraction: 1 / 3 }),
    );
    expect(value?.data[0]?.value).toBe(25);
    expect(value?.max).toBe(GAUGE_MAX_PERCENT);
    expect(value?.detail.formatter?.()).toBe('25%\n{small|45 / 180}');
    expect(expected?.data[0]?.value).toBe(33);
    expect(expected?.pointer.show).toBe(true);
  });

  it('colours the arc as behind when below the mark and as on pace at or above it', () => {
    const behind = series(paceGaugeOption({ label: 'Deals', actual: 0, target: 2, expectedFraction: 0.5 }))[0];
    const ahead = series(paceGaugeOption({ label: 'Deals', actual: 1, target: 2, expectedFraction: 0.5 }))[0];
    expect(behind?.progress.itemStyle?.color).not.toBe(ahead?.progress.itemStyle?.color);
  });

  it('stops the arc at the end of the scale but keeps the real figure in the text', () => {
    const [value] = series(
      paceGaugeOption({ label: 'Revenue', actual: 15000, target: 5000, expectedFraction: 1, detail: '15,000 / 5,000' }),
    );
    expect(value?.data[0]?.value).toBe(GAUGE_MAX_PERCENT);
    expect(value?.detail.formatter?.()).toBe('300%\n{small|15,000 / 5,000}');
  });

  it('hides the mark before the shift and shows a dash without a target', () => {
    const [value, expected] = series(paceGaugeOption({ label: 'Leads', actual: 3, target: 0, expectedFraction: null }));
    expect(value?.data[0]?.value).toBe(0);
    expect(value?.detail.formatter?.()).toBe('–\n{small|3 / 0}');
    expect(expected?.pointer.show).toBe(false);
  });

  it('carries the label as the title', () => {
    const option = paceGaugeOption({ label: 'Talk minutes', actual: 30, target: 150, expectedFraction: 0.1 });
    expect(option.title).toMatchObject({ text: 'Talk minutes' });
  });
});

describe('percentOfTarget()', () => {
  it('rounds to whole percent and is null without a target', () => {
    expect(percentOfTarget(1, 3)).toBe(33);
    expect(percentOfTarget(5, 0)).toBeNull();
  });
});
