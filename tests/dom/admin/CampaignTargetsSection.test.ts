import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import CampaignTargetsSection from '../../../client/components/admin/CampaignTargetsSection.vue';
import { createAppI18n, type Locale } from '../../../client/i18n';
import type { TargetsResponse } from '../../../shared/contracts/http';
import { emptyTargetSettings, type TargetUpdate } from '../../../shared/domain/targetSettings';
import { namedRecord } from '../../../shared/records';
import { campaignsFixture } from '../support/campaignsData';
import { json, stubFetch } from '../support/fakeFetch';
import { freshPinia } from '../support/mountApp';

const DEFAULTS = { dials: 120, effectiveCalls: 25, talkMinutes: 150, leads: 6, deals: 2, revenue: 2000 };

function targetsWith(campaigns: [string, TargetUpdate['targets']][]): TargetsResponse {
  const settings = emptyTargetSettings();
  settings.campaigns = namedRecord(
    campaigns.map(([id, daily]) => [id, { daily: daily as Record<string, number> }] as const),
  );
  return { defaults: DEFAULTS, settings, calendar: { source: 'none', missingYears: [] } };
}

/** A fake server: PUT /api/targets applies the campaign update and answers the new settings. */
function server(initial: [string, TargetUpdate['targets']][], campaignsStatus = 200) {
  const stored = new Map(initial);
  return stubFetch({
    'GET /api/targets': () => json(200, targetsWith([...stored])),
    'GET /api/campaigns': () =>
      campaignsStatus === 200 ? json(200, campaignsFixture()) : json(campaignsStatus, { error: 'down' }),
    'PUT /api/targets': (body) => {
      const update = body as TargetUpdate;
      if (update.scope.kind !== 'campaign') return json(400, { error: 'not a campaign' });
      const next = { ...stored.get(update.scope.campaign) };
      for (const [m, v] of Object.entries(update.targets)) {
        if (v === null) delete next[m as keyof typeof next];
        else next[m as keyof typeof next] = v;
      }
      stored.set(update.scope.campaign, next);
      return json(200, targetsWith([...stored]));
    },
  });
}

async function mountSection(locale: Locale = 'en') {
  const wrapper = mount(CampaignTargetsSection, { global: { plugins: [freshPinia(), createAppI18n(locale)] } });
  await flushPromises();
  return wrapper;
}

type Wrapper = Awaited<ReturnType<typeof mountSection>>;
const row = (w: Wrapper, campaign: string) => w.find(`[data-campaign="${campaign}"]`);
const values = (w: Wrapper, campaign: string) =>
  row(w, campaign)
    .findAll<HTMLInputElement>('input')
    .map((i) => i.element.value);

describe('CampaignTargetsSection', () => {
  afterEach(() => vi.unstubAllGlobals());

  it("lists today's campaigns and those with targets (not the other bucket), with their set figures", async () => {
    server([
      ['summer', { deals: 5 }],
      ['__proto__', { revenue: 900 }],
      ['spring', { deals: 20 }],
    ]);
    const w = await mountSection();
    const ids = w.findAll('tbody tr[data-campaign]').map((r) => r.attributes('data-campaign'));
    expect(ids).toEqual(['__proto__', 'spring', 'summer', 'winter']);
    expect(values(w, 'spring')).toEqual(['', '20', '']);
    expect(values(w, '__proto__')).toEqual(['', '', '900']);
    expect(values(w, 'winter')).toEqual(['', '', '']);
    expect(w.find('thead').text()).toContain('Dials');
    expect(w.find('thead').text()).toContain('Revenue');
  });

  it('saves a row as daily figures of that campaign; an empty field clears it', async () => {
    const calls = server([['spring', { deals: 20 }]]);
    const w = await mountSection();
    const inputs = row(w, 'spring').findAll('input');
    await inputs[0]!.setValue('300');
    await inputs[1]!.setValue('');
    await inputs[2]!.setValue('1500.5');
    // Another row's typing survives the save.
    await row(w, 'winter').findAll('input')[1]!.setValue('7');
    await row(w, 'spring').find('button').trigger('click');
    await flushPromises();
    expect(calls.at(-1)).toEqual({
      method: 'PUT',
      path: '/api/targets',
      body: {
        scope: { kind: 'campaign', campaign: 'spring' },
        period: 'daily',
        targets: { dials: 300, deals: null, revenue: 1500.5 },
      },
    });
    expect(values(w, 'spring')).toEqual(['300', '', '1500.5']);
    expect(values(w, 'winter')).toEqual(['', '7', '']);
    expect(row(w, 'spring').find('[role="status"]').text()).toBe('Targets of spring saved.');
  });

  it('adds a campaign not dialled yet, refusing a bad id or number before asking the server', async () => {
    const calls = server([]);
    const w = await mountSection();
    const fresh = w.find('[data-campaign-new]');
    await fresh.find('input[type="text"]').setValue('a b');
    await fresh.findAll('input[type="number"]')[1]!.setValue('3');
    await fresh.find('button').trigger('click');
    await flushPromises();
    expect(fresh.find('[role="alert"]').text()).toContain('A campaign id is 1–64');
    await fresh.find('input[type="text"]').setValue('autumn');
    await fresh.findAll('input[type="number"]')[2]!.setValue('-5');
    await fresh.find('button').trigger('click');
    await flushPromises();
    expect(fresh.find('[role="alert"]').text()).toBe('Revenue must be a number from 0 to 1,000,000,000.');
    expect(calls.filter((c) => c.method === 'PUT')).toHaveLength(0);

    await fresh.findAll('input[type="number"]')[2]!.setValue('');
    await fresh.find('button').trigger('click');
    await flushPromises();
    expect(calls.at(-1)?.body).toEqual({
      scope: { kind: 'campaign', campaign: 'autumn' },
      period: 'daily',
      targets: { dials: null, deals: 3, revenue: null },
    });
    expect(values(w, 'autumn')).toEqual(['', '3', '']);
    expect(w.find<HTMLInputElement>('[data-campaign-new] input[type="text"]').element.value).toBe('');
  });

  it("says what the server refused, and still edits targets when today's campaigns cannot be read", async () => {
    stubFetch({
      'GET /api/targets': json(200, targetsWith([['spring', { deals: 1 }]])),
      'GET /api/campaigns': json(503, { error: 'redis down' }),
      'PUT /api/targets': json(403, { error: 'you may not set these targets' }),
    });
    const w = await mountSection();
    expect(w.text()).toContain('campaigns with targets are listed');
    await row(w, 'spring').find('button').trigger('click');
    await flushPromises();
    expect(row(w, 'spring').find('[role="alert"]').text()).toBe('Not saved: you may not set these targets');
  });

  it('copes with a server that sends no campaign settings (mid-upgrade) and ids like "constructor"', async () => {
    const fixture = campaignsFixture();
    fixture.campaigns[0]!.campaign = 'constructor';
    stubFetch({
      'GET /api/targets': json(200, { defaults: DEFAULTS, settings: { floor: {}, teams: {}, reps: {} } }),
      'GET /api/campaigns': json(200, fixture),
    });
    const w = await mountSection();
    expect(w.findAll('tbody tr[data-campaign]').map((r) => r.attributes('data-campaign'))).toEqual([
      'constructor',
      'spring',
    ]);
    expect(values(w, 'constructor')).toEqual(['', '', '']);
  });

  it('speaks Simplified Chinese', async () => {
    server([]);
    const w = await mountSection('zh-CN');
    expect(w.find('h2').text()).toBe('营销活动目标');
    expect(w.find('thead').text()).toContain('成交金额');
  });
});
