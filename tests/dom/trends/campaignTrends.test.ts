import { flushPromises, mount } from '@vue/test-utils';
import type { VueWrapper } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createMemoryHistory, createRouter } from 'vue-router';
import { createAppI18n } from '../../../client/i18n';
import { useConnectionStore } from '../../../client/stores/connection';
import { useFloorStore } from '../../../client/stores/floor';
import { useSessionStore } from '../../../client/stores/session';
import TrendsView from '../../../client/views/TrendsView.vue';
import type { TrendsResponse } from '../../../shared/domain/trends';
import { BaseChartStub, stubFetch } from '../console/support';
import type { FakeRequest } from '../console/support';
import { campaignsFixture } from '../support/campaignsData';
import { T0, makeRep, makeSnapshot } from '../support/floorData';
import { freshPinia } from '../support/mountApp';
import { SUPERVISOR } from '../support/viewers';

/** The floor's day: 40 dials, 12 connects, revenue 900 against a pace. */
const floorTrends: TrendsResponse = {
  day: '2026-03-10',
  team: null,
  asOf: T0,
  bucketMinutes: 15,
  minutes: [540, 555, 570],
  dials: [20, 20, null],
  connects: [6, 6, null],
  lastWeek: { day: '2026-03-03', dials: [18, 19, 20], connects: [5, 6, 7] },
  statusMix: {
    available: [10, 12, null],
    dialing: [20, 18, null],
    on_call: [15, 16, null],
    wrapup: [5, 4, null],
    paused: [0, 5, null],
  },
  funnel: [
    { step: 'dials', value: 40 },
    { step: 'connects', value: 12 },
    { step: 'effectiveCalls', value: 8 },
    { step: 'leads', value: 4 },
    { step: 'deals', value: 3 },
  ],
  refusals: [{ reason: 'price', count: 6 }],
  revenue: { actual: [500, 900, null], pace: [100, 200, 300], target: 2000 },
};

/** Spring's calls only: 7 dials, 3 connects, one sale of 250; the status mix stays the floor's. */
const springTrends: TrendsResponse = {
  ...floorTrends,
  dials: [4, 3, null],
  connects: [2, 1, null],
  lastWeek: null,
  funnel: [
    { step: 'dials', value: 7 },
    { step: 'connects', value: 3 },
    { step: 'effectiveCalls', value: 2 },
    { step: 'leads', value: 1 },
    { step: 'deals', value: 1 },
  ],
  refusals: [{ reason: 'price', count: 1 }],
  revenue: { actual: [0, 250, null], pace: [0, 0, 0], target: 0 },
  campaign: 'spring',
};

let requests: FakeRequest[];
let wrapper: VueWrapper | undefined;

async function open(path: string) {
  const pinia = freshPinia();
  useSessionStore().viewer = SUPERVISOR;
  useConnectionStore().markConnected();
  useFloorStore().applySnapshot(makeSnapshot([makeRep({ id: 'r1', name: 'Ann', team: 'north', dials: 40 })]));
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [{ path: '/trends', name: 'trends', component: TrendsView }],
  });
  await router.push(path);
  wrapper = mount(
    { template: '<RouterView />' },
    {
      attachTo: document.body,
      global: { plugins: [pinia, createAppI18n('en'), router], stubs: { BaseChart: BaseChartStub } },
    },
  );
  await flushPromises();
  return wrapper;
}

const chart = (w: VueWrapper, id: string) => w.find(`[data-chart="${id}"]`);
const summary = (w: VueWrapper, id: string) => chart(w, id).find('.base-chart-stub').attributes('aria-label') ?? '';
const seriesIds = (w: VueWrapper, id: string) =>
  (chart(w, id).findComponent(BaseChartStub).props('option') as { series: { id: string }[] }).series.map((s) => s.id);

describe('the trends page with a campaign filter', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
    vi.setSystemTime(T0);
    requests = stubFetch(({ method, url }) => {
      if (method !== 'GET') return undefined;
      if (url === '/api/campaigns') return { status: 200, body: campaignsFixture() };
      if (url === '/api/trends?campaign=spring') return { status: 200, body: springTrends };
      if (url === '/api/trends') return { status: 200, body: floorTrends };
      return undefined;
    });
  });
  afterEach(() => {
    wrapper?.unmount();
    wrapper = undefined;
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it("shows the campaign's figures, says what is not per campaign, and the floor's again once cleared", async () => {
    const w = await open('/trends?campaign=spring');
    expect(requests.filter((r) => r.url.startsWith('/api/trends')).map((r) => r.url)).toEqual([
      '/api/trends?campaign=spring',
    ]);
    expect(summary(w, 'dials')).toContain('Today 7 dials and 3 connects so far.');
    expect(summary(w, 'funnel')).toContain('Dials 7, Connects 3');
    expect(summary(w, 'refusals')).toMatch(/ 1$/);
    expect(summary(w, 'revenue')).toContain('from this campaign today');
    expect(summary(w, 'revenue')).not.toContain('expected by now');
    // No revenue target for the campaign: no pace line; the status mix is named as every campaign's time.
    expect(seriesIds(w, 'revenue')).toEqual(['revenue']);
    expect(chart(w, 'mix').find('figcaption').text()).toBe('Status mix, all campaigns (rep-minutes per 15 min)');
    const note = w.find('[data-test="trends-campaign-note"]');
    expect(note.text()).toContain('Calls of campaign spring only.');

    await w.find('[data-test="campaign-chip"] button').trigger('click');
    await flushPromises();
    expect(requests.at(-1)!.url).toBe('/api/trends');
    expect(summary(w, 'dials')).toContain('Today 40 dials and 12 connects so far.');
    expect(summary(w, 'revenue')).toContain('expected by now');
    expect(seriesIds(w, 'revenue')).toEqual(['revenue', 'pace']);
    expect(w.find('[data-test="trends-campaign-note"]').exists()).toBe(false);
    expect(chart(w, 'mix').find('figcaption').text()).toBe('Status mix (rep-minutes per 15 min)');
  });

  it("draws the campaign's pace line when the campaign has a revenue target", async () => {
    springTrends.revenue = { actual: [0, 250, null], pace: [0, 150, 300], target: 1200 };
    try {
      const w = await open('/trends?campaign=spring');
      expect(seriesIds(w, 'revenue')).toEqual(['revenue', 'pace']);
      expect(summary(w, 'revenue')).toContain('Revenue CN¥250 against CN¥150 expected by now.');
    } finally {
      springTrends.revenue = { actual: [0, 250, null], pace: [0, 0, 0], target: 0 };
    }
  });
});
