import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import GoodNewsBanner from '../../../client/components/alerts/GoodNewsBanner.vue';
import { GOOD_NEWS_MS, useAlertsStore } from '../../../client/stores/alerts';
import { makeNews } from '../support/alertData';
import { freshPinia, mountWithApp } from '../support/mountApp';

describe('GoodNewsBanner', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('celebrates one piece of news after another, each for a few seconds, in a live region', async () => {
    const pinia = freshPinia();
    const store = useAlertsStore();
    const banner = mountWithApp(GoodNewsBanner, { pinia });
    expect(banner.attributes('aria-live')).toBe('polite');
    expect(banner.find('.good-news__text').exists()).toBe(false);

    store.onGoodNews(makeNews({ id: 'sale:ann:1', repName: 'Li Wei', amount: 1299 }));
    store.onGoodNews(
      makeNews({
        id: 'floor_target:deals:30',
        kind: 'floor_target',
        rep: null,
        repName: null,
        team: null,
        metric: 'deals',
      }),
    );
    await vi.advanceTimersByTimeAsync(0);
    expect(banner.find('.good-news__text').text()).toBe('🎉 Li Wei closed a sale: CN¥1,299');

    await vi.advanceTimersByTimeAsync(GOOD_NEWS_MS);
    expect(banner.find('.good-news__text').text()).toBe('🎉 The floor reached its Deals target');

    await vi.advanceTimersByTimeAsync(GOOD_NEWS_MS);
    expect(banner.find('.good-news__text').exists()).toBe(false);
  });

  it('names the team that reached a target', async () => {
    const pinia = freshPinia();
    const banner = mountWithApp(GoodNewsBanner, { pinia });
    useAlertsStore().onGoodNews(
      makeNews({ id: 't', kind: 'floor_target', rep: null, repName: null, team: 'team-a', metric: 'deals' }),
    );
    await vi.advanceTimersByTimeAsync(0);
    expect(banner.find('.good-news__text').text()).toBe('🎉 team-a reached its Deals target');
  });
});
