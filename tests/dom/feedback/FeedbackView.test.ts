/** The market-feedback page, the catalogue's labels on screen and the admin catalogue section (issue #16). */
import { flushPromises } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { FeedbackResponse } from '../../../shared/contracts/feedback';
import { DEFAULT_CATALOGUE, type Catalogue } from '../../../shared/domain/reasonCatalogue';
import ReasonCatalogueSection from '../../../client/components/admin/ReasonCatalogueSection.vue';
import { reasonLabel } from '../../../client/components/reasonLabel';
import { bindRealtime } from '../../../client/realtime/bindRealtime';
import { configuredCatalogue, useReasonsStore } from '../../../client/stores/reasons';
import { useSessionStore } from '../../../client/stores/session';
import FeedbackView from '../../../client/views/FeedbackView.vue';
import { json, settle, stubFetch } from '../support/fakeFetch';
import { FakeSocket } from '../support/fakeSocket';
import { freshPinia, mountWithApp } from '../support/mountApp';
import { LEAD, SUPERVISOR } from '../support/viewers';

const CATALOGUE: Catalogue = {
  version: 3,
  entries: [
    ...DEFAULT_CATALOGUE.entries,
    { code: 'wants_app', kind: 'tag', labels: { en: 'Wants a mobile app', zh: '想要手机应用' } },
    { code: '__proto__', kind: 'tag', labels: { en: '<b>Proto</b>', zh: '原型' } },
  ],
  aliases: [{ from: 'too expensive', to: 'price' }],
};

const zero = [0, 0, 0, 0, 0, 0, 0];
const WEEK = ['2026-11-30', '2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04', '2026-12-05', '2026-12-06'];
const FEEDBACK: FeedbackResponse = {
  today: '2026-12-03',
  week: WEEK,
  filters: { team: null, campaign: null, list: null },
  reasons: [
    { code: 'price', known: true, today: 4, week: 12, lastWeek: 10, perDay: [3, 2, 3, 4, 0, 0, 0] },
    { code: 'not_decision_maker', known: true, today: 1, week: 2, lastWeek: 4, perDay: [0, 1, 0, 1, 0, 0, 0] },
    { code: 'weird-code', known: false, today: 1, week: 1, lastWeek: 0, perDay: [0, 0, 0, 1, 0, 0, 0] },
  ],
  tags: [
    { code: 'wants_app', known: true, today: 2, week: 5, lastWeek: 5, perDay: zero.map((_, i) => (i < 4 ? 1 : 0)) },
  ],
  byCampaign: [{ id: 'spring', today: 5, week: 15, lastWeek: 12, top: [{ code: 'price', known: true, week: 12 }] }],
  byList: [{ id: '', today: 5, week: 15, lastWeek: 12, top: [] }],
  byTeam: [{ id: 'north', today: 5, week: 15, lastWeek: 12, top: [] }],
  samples: [
    {
      code: 'price',
      known: true,
      remarks: [
        {
          at: Date.UTC(2026, 11, 3, 9),
          rep: 'rep-001',
          team: 'north',
          campaign: 'spring',
          list: '',
          remark: '<img src=x onerror=alert(1)> 138****5678',
        },
      ],
    },
  ],
  options: { teams: ['north', 'south'], campaigns: ['spring'], lists: ['list-1'] },
  serverNow: Date.UTC(2026, 11, 3, 12),
};

afterEach(() => {
  vi.unstubAllGlobals();
  configuredCatalogue.value = DEFAULT_CATALOGUE;
});

describe('reasonLabel with the configured catalogue', () => {
  const t = (key: string) => `t:${key}`;
  it('reads own labels, shipped messages, aliases, and shows unknown codes as sent', () => {
    configuredCatalogue.value = CATALOGUE;
    expect(reasonLabel('tag', 'wants_app', t, 'zh-CN')).toBe('想要手机应用');
    expect(reasonLabel('tag', 'wants_app', t, 'en')).toBe('Wants a mobile app');
    expect(reasonLabel('refusal', 'price', t)).toBe('t:refusal.price');
    expect(reasonLabel('tag', 'referral', t)).toBe('t:feedbackTag.referral');
    expect(reasonLabel('refusal', 'too expensive', t)).toBe('t:refusal.price');
    expect(reasonLabel('refusal', 'weird-code', t)).toBe('weird-code');
    expect(reasonLabel('tag', '__proto__', t)).toBe('<b>Proto</b>');
    expect(reasonLabel('refusal', 'constructor', t)).toBe('constructor');
    expect(reasonLabel('pause', 'lunch', t)).toBe('t:pause.lunch');
  });
});

describe('FeedbackView', () => {
  it('shows reasons and tags in Chinese with the trend in words, per day, slices and remarks as text', async () => {
    const calls = stubFetch({ 'GET /api/feedback': json(200, FEEDBACK) });
    const pinia = freshPinia();
    useSessionStore().viewer = SUPERVISOR;
    configuredCatalogue.value = CATALOGUE;
    const view = mountWithApp(FeedbackView, { pinia, locale: 'zh-CN' });
    await flushPromises();
    expect(calls.map((c) => c.path)).toEqual(['/api/feedback']);
    const price = view.find('[data-code="price"]');
    expect(price.find('.feedback-code-label').text()).toBe('价格原因');
    expect(price.text()).toContain('▲ 增加 20%');
    expect(view.find('[data-code="not_decision_maker"]').text()).toContain('非决策人');
    expect(view.find('[data-code="not_decision_maker"]').text()).toContain('▼ 减少 50%');
    const weird = view.find('[data-code="weird-code"]');
    expect(weird.text()).toContain('weird-code');
    expect(weird.text()).toContain('不在原因目录中');
    expect(weird.text()).toContain('本周新出现');
    expect(view.find('[data-code="wants_app"]').text()).toContain('想要手机应用');
    expect(view.find('[data-code="wants_app"]').text()).toContain('= 与上周持平');
    // Per day: Thursday is today; Friday on are days to come.
    const days = price.findAll('.feedback-days li');
    expect(days.map((d) => d.attributes('aria-label'))).toEqual([
      '一 3',
      '二 2',
      '三 3',
      '四 4',
      '五 0',
      '六 0',
      '日 0',
    ]);
    expect(days[4]!.classes()).toContain('feedback-days--future');
    expect(view.find('[data-slice="spring"]').text()).toContain('价格原因 · 12');
    expect(view.find('[data-slice=""]').text()).toContain('（无）');
    const remark = view.find('.feedback-samples__group[data-code="price"] q');
    expect(remark.text()).toBe('<img src=x onerror=alert(1)> 138****5678');
    expect(view.find('img').exists()).toBe(false);
    expect(view.find('select[name="feedback-team"]').exists()).toBe(true);
  });

  it('asks again with the filters chosen; a lead has no team filter', async () => {
    const calls = stubFetch({
      'GET /api/feedback': json(200, FEEDBACK),
      'GET /api/feedback?campaign=spring': json(200, { ...FEEDBACK, reasons: [] }),
    });
    const pinia = freshPinia();
    useSessionStore().viewer = LEAD;
    const view = mountWithApp(FeedbackView, { pinia });
    await flushPromises();
    expect(view.find('select[name="feedback-team"]').exists()).toBe(false);
    await view.find('select[name="feedback-campaign"]').setValue('spring');
    await flushPromises();
    expect(calls.map((c) => c.path)).toEqual(['/api/feedback', '/api/feedback?campaign=spring']);
    expect(view.find('tr[data-code="price"]').exists()).toBe(false);
    expect(view.text()).toContain('No reasons or tags recorded this week yet.');
  });

  it('says why when the server refuses', async () => {
    stubFetch({ 'GET /api/feedback': json(403, { error: "a lead sees their own team's feedback only" }) });
    const pinia = freshPinia();
    useSessionStore().viewer = LEAD;
    const view = mountWithApp(FeedbackView, { pinia });
    await flushPromises();
    expect(view.find('[role="alert"]').text()).toContain("a lead sees their own team's feedback only");
  });
});

describe('the catalogue on every screen', () => {
  it('loads on connect and again on reasons:changed', async () => {
    let answer: Catalogue = CATALOGUE;
    const calls = stubFetch({
      'GET /api/reasons': () => json(200, answer),
      'GET /api/teams': json(200, { teams: [] }),
    });
    freshPinia();
    useSessionStore().viewer = SUPERVISOR;
    const socket = new FakeSocket();
    bindRealtime(socket.asSocket());
    socket.serverSends('connect');
    await settle();
    expect(useReasonsStore().catalogue.version).toBe(3);
    answer = {
      ...CATALOGUE,
      version: 4,
      entries: [{ code: 'wants_app', kind: 'tag', labels: { en: 'App please', zh: '要应用' } }],
    };
    socket.serverSends('reasons:changed');
    await settle();
    expect(reasonLabel('tag', 'wants_app', (k) => k)).toBe('App please');
    expect(calls.filter((c) => c.path === '/api/reasons')).toHaveLength(2);
  });
});

describe('ReasonCatalogueSection', () => {
  const UNKNOWN = { codes: [{ code: 'too pricey', kind: 'refusal', count: 7, lastSeen: '2026-12-03' }] };

  it('maps an unknown code to a catalogue code, saving from the version it read', async () => {
    const calls = stubFetch({
      'GET /api/reasons': json(200, CATALOGUE),
      'GET /api/reasons/unknown': () => json(200, UNKNOWN),
      'PUT /api/reasons': (body) => json(200, { ...(body as Catalogue), version: 4 }),
    });
    const view = mountWithApp(ReasonCatalogueSection, { pinia: freshPinia() });
    await flushPromises();
    const row = view.find('[data-unknown="too pricey"]');
    expect(row.text()).toContain('7');
    await row.find('select').setValue('price');
    await row.find('button').trigger('click');
    await flushPromises();
    const put = calls.find((c) => c.method === 'PUT');
    expect(put?.body).toMatchObject({
      version: 3,
      aliases: [
        { from: 'too expensive', to: 'price' },
        { from: 'too pricey', to: 'price' },
      ],
    });
    expect(view.find('[role="status"]').text()).toBe('Saved (version 4).');
    expect(useReasonsStore().catalogue.version).toBe(4);
    expect(view.find('[data-alias="too pricey"]').text()).toContain('Price');
  });

  it('reloads and says so when someone saved meanwhile (409)', async () => {
    let reads = 0;
    stubFetch({
      'GET /api/reasons': () => json(200, { ...CATALOGUE, version: 3 + reads++ }),
      'GET /api/reasons/unknown': json(200, { codes: [] }),
      'PUT /api/reasons': json(409, { error: 'the catalogue changed meanwhile', version: 4 }),
    });
    const view = mountWithApp(ReasonCatalogueSection, { pinia: freshPinia() });
    await flushPromises();
    await view.find('input[aria-label="English label price"]').setValue('Cost');
    await view.find('input[aria-label="Chinese label price"]').setValue('费用');
    await view.findAll('form')[0]!.trigger('submit');
    await flushPromises();
    expect(view.find('[role="alert"]').text()).toContain('Someone saved the catalogue meanwhile');
    expect((view.find('input[aria-label="English label price"]').element as HTMLInputElement).value).toBe('');
  });

  it('adds a code with its English and Chinese label', async () => {
    const calls = stubFetch({
      'GET /api/reasons': json(200, DEFAULT_CATALOGUE),
      'GET /api/reasons/unknown': json(200, { codes: [] }),
      'PUT /api/reasons': (body) => json(200, { ...(body as Catalogue), version: 1 }),
    });
    const view = mountWithApp(ReasonCatalogueSection, { pinia: freshPinia() });
    await flushPromises();
    await view.find('input[name="reason-code"]').setValue('wants_app');
    await view.find('select[name="reason-kind"]').setValue('tag');
    await view.find('input[name="reason-en"]').setValue('Wants an app');
    await view.find('input[name="reason-zh"]').setValue('想要应用');
    await view.findAll('form')[1]!.trigger('submit');
    await flushPromises();
    const body = calls.find((c) => c.method === 'PUT')?.body as Catalogue;
    expect(body.entries.at(-1)).toEqual({
      code: 'wants_app',
      kind: 'tag',
      labels: { en: 'Wants an app', zh: '想要应用' },
    });
    expect(body.entries.filter((e) => e.labels)).toHaveLength(1);
    expect(view.find('[data-code="wants_app"]').text()).toContain('Wants an app');
  });
});
