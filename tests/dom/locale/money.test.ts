import { flushPromises } from '@vue/test-utils';
import type { VueWrapper } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import LeaderboardTable from '../../../client/components/leaderboard/LeaderboardTable.vue';
import GoodNewsBanner from '../../../client/components/alerts/GoodNewsBanner.vue';
import { formatMoney } from '../../../client/format';
import type { Locale } from '../../../client/i18n';
import { useAlertsStore } from '../../../client/stores/alerts';
import { useConnectionStore } from '../../../client/stores/connection';
import { useFloorStore } from '../../../client/stores/floor';
import { useSessionStore } from '../../../client/stores/session';
import FloorWallboardView from '../../../client/views/FloorWallboardView.vue';
import MyProgressView from '../../../client/views/MyProgressView.vue';
import TeamConsoleView from '../../../client/views/TeamConsoleView.vue';
import type { MeResponse } from '../../../shared/contracts/http';
import { emptyTargetSettings } from '../../../shared/domain/targetSettings';
import { mountView, stubFetch } from '../console/support';
import { makeNews } from '../support/alertData';
import { SETTINGS, T0, makeRep, makeSnapshot } from '../support/floorData';
import { freshPinia, mountWithApp } from '../support/mountApp';

// A currency other than the default, so that a hard-coded "¥" anywhere would fail.
const CURRENCY = 'USD';
const SIGN: Record<Locale, RegExp> = { en: /(^|[^A-Z])\$\d/, 'zh-CN': /US\$\d/ };
const LOCALES: Locale[] = ['en', 'zh-CN'];

const ada = makeRep({ id: 'r1', name: 'Ada', team: 'team-a', deals: 2, revenue: 4321, dials: 30 });
const bo = makeRep({ id: 'r2', name: 'Bo', team: 'team-a', deals: 1, revenue: 999, dials: 20 });

let wrapper: VueWrapper | undefined;

function pinia() {
  const p = freshPinia();
  useSessionStore().currency = CURRENCY;
  useConnectionStore().observeServerNow(T0);
  return p;
}

describe('the floor’s currency wherever revenue shows (en and zh-CN)', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(T0);
    stubFetch(({ method, url }) => {
      if (method === 'GET' && url.startsWith('/api/coaching-notes')) return { status: 200, body: { notes: [] } };
      if (method === 'GET' && url === '/api/targets')
        return {
          status: 200,
          body: {
            defaults: { dials: 100, effectiveCalls: 20, talkMinutes: 100, leads: 5, deals: 2, revenue: 5000 },
            settings: emptyTargetSettings(),
          },
        };
      if (method === 'GET' && url === '/api/me')
        return {
          status: 200,
          body: {
            rep: ada,
            pace: { dials: null, effectiveCalls: null, talkMinutes: null, leads: null, deals: null, revenue: null },
            rank: { floor: 1, floorSize: 2, team: 1, teamSize: 2 },
            notes: [],
            callbacksDue: [],
            settings: SETTINGS,
            serverNow: T0,
          } satisfies MeResponse,
        };
      return undefined;
    });
  });
  afterEach(() => {
    wrapper?.unmount();
    wrapper = undefined;
    vi.unstubAllGlobals();
    vi.useRealTimers();
  });

  it('formats amounts with the currency as each language writes it', () => {
    expect(formatMoney(12480.4, 'CNY', 'zh-CN')).toBe('¥12,480');
    expect(formatMoney(12480, 'CNY', 'en')).toBe('CN¥12,480');
    expect(formatMoney(12480, 'USD', 'en')).toBe('$12,480');
    expect(formatMoney(12480, 'USD', 'zh-CN')).toBe('US$12,480');
    expect(formatMoney(Number.NaN, 'EUR', 'en')).toBe('€0');
  });

  it('reads the currency from the session answer (CNY when an older server leaves it out)', async () => {
    freshPinia();
    vi.unstubAllGlobals();
    stubFetch(() => ({ status: 200, body: { viewer: null, currency: 'EUR' } }));
    const session = useSessionStore();
    await session.load();
    expect(session.currency).toBe('EUR');
    vi.unstubAllGlobals();
    stubFetch(() => ({ status: 200, body: { viewer: null } }));
    freshPinia();
    await useSessionStore().load();
    expect(useSessionStore().currency).toBe('CNY');
  });

  for (const locale of LOCALES) {
    it(`wallboard header and team bars (${locale})`, () => {
      const p = pinia();
      useFloorStore().applySnapshot(makeSnapshot([ada, bo]));
      wrapper = mountWithApp(FloorWallboardView, { pinia: p, locale });
      const header = wrapper.find('.floor-metrics [data-metric="revenue"]');
      expect(header.find('.metric__value').text()).toMatch(SIGN[locale]);
      expect(header.find('.metric__target').text()).toMatch(SIGN[locale]);
      const team = wrapper.find('section.team [data-metric="revenue"] dd');
      expect(team.text()).toMatch(SIGN[locale]);
    });

    it(`team console totals and rows (${locale})`, async () => {
      const p = pinia();
      useFloorStore().applySnapshot(makeSnapshot([ada, bo], { scope: { kind: 'team', team: 'team-a' } }));
      wrapper = mountView(TeamConsoleView, { pinia: p, props: { team: 'team-a' }, locale });
      await flushPromises();
      expect(wrapper.find('.team-totals__item[data-metric="revenue"]').text()).toMatch(SIGN[locale]);
      const cells = wrapper.findAll('td[data-col="revenue"]');
      expect(cells).toHaveLength(2);
      for (const cell of cells) expect(cell.text()).toMatch(SIGN[locale]);
    });

    it(`my progress: gauge and next steps (${locale})`, async () => {
      const p = pinia();
      useFloorStore().applySnapshot(makeSnapshot([ada], { scope: { kind: 'rep', rep: 'r1' } }));
      wrapper = mountView(MyProgressView, { pinia: p, locale });
      await flushPromises();
      expect(wrapper.find('figure.pace-gauge[data-metric="revenue"]').text()).toMatch(SIGN[locale]);
      const left = wrapper.findAll('.next-steps li').filter((li) => li.attributes('data-metric') === 'revenue');
      expect(left.length).toBeGreaterThan(0);
      for (const li of left) expect(li.text()).toMatch(SIGN[locale]);
    });

    it(`leaderboards and the sale banner (${locale})`, async () => {
      const p = pinia();
      wrapper = mountWithApp(LeaderboardTable, {
        pinia: p,
        locale,
        props: {
          metric: 'revenue',
          rows: [
            { position: 1, rank: 1, tied: false, rep: 'r1', name: 'Ada', team: 'team-a', value: 4321, movement: 0 },
          ],
        },
      });
      expect(wrapper.find('.board-table__value').text()).toMatch(SIGN[locale]);
      wrapper.unmount();
      useAlertsStore().onGoodNews(makeNews({ id: 'n1', kind: 'sale', repName: 'Ada', amount: 1999 }));
      wrapper = mountWithApp(GoodNewsBanner, { pinia: p, locale });
      await flushPromises();
      expect(wrapper.find('.good-news__text').text()).toMatch(SIGN[locale]);
    });
  }
});
