import { afterEach, describe, expect, it, vi } from 'vitest';
import { historyOption, historySummary, type HistoryLabels } from '../../../client/charts/historyOptions';
import type { HistoryDay, HistoryResponse } from '../../../shared/domain/history';
import { json, settle, stubFetch } from '../support/fakeFetch';
import { freshPinia, mountWithApp } from '../support/mountApp';

const chart = { setOption: vi.fn(), resize: vi.fn(), dispose: vi.fn() };
vi.mock('../../../client/charts/echarts', () => ({ init: vi.fn(() => chart) }));

const { default: HistoryPanel } = await import('../../../client/components/history/HistoryPanel.vue');

const targets = { dials: 100, effectiveCalls: 20, talkMinutes: 60, leads: 5, deals: 2, revenue: 1000 };
function day(d: string, over: Partial<HistoryDay> = {}, f: Partial<HistoryDay['figures']> = {}): HistoryDay {
  const figures = {
    dials: 110,
    connects: 50,
    effectiveCalls: 20,
    talkSeconds: 3600,
    leads: 4,
    deals: 2,
    revenue: 1200,
  };
  return {
    day: d,
    working: true,
    holiday: false,
    live: false,
    figures: { ...figures, ...f },
    targets,
    team: 'north',
    reps: 1,
    ...over,
  };
}

/** Friday met, a weekend off (no figures), Monday below target, Tuesday (today, live) met. */
const data: HistoryResponse = {
  subject: { kind: 'rep', rep: 'ann', name: 'Ann Lee' },
  from: '2026-03-13',
  to: '2026-03-17',
  days: [
    day('2026-03-13'),
    day('2026-03-14', { working: false, figures: null, targets: { ...targets, deals: 0, revenue: 0 }, reps: 0 }),
    day('2026-03-15', { working: false, figures: null, targets: null, reps: 0 }),
    day('2026-03-16', {}, { revenue: 400, dials: 90, deals: 1 }),
    day('2026-03-17', { live: true }, { revenue: 1000 }),
  ],
};

const labels: HistoryLabels = {
  metric: 'Revenue',
  target: 'Target',
  dayOff: '(day off)',
  day: (d) => d.slice(5),
  value: (n) => `¥${n}`,
};

type Bar = { value: number | null; itemStyle: { color: string; decal?: unknown } };
type Series = { id: string; type: string; data: unknown[]; step?: string; lineStyle?: { type?: string } };
const seriesOf = (option: ReturnType<typeof historyOption>) => option.series as unknown as Series[];

describe('historyOption()', () => {
  it('draws the metric per day as bars against the day target, gaps for days without figures', () => {
    const option = historyOption(data, 'revenue', labels);
    const [bars, target] = seriesOf(option);
    expect(bars!.type).toBe('bar');
    expect((bars!.data as Bar[]).map((b) => b.value)).toEqual([1200, null, null, 400, 1000]);
    expect(target).toMatchObject({ id: 'target', type: 'line', step: 'middle', lineStyle: { type: 'dashed' } });
    expect(target!.data).toEqual([1000, 0, null, 1000, 1000]);
  });

  it('marks attainment by pattern as well as colour, and dims the days off with words', () => {
    const bars = seriesOf(historyOption(data, 'revenue', labels))[0]!.data as Bar[];
    expect(bars[0]!.itemStyle.decal).toBeUndefined(); // met
    expect(bars[3]!.itemStyle.decal).toBeDefined(); // below target: striped
    expect(bars[0]!.itemStyle.color).not.toBe(bars[3]!.itemStyle.color);
    const axis = (historyOption(data, 'revenue', labels).xAxis as { data: { value: string }[] }).data;
    expect(axis.map((a) => a.value)).toEqual(['03-13', '03-14 (day off)', '03-15 (day off)', '03-16', '03-17']);
  });

  it('switches metric: dials against their target, connects without a target line', () => {
    const dials = seriesOf(historyOption(data, 'dials', { ...labels, metric: 'Dials' }));
    expect((dials[0]!.data as Bar[]).map((b) => b.value)).toEqual([110, null, null, 90, 110]);
    expect(dials[1]!.data).toEqual([100, 100, null, 100, 100]);
    const connects = historyOption(data, 'connects', { ...labels, metric: 'Connects' });
    expect(seriesOf(connects)[1]!.data).toEqual([null, null, null, null, null]);
    expect((connects.legend as { data: string[] }).data).toEqual(['Connects']);
  });
});

describe('historySummary()', () => {
  it('sums the days with figures against their targets and counts the days met', () => {
    expect(historySummary(data, 'revenue')).toEqual({
      actual: 2600,
      target: 3000,
      ratio: 2600 / 3000,
      met: 2,
      measured: 3,
      worked: 3,
    });
    expect(historySummary(data, 'connects')).toMatchObject({ actual: 150, target: null, ratio: null });
  });
});

describe('HistoryPanel', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('asks for the rep, says how it went in words and switches the figure', async () => {
    const calls = stubFetch({ 'GET /api/history?rep=ann&days=30': json(200, data) });
    const panel = mountWithApp(HistoryPanel, { pinia: freshPinia(), props: { subject: { rep: 'ann' } } });
    await settle();
    expect(calls.map((c) => c.path)).toContain('/api/history?rep=ann&days=30');
    expect(panel.find('h2').text()).toBe('Last 30 days');
    const summary = panel.find('[data-test="history-summary"]');
    expect(summary.text()).toBe('CN¥2,600 of CN¥3,000 target (87%) · behind target · target met on 2 of 3 days');
    expect(panel.find('[data-metric="revenue"]').attributes('aria-pressed')).toBe('true');
    await panel.find('[data-metric="connects"]').trigger('click');
    expect(panel.find('[data-metric="connects"]').attributes('aria-pressed')).toBe('true');
    expect(summary.text()).toBe('150 in total · no target is set for Connects · 3 days with figures');
    panel.unmount();
  });

  it("shows the team's history, then the picked rep's", async () => {
    const team = { ...data, subject: { kind: 'team', team: 'north' } };
    const calls = stubFetch({
      'GET /api/history?team=north&days=30': json(200, team),
      'GET /api/history?rep=ann&days=30': json(200, data),
    });
    const reps = [{ id: 'ann', name: 'Ann Lee' }];
    const panel = mountWithApp(HistoryPanel, {
      pinia: freshPinia(),
      props: { subject: { team: 'north' }, title: 'Last 30 days · North', reps },
    });
    await settle();
    expect(calls.at(-1)!.path).toBe('/api/history?team=north&days=30');
    await panel.find('[data-test="history-rep"]').setValue('ann');
    await settle();
    expect(calls.at(-1)!.path).toBe('/api/history?rep=ann&days=30');
    panel.unmount();
  });

  it('says why when the server refuses', async () => {
    stubFetch({ 'GET /api/history?rep=ann&days=30': json(403, { error: 'a rep sees their own history only' }) });
    const panel = mountWithApp(HistoryPanel, { pinia: freshPinia(), props: { subject: { rep: 'ann' } } });
    await settle();
    expect(panel.text()).toContain('Could not load the history: a rep sees their own history only');
    panel.unmount();
  });
});
