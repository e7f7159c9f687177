import { flushPromises } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import TvCampaigns from '../../../client/components/tv/TvCampaigns.vue';
import TvRotator from '../../../client/components/tv/TvRotator.vue';
import { parseTvOptions } from '../../../client/composables/tvOptions';
import { useConnectionStore } from '../../../client/stores/connection';
import { useFloorStore } from '../../../client/stores/floor';
import { useSessionStore } from '../../../client/stores/session';
import TvView from '../../../client/views/TvView.vue';
import type { Viewer } from '../../../shared/domain/viewer';
import { callerIdRow, campaignRow, campaignsFixture } from '../support/campaignsData';
import { json, stubFetch } from '../support/fakeFetch';
import { T0, makeSnapshot } from '../support/floorData';
import { freshPinia, mountWithApp } from '../support/mountApp';
import { KIOSK, SUPERVISOR } from '../support/viewers';

describe('the TV campaigns panel', () => {
  beforeEach(() => {
    vi.setSystemTime(T0);
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('shows the top campaigns by deals and the flagged caller IDs with words, nothing personal', async () => {
    const body = campaignsFixture();
    body.campaigns.push(...Array.from({ length: 12 }, (_, i) => campaignRow(`c${i}`, { dials: 10, deals: 0 })));
    body.callerIds.push(...Array.from({ length: 6 }, (_, i) => callerIdRow(`+86021600${i}`, { flagged: true })));
    stubFetch({ 'GET /api/campaigns': json(200, body) });
    const pinia = freshPinia();
    const w = mountWithApp(TvCampaigns, { pinia });
    await flushPromises();
    const names = w.findAll('tbody tr th').map((th) => th.text());
    expect(names).toHaveLength(8);
    expect(names.slice(0, 2)).toEqual(['spring', 'winter']);
    expect(names).not.toContain('Other');
    const lines = w.findAll('.tv-campaigns__lines li[data-caller-id]');
    expect(lines).toHaveLength(5);
    expect(lines[0]!.text()).toContain('+8602150001');
    expect(lines[0]!.text()).toContain('Possibly flagged — rotate the number');
    expect(w.find('.tv-campaigns__more').text()).toBe('+2 more');
    // Lists (and anything about customers) stay off the TV.
    expect(w.text()).not.toContain('L-bad');
    w.unmount();
  });

  it('says when no caller ID looks flagged', async () => {
    stubFetch({ 'GET /api/campaigns': json(200, campaignsFixture({ callerIds: [] })) });
    const w = mountWithApp(TvCampaigns, { pinia: freshPinia() });
    await flushPromises();
    expect(w.find('.tv-campaigns__lines').text()).toContain('No caller ID looks flagged.');
    w.unmount();
  });

  it.each([
    [SUPERVISOR, true],
    [KIOSK, false],
  ] as [Viewer, boolean][])(
    'is a panel of the rotation on a TV a supervisor opened, not a kiosk’s (%#)',
    async (viewer, shown) => {
      stubFetch({ 'GET /api/campaigns': json(200, campaignsFixture()) });
      const pinia = freshPinia();
      useSessionStore().viewer = viewer;
      useConnectionStore().markConnected();
      useFloorStore().applySnapshot(makeSnapshot([]));
      const tv = mountWithApp(TvView, { pinia });
      await flushPromises();
      expect(tv.find('.tv-rotator__name').text()).toBe(shown ? 'Floor · 1 of 5' : 'Floor · 1 of 4');
      window.dispatchEvent(new KeyboardEvent('keydown', { key: '5' }));
      await flushPromises();
      expect(tv.find('.tv-campaigns').exists()).toBe(shown);
      if (shown) expect(tv.find('.tv-campaigns__lines').text()).toContain('+8602150001');
      tv.unmount();
    },
  );

  it('can be pinned by link (?pin=campaigns); a TV without it (a kiosk) rotates from the first panel', async () => {
    expect(parseTvOptions({ pin: 'campaigns' }).pin).toBe('campaigns');
    expect(parseTvOptions({ pin: 'campaignz' }).pin).toBeNull();
    const panels = [
      { id: 'floor', name: 'Floor' },
      { id: 'alerts', name: 'Alerts' },
    ];
    const w = mountWithApp(TvRotator, { pinia: freshPinia(), props: { panels, pin: 'campaigns' } });
    await flushPromises();
    expect(w.find('.tv-rotator').attributes('data-panel')).toBe('floor');
    expect(w.find('.tv-rotator').attributes('data-pinned')).toBe('false');
    w.unmount();
  });
});
