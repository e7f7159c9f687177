import { flushPromises, type VueWrapper } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import ExportMenu from '../../../client/components/exports/ExportMenu.vue';
import CampaignsView from '../../../client/views/CampaignsView.vue';
import { useFloorStore } from '../../../client/stores/floor';
import { useSessionStore } from '../../../client/stores/session';
import { campaignsFixture } from '../support/campaignsData';
import { json, stubFetch } from '../support/fakeFetch';
import { makeSnapshot } from '../support/floorData';
import { freshPinia, mountWithApp } from '../support/mountApp';

let wrapper: VueWrapper | undefined;
afterEach(() => {
  wrapper?.unmount();
  wrapper = undefined;
  vi.unstubAllGlobals();
});

function open(props: { team: string | null; today: string | null }, locale: 'en' | 'zh-CN' = 'en') {
  wrapper = mountWithApp(ExportMenu, { pinia: freshPinia(), locale, props });
  return wrapper;
}

const link = (w: VueWrapper) => w.find('a.export-menu__download');

describe('the export menu', () => {
  it('offers the four exports as CSV or XLSX over the last 7 business days, as a download link', async () => {
    const w = open({ team: 'team-a', today: '2026-03-10' });
    expect(w.findAll('input[name="export-what"]').map((i) => (i.element as HTMLInputElement).value)).toEqual([
      'reps',
      'campaigns',
      'callbacks',
      'handoffs',
    ]);
    expect(link(w).attributes('href')).toBe('/api/exports/reps.xlsx?from=2026-03-04&to=2026-03-10&team=team-a');
    expect(link(w).attributes('download')).toBeDefined();
    await w.find('input[name="export-what"][value="handoffs"]').setValue(true);
    await w.find('input[name="export-format"][value="csv"]').setValue(true);
    expect(link(w).attributes('href')).toBe('/api/exports/handoffs.csv?from=2026-03-04&to=2026-03-10&team=team-a');
    expect(w.text()).toContain('Team team-a only');
  });

  it('says what is wrong with a range instead of linking to an error (backwards, over 93 days)', async () => {
    const w = open({ team: null, today: '2026-03-10' });
    const [from, to] = w.findAll('input[type="date"]');
    await from!.setValue('2026-03-11');
    expect(link(w).exists()).toBe(false);
    expect(w.find('[role="alert"]').text()).toContain('The end date is before the start date.');
    await from!.setValue('2025-12-01');
    expect(w.find('[role="alert"]').text()).toContain('at most 93 days');
    await to!.setValue('2026-03-03'); // 93 days
    expect(w.find('[role="alert"]').exists()).toBe(false);
    expect(link(w).attributes('href')).toBe('/api/exports/reps.xlsx?from=2025-12-01&to=2026-03-03');
    expect(w.text()).toContain('The whole floor');
  });

  it('follows the floor day until dates are picked, and speaks Chinese', async () => {
    const w = open({ team: null, today: null }, 'zh-CN');
    await w.setProps({ today: '2026-03-10' });
    expect(link(w).attributes('href')).toContain('from=2026-03-04&to=2026-03-10');
    expect(w.find('summary').text()).toBe('导出');
    expect(w.text()).toContain('坐席日报');
  });

  it('sits on the Campaigns page, scoped as the page is', async () => {
    stubFetch({ 'GET /api/campaigns': json(200, { ...campaignsFixture(), scope: { kind: 'team', team: 'team-b' } }) });
    const pinia = freshPinia();
    useSessionStore().currency = 'CNY';
    useFloorStore().applySnapshot(makeSnapshot([]));
    wrapper = mountWithApp(CampaignsView, { pinia });
    await flushPromises();
    expect(link(wrapper).attributes('href')).toBe('/api/exports/reps.xlsx?from=2026-03-04&to=2026-03-10&team=team-b');
  });
});
