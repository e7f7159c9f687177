/** The review page (issue #17) without the server: its query is its state, its words are the locale's. */
import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { reactive } from 'vue';
import { routeLocationKey, routerKey } from 'vue-router';
import type { ReviewResponse } from '../../../shared/contracts/review';
import { createAppI18n } from '../../../client/i18n';
import { useSessionStore } from '../../../client/stores/session';
import ReviewView from '../../../client/views/ReviewView.vue';
import { json, stubFetch } from '../support/fakeFetch';
import { freshPinia } from '../support/mountApp';
import { REP } from '../support/viewers';

const line = (metric: string, actual: number, target: number) => ({
  ...{ metric, actual, target, attainment: (100 * actual) / target, pace: (100 * actual) / target },
});
const REVIEW: ReviewResponse = {
  period: { kind: 'day', from: '2026-03-02', to: '2026-03-02' },
  scope: { kind: 'rep', rep: 'rep-001' },
  team: 'north',
  days: [{ day: '2026-03-02', source: 'saved' }],
  coverage: { keptDays: [], savedOnlyDays: ['2026-03-02'] },
  open: false,
  asOf: Date.UTC(2026, 2, 3, 6),
  figures: { dials: 120, connects: 60, effectiveCalls: 30, talkSeconds: 3600, leads: 5, deals: 3, revenue: 900 },
  targets: [line('dials', 120, 100), line('deals', 3, 4)] as ReviewResponse['targets'],
  funnel: [
    { step: 'dials', value: 120, conversion: null },
    { step: 'connects', value: 60, conversion: 50 },
  ],
  refusals: null,
  tags: null,
  callbacks: null,
  handoffs: { sent: 1, accepted: 1, rejected: 0, won: 1, lost: 0, revenue: 500 },
  alerts: { byRule: [{ code: 'long_pause', count: 2 }], pausedSeconds: null, longPauses: 2, allowances: { lunch: 60 } },
  hours: null,
  best: null,
  worst: null,
  reps: [],
  tomorrow: { day: '2026-03-03', targets: [line('dials', 0, 100)] as ReviewResponse['targets'], callbacksDue: 4 },
};

const NO_EFFECTS = {
  effects: [],
  from: Date.UTC(2026, 2, 1, 22),
  until: Date.UTC(2026, 2, 2, 22),
  minCalls: 5,
  maxCalls: 50,
  tolerances: { connect_rate: 5, effective_rate: 5, talk_per_connect: 15, lead_rate: 5, conversion: 5 },
};

afterEach(() => vi.unstubAllGlobals());

function mountAt(query: Record<string, string>, language: 'en' | 'zh-CN' = 'zh-CN') {
  const pinia = freshPinia();
  useSessionStore().viewer = REP;
  const route = reactive({ query });
  const router = { replace: vi.fn() };
  const view = mount(ReviewView, {
    global: {
      plugins: [pinia, createAppI18n(language)],
      provide: { [routeLocationKey as symbol]: route, [routerKey as symbol]: router },
    },
  });
  return { view, router };
}

describe('ReviewView', () => {
  it("a rep's saved-only day in Chinese: what was not kept says so, pace in words, Print prints", async () => {
    const calls = stubFetch({
      'GET /api/review?day=2026-03-02': json(200, REVIEW),
      'GET /api/coaching-notes/effects?rep=rep-001&day=2026-03-02': json(200, NO_EFFECTS),
    });
    const print = vi.fn();
    vi.stubGlobal('print', print);
    const { view, router } = mountAt({ day: '2026-03-02', rep: 'rep-999', team: 'south' });
    await flushPromises();
    // A rep's own review: the query's rep and team are not asked for (the server would refuse them).
    // Then the coaching notes of the same scope and period (closed-loop coaching).
    expect(calls.map((c) => c.path)).toEqual([
      '/api/review?day=2026-03-02',
      '/api/coaching-notes/effects?rep=rep-001&day=2026-03-02',
    ]);
    expect(view.find('[data-test="review-coaching"]').text()).toContain('辅导');
    expect(router.replace).not.toHaveBeenCalled();
    expect(view.find('h1').text()).toContain('每日复盘');
    expect(view.text()).toContain('销售漏斗');
    expect(view.text()).toContain('仅有保存的汇总');
    expect(view.text()).toContain('未保留');
    expect(view.text()).toContain('市场反馈标签按团队统计');
    expect(view.find('[data-metric="dials"]').text()).toContain('▲ 120%');
    expect(view.find('[data-metric="deals"]').text()).toContain('▼ 75%');
    expect(view.text()).toContain('暂停超出允许时长');
    expect(view.text()).toContain('到期的预约回访：4');
    expect(view.find('.review-table--reps').exists()).toBe(false);
    await view.find('.review-print').trigger('click');
    expect(print).toHaveBeenCalledOnce();
  });

  it('shows the server’s refusal as the reason, and writes a new pick into the query', async () => {
    stubFetch({ 'GET /api/review?week=2026-03-02': json(403, { error: 'a rep sees their own review only' }) });
    const { view, router } = mountAt({ week: '2026-03-02' });
    await flushPromises();
    expect(view.find('[role="alert"]').text()).toContain('a rep sees their own review only');
    await view.find('input[type="radio"]').setValue(true); // "按日"
    expect(router.replace).toHaveBeenLastCalledWith({ query: { day: '2026-03-02' } });
    await view.find('input[type="date"]').setValue('2026-03-05');
    expect(router.replace).toHaveBeenLastCalledWith({ query: { week: '2026-03-02' } });
  });

  it.each([
    ['en', 'Reasons and hours from Wed–Fri and Sun only (older days keep totals only).'],
    ['zh-CN', '原因和时段仅来自周三至周五和周日（更早的日子只保留汇总数）。'],
  ] as const)('a week partly kept says which days its reasons and hours cover (%s)', async (language, words) => {
    const week: ReviewResponse = {
      ...REVIEW,
      period: { kind: 'week', from: '2026-03-02', to: '2026-03-08' },
      days: [
        { day: '2026-03-02', source: 'saved' },
        { day: '2026-03-03', source: 'saved' },
        { day: '2026-03-04', source: 'stream' },
        { day: '2026-03-05', source: 'stream' },
        { day: '2026-03-06', source: 'stream' },
        { day: '2026-03-07', source: 'none' },
        { day: '2026-03-08', source: 'live' },
      ],
      coverage: {
        keptDays: ['2026-03-04', '2026-03-05', '2026-03-06', '2026-03-08'],
        savedOnlyDays: ['2026-03-02', '2026-03-03'],
      },
      refusals: [{ code: 'price', count: 3 }],
      hours: [{ minute: 600, dials: 10, connects: 5, deals: 1, revenue: 100 }],
    };
    stubFetch({
      'GET /api/review?week=2026-03-02': json(200, week),
      'GET /api/coaching-notes/effects?rep=rep-001&week=2026-03-02': json(200, NO_EFFECTS),
    });
    const { view } = mountAt({ week: '2026-03-02' }, language);
    await flushPromises();
    expect(view.find('[data-test="review-coverage"]').text()).toBe(words);
  });

  it('says nothing about coverage when every day is kept, or none is', async () => {
    for (const coverage of [
      { keptDays: ['2026-03-02'], savedOnlyDays: [] },
      { keptDays: [], savedOnlyDays: ['2026-03-02'] },
    ]) {
      stubFetch({
        'GET /api/review?day=2026-03-02': json(200, { ...REVIEW, coverage }),
        'GET /api/coaching-notes/effects?rep=rep-001&day=2026-03-02': json(200, NO_EFFECTS),
      });
      const { view } = mountAt({ day: '2026-03-02' }, 'en');
      await flushPromises();
      expect(view.find('[data-test="review-coverage"]').exists()).toBe(false);
      view.unmount();
    }
  });
});
