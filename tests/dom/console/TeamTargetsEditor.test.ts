import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import TeamTargetsEditor from '../../../client/components/console/TeamTargetsEditor.vue';
import { createAppI18n } from '../../../client/i18n';
import type { Locale } from '../../../client/i18n';
import { json, stubFetch } from '../support/fakeFetch';
import { freshPinia } from '../support/mountApp';

const DEFAULTS = { dials: 180, effectiveCalls: 30, talkMinutes: 150, leads: 6, deals: 2, revenue: 5000 };
const SETTINGS = {
  floor: { daily: { leads: 8 } },
  teams: { 'team-a': { daily: { dials: 200 }, monthly: { deals: 40 } } },
  reps: { r2: { daily: { dials: 150 }, monthly: { revenue: 90000 } } },
};
const REPS = [
  { id: 'r2', name: 'Bo' },
  { id: 'r1', name: 'Ada' },
];

/** A resolved answer: dials set weekly at the rep level (0: not set, the default applies), deals monthly at the team's. */
function resolved(weeklyDials: number) {
  const figure = (month: number | null, week: number | null, day: number) => ({ month, week, day });
  const dflt = (day: number) => ({ source: 'default', level: null, ...figure(null, null, day) });
  return {
    day: '2026-10-12',
    working: true,
    holiday: false,
    workingDaysLeft: { month: 15, week: 5 },
    targets: {
      dials: weeklyDials
        ? { source: 'weekly', level: 'rep', ...figure(null, weeklyDials, weeklyDials / 5) }
        : { source: 'daily', level: 'team', ...figure(null, null, 100) },
      effectiveCalls: dflt(30),
      talkMinutes: dflt(150),
      leads: { source: 'daily', level: 'floor', ...figure(null, null, 8) },
      deals: { source: 'monthly', level: 'team', ...figure(40, 13.34, 2.67) },
      revenue: dflt(5000),
    },
  };
}

async function mountEditor(locale: Locale = 'en') {
  const wrapper = mount(TeamTargetsEditor, {
    props: { team: 'team-a', reps: REPS },
    global: { plugins: [freshPinia(), createAppI18n(locale)] },
  });
  await flushPromises();
  return wrapper;
}

describe('TeamTargetsEditor', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('offers the whole team and each rep by name', async () => {
    stubFetch({ 'GET /api/targets': json(200, { defaults: DEFAULTS, settings: SETTINGS }) });
    const editor = await mountEditor();
    const options = editor.findAll('select[name="scope"] option');
    expect(options.map((o) => o.text())).toEqual(['Whole team', 'Ada', 'Bo']);
    expect(editor.find<HTMLInputElement>('input[name="daily.dials"]').element.value).toBe('200');
  });

  it('shows a rep’s own figures with the inherited ones as placeholders, and saves rep-scoped', async () => {
    const calls = stubFetch({
      'GET /api/targets': json(200, { defaults: DEFAULTS, settings: SETTINGS }),
      'PUT /api/targets': json(200, {
        defaults: DEFAULTS,
        settings: { ...SETTINGS, reps: { r2: { daily: { dials: 160, leads: 5 }, monthly: { revenue: 90000 } } } },
      }),
    });
    const editor = await mountEditor();
    await editor.find('select[name="scope"]').setValue('r2');

    const dials = editor.find<HTMLInputElement>('input[name="daily.dials"]');
    expect(dials.element.value).toBe('150');
    expect(dials.attributes('placeholder')).toBe('200'); // the team's
    expect(editor.find('input[name="daily.leads"]').attributes('placeholder')).toBe('8'); // the floor's
    expect(editor.find('input[name="daily.deals"]').attributes('placeholder')).toBe('2'); // the default
    expect(editor.find('input[name="monthly.deals"]').attributes('placeholder')).toBe('40');
    expect(editor.find<HTMLInputElement>('input[name="monthly.revenue"]').element.value).toBe('90000');
    expect(editor.find('form[data-period="daily"] legend').text()).toBe('Daily: Bo');

    await dials.setValue('160');
    await editor.find('input[name="daily.leads"]').setValue('5');
    await editor.find('form[data-period="daily"]').trigger('submit');
    await flushPromises();

    expect(calls.find((c) => c.method === 'PUT')).toEqual({
      method: 'PUT',
      path: '/api/targets',
      body: {
        scope: { kind: 'rep', rep: 'r2' },
        period: 'daily',
        targets: { dials: 160, effectiveCalls: null, talkMinutes: null, leads: 5, deals: null, revenue: null },
      },
    });
    expect(editor.find('form[data-period="daily"] [role="status"]').text()).toBe('Saved');
    expect(editor.find<HTMLInputElement>('input[name="daily.leads"]').element.value).toBe('5');

    await editor.find('select[name="scope"]').setValue('');
    expect(editor.find<HTMLInputElement>('input[name="daily.dials"]').element.value).toBe('200');
    expect(editor.find('form[data-period="daily"] [role="status"]').exists()).toBe(false);
  });

  it('shows the server’s reason when it refuses', async () => {
    stubFetch({
      'GET /api/targets': json(200, { defaults: DEFAULTS, settings: SETTINGS }),
      'PUT /api/targets': json(403, { error: 'rep r1 is not on your team' }),
    });
    const editor = await mountEditor();
    await editor.find('select[name="scope"]').setValue('r1');
    await editor.find('form[data-period="monthly"]').trigger('submit');
    await flushPromises();
    expect(editor.find('form[data-period="monthly"] [role="alert"]').text()).toBe(
      'Not saved: rep r1 is not on your team',
    );
  });

  it('saves a weekly figure and shows month / week / day for the chosen rep, refreshed after the save', async () => {
    let weekly = 0;
    const calls = stubFetch({
      'GET /api/targets': json(200, { defaults: DEFAULTS, settings: SETTINGS }),
      'GET /api/targets/resolved?team=team-a': json(200, resolved(0)),
      'GET /api/targets/resolved?rep=r2': () => json(200, resolved(weekly)),
      'PUT /api/targets': (body) => ((weekly = 600), json(200, { defaults: DEFAULTS, settings: SETTINGS, body })),
    });
    const editor = await mountEditor();
    expect(editor.find('[data-metric="dials"] [data-period="day"]').text()).toBe('100');
    await editor.find('select[name="scope"]').setValue('r2');
    await flushPromises();
    expect(editor.find('#targets-resolved-title').text()).toBe('Month / week / day for Bo');
    expect(editor.find('form[data-period="weekly"] legend').text()).toBe('Weekly: Bo');
    await editor.find('input[name="weekly.dials"]').setValue('600');
    await editor.find('form[data-period="weekly"]').trigger('submit');
    await flushPromises();
    expect(calls.find((c) => c.method === 'PUT')?.body).toMatchObject({ period: 'weekly', targets: { dials: 600 } });
    expect(calls.at(-1)?.path).toBe('/api/targets/resolved?rep=r2');
    const row = editor.find('[data-metric="dials"]');
    expect(row.find('[data-period="month"]').text()).toContain('not set');
    expect(row.find('[data-period="week"]').text()).toBe('600');
    expect(row.find('[data-period="day"]').text()).toBe('120');
    expect(row.find('.resolved-targets__from').text()).toBe('weekly figure · rep');
    expect(editor.find('.resolved-targets__today').text()).toBe(
      '2026-10-12: a working day · 15 working days left this month, 5 this week',
    );
  });

  it('says when today is a public holiday, in words', async () => {
    stubFetch({
      'GET /api/targets': json(200, { defaults: DEFAULTS, settings: SETTINGS }),
      'GET /api/targets/resolved?team=team-a': json(200, { ...resolved(0), day: '2026-10-01', holiday: true }),
    });
    const editor = await mountEditor('zh-CN');
    expect(editor.find('.resolved-targets__today').text()).toBe('2026-10-01：法定节假日 · 今日无目标');
    expect(editor.findAll('thead th').map((th) => th.text())).toEqual(['指标', '月目标', '周目标', '日目标', '来源']);
  });

  it('speaks Chinese in zh-CN', async () => {
    stubFetch({ 'GET /api/targets': json(200, { defaults: DEFAULTS, settings: SETTINGS }) });
    const editor = await mountEditor('zh-CN');
    expect(editor.find('select[name="scope"] option').text()).toBe('整个团队');
  });
});
