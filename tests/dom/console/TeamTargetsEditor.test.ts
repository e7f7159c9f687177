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

    expect(calls.at(-1)).toEqual({
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

  it('speaks Chinese in zh-CN', async () => {
    stubFetch({ 'GET /api/targets': json(200, { defaults: DEFAULTS, settings: SETTINGS }) });
    const editor = await mountEditor('zh-CN');
    expect(editor.find('select[name="scope"] option').text()).toBe('整个团队');
  });
});
