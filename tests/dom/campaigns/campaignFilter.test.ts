import { flushPromises, mount } from '@vue/test-utils';
import type { VueWrapper } from '@vue/test-utils';
import type { Pinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Component } from 'vue';
import { createMemoryHistory, createRouter } from 'vue-router';
import type { Router } from 'vue-router';
import { campaignOf, withCampaign } from '../../../client/composables/useCampaignFilter';
import { createAppI18n } from '../../../client/i18n';
import { CAMPAIGN_FLOOR_MIN_MS } from '../../../client/stores/campaignFloor';
import { useConnectionStore } from '../../../client/stores/connection';
import { useFloorStore } from '../../../client/stores/floor';
import { useSessionStore } from '../../../client/stores/session';
import FloorWallboardView from '../../../client/views/FloorWallboardView.vue';
import TeamConsoleView from '../../../client/views/TeamConsoleView.vue';
import TrendsView from '../../../client/views/TrendsView.vue';
import type { FloorResponse } from '../../../shared/contracts/http';
import type { RepView } from '../../../shared/domain/floorView';
import type { Viewer } from '../../../shared/domain/viewer';
import { BaseChartStub, stubFetch } from '../console/support';
import type { FakeRequest } from '../console/support';
import { campaignsFixture } from '../support/campaignsData';
import { T0, makeDelta, makeRep, makeSnapshot } from '../support/floorData';
import { freshPinia } from '../support/mountApp';
import { KIOSK, LEAD, SUPERVISOR } from '../support/viewers';

const reps = [
  makeRep({ id: 'r1', name: 'Ann', team: 'north', dials: 30, deals: 2 }),
  makeRep({ id: 'r2', name: 'Bob', team: 'north', dials: 20 }),
  makeRep({ id: 'r3', name: 'Cai', team: 'south', dials: 12 }),
];
/** Spring's share of the day: Ann made 7 of her dials for it, nobody else called for it. */
const springReps = [makeRep({ id: 'r1', name: 'Ann', team: 'north', dials: 7, deals: 1 })];

function floorAnswer(list: RepView[]): FloorResponse {
  const { day, teams, totals, cursor, serverNow, settings } = makeSnapshot(list);
  return { day, reps: list, teams, totals, cursor, serverNow, settings };
}

let requests: FakeRequest[];
let wrapper: VueWrapper | undefined;
let springFloor: FloorResponse;

const views: Record<string, Component> = { floor: FloorWallboardView, team: TeamConsoleView, trends: TrendsView };

async function open(viewer: Viewer, path: string): Promise<{ w: VueWrapper; router: Router; pinia: Pinia }> {
  const pinia = freshPinia();
  useSessionStore().viewer = viewer;
  useConnectionStore().markConnected();
  useFloorStore().applySnapshot(makeSnapshot(reps));
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/floor', name: 'floor', component: views.floor! },
      { path: '/team/:team', name: 'team', component: views.team!, props: true },
      { path: '/trends', name: 'trends', component: views.trends! },
      { path: '/tv', name: 'tv', component: { render: () => null } },
    ],
  });
  await router.push(path);
  const App = { template: '<RouterView />' };
  wrapper = mount(App, {
    attachTo: document.body,
    global: { plugins: [pinia, createAppI18n('en'), router], stubs: { BaseChart: BaseChartStub } },
  });
  await flushPromises();
  return { w: wrapper, router, pinia };
}

const gets = (prefix: string) =>
  requests.filter((r) => r.method === 'GET' && r.url.startsWith(prefix)).map((r) => r.url);
const chip = (w: VueWrapper) => w.find('[data-test="campaign-chip"]');

describe('the campaign filter', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
    vi.setSystemTime(T0);
    springFloor = floorAnswer(springReps);
    requests = stubFetch(({ method, url }) => {
      if (method !== 'GET') return undefined;
      if (url === '/api/campaigns') return { status: 200, body: campaignsFixture() };
      if (url === '/api/floor?campaign=spring') return { status: 200, body: springFloor };
      if (url.startsWith('/api/leaderboard'))
        return { status: 200, body: { metric: 'deals', period: 'today', team: null, rows: [], serverNow: T0 } };
      return undefined;
    });
  });
  afterEach(() => {
    wrapper?.unmount();
    wrapper = undefined;
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('reads and writes ?campaign= keeping the rest of the query; "other" and empty values mean none', () => {
    expect(campaignOf({ campaign: 'spring' })).toBe('spring');
    expect(campaignOf({ campaign: ['a', 'b'] })).toBe('a');
    expect(campaignOf({ campaign: '' })).toBeNull();
    expect(campaignOf({ campaign: '*' })).toBeNull();
    expect(campaignOf({})).toBeNull();
    expect(withCampaign({ team: 'north' }, 'spring')).toEqual({ team: 'north', campaign: 'spring' });
    expect(withCampaign({ team: 'north', campaign: 'spring' }, null)).toEqual({ team: 'north' });
  });

  it('trends: a link with ?campaign= opens filtered; choosing another changes the URL and re-reads; Clear undoes it', async () => {
    const { w, router } = await open(SUPERVISOR, '/trends?team=north&campaign=spring');
    expect(gets('/api/trends')).toEqual(['/api/trends?team=north&campaign=spring']);
    expect(chip(w).text()).toContain('Campaign: spring');
    const select = w.find<HTMLSelectElement>('select[name="campaign"]');
    expect(select.element.value).toBe('spring');
    // The day's campaigns from the store, "Other" not among them.
    expect(select.findAll('option').map((o) => o.text())).toEqual(['All campaigns', 'winter', 'spring']);

    await select.setValue('winter');
    await flushPromises();
    expect(router.currentRoute.value.query).toEqual({ team: 'north', campaign: 'winter' });
    expect(gets('/api/trends').at(-1)).toBe('/api/trends?team=north&campaign=winter');
    expect(chip(w).text()).toContain('Campaign: winter');

    await chip(w).find('button').trigger('click');
    await flushPromises();
    expect(router.currentRoute.value.query).toEqual({ team: 'north' });
    expect(chip(w).exists()).toBe(false);
    expect(gets('/api/trends').at(-1)).toBe('/api/trends?team=north');
    expect(select.element.value).toBe('');
  });

  it('wallboard: every figure follows the campaign (tiles, header, leaderboard)', async () => {
    const { w } = await open(SUPERVISOR, '/floor?campaign=spring');
    expect(gets('/api/floor')).toEqual(['/api/floor?campaign=spring']);
    expect(w.findAll('.rep-tile').map((t) => t.attributes('data-rep'))).toEqual(['r1']);
    expect(w.find('.rep-tile[data-rep="r1"] [role="progressbar"]').attributes('aria-valuenow')).toBe('7');
    expect(w.findAll('.metric')[0]!.find('.metric__value').text()).toBe('7');
    expect(gets('/api/leaderboard')).toEqual(['/api/leaderboard?metric=deals&period=today&campaign=spring']);
    expect(chip(w).text()).toContain('Campaign: spring');

    await chip(w).find('button').trigger('click');
    await flushPromises();
    // Back to the live floor at once (it kept taking the socket's deltas meanwhile).
    expect(w.findAll('.rep-tile')).toHaveLength(3);
    expect(w.findAll('.metric')[0]!.find('.metric__value').text()).toBe('62');
  });

  it('wallboard: live deltas for the whole floor re-read the filtered floor at most every 2 s, never applied to it', async () => {
    const { w } = await open(SUPERVISOR, '/floor?campaign=spring');
    expect(gets('/api/floor')).toHaveLength(1);
    const floor = useFloorStore();
    let live = reps;
    for (let seq = 11; seq <= 20; seq++) {
      const ann = { ...live[0]!, dials: live[0]!.dials + 1, version: seq };
      live = [ann, ...live.slice(1)];
      expect(floor.applyDelta(makeDelta(seq, [ann], live))).toBe('applied');
      await vi.advanceTimersByTimeAsync(300);
    }
    // 3 s of deltas every 300 ms: one read 2 s after the first read, the next not before 4 s.
    await flushPromises();
    expect(gets('/api/floor')).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(900);
    expect(gets('/api/floor')).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(100);
    expect(gets('/api/floor')).toHaveLength(3);
    // The page still shows the campaign's figure, not the live floor's 40 dials.
    expect(w.find('.rep-tile[data-rep="r1"] [role="progressbar"]').attributes('aria-valuenow')).toBe('7');
    springFloor = floorAnswer([{ ...springReps[0]!, dials: 8 }]);
    await vi.advanceTimersByTimeAsync(CAMPAIGN_FLOOR_MIN_MS);
    floor.applyDelta(makeDelta(21, [], live));
    await vi.advanceTimersByTimeAsync(CAMPAIGN_FLOOR_MIN_MS);
    await flushPromises();
    expect(w.find('.rep-tile[data-rep="r1"] [role="progressbar"]').attributes('aria-valuenow')).toBe('8');
    // Quiet socket: no more reads.
    const count = gets('/api/floor').length;
    await vi.advanceTimersByTimeAsync(CAMPAIGN_FLOOR_MIN_MS * 5);
    expect(gets('/api/floor')).toHaveLength(count);
  });

  it('wallboard on a kiosk TV: no filter, a ?campaign= in its link is ignored', async () => {
    const { w } = await open(KIOSK, '/floor?campaign=spring');
    expect(w.find('select[name="campaign"]').exists()).toBe(false);
    expect(gets('/api/floor')).toEqual([]);
    expect(gets('/api/campaigns')).toEqual([]);
    expect(w.findAll('.rep-tile')).toHaveLength(3);
  });

  it('console: the reps, the team’s totals, the leaderboard and the trends follow the campaign', async () => {
    const { w, router } = await open(LEAD, '/team/north');
    expect(gets('/api/floor')).toEqual([]);
    expect(w.find('.team-console__reps').text()).toContain('Bob');
    await w.find('select[name="campaign"]').setValue('spring');
    await flushPromises();
    expect(router.currentRoute.value.query).toEqual({ campaign: 'spring' });
    expect(gets('/api/floor')).toEqual(['/api/floor?campaign=spring']);
    expect(gets('/api/leaderboard').at(-1)).toBe(
      '/api/leaderboard?metric=deals&period=today&team=north&campaign=spring',
    );
    expect(gets('/api/trends').at(-1)).toBe('/api/trends?team=north&campaign=spring');
    expect(chip(w).text()).toContain('Campaign: spring');
    expect(w.find('.team-console__reps').text()).toContain('Ann');
    expect(w.find('.team-console__reps').text()).not.toContain('Bob');
  });

  it('says so when the campaign’s figures cannot be read', async () => {
    const { w } = await open(SUPERVISOR, '/floor?campaign=nope');
    expect(gets('/api/floor')).toEqual(['/api/floor?campaign=nope']);
    expect(w.find('.campaign-filter [role="alert"]').text()).toContain('Could not read this campaign’s figures');
    expect(chip(w).text()).toContain('Campaign: nope');
  });
});
