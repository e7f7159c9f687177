import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import TargetsSection from '../../../client/components/admin/TargetsSection.vue';
import { createAppI18n, type Locale } from '../../../client/i18n';
import type { TargetsResponse } from '../../../shared/contracts/http';
import { emptyTargetSettings } from '../../../shared/domain/targetSettings';
import { json, stubFetch } from '../support/fakeFetch';
import { freshPinia } from '../support/mountApp';

const DEFAULTS = { dials: 120, effectiveCalls: 25, talkMinutes: 150, leads: 6, deals: 2, revenue: 2000 };

function answer(missingYears: number[]): TargetsResponse {
  return { defaults: DEFAULTS, settings: emptyTargetSettings(), calendar: { source: 'cn', missingYears } };
}

async function mountWith(missingYears: number[], locale: Locale = 'en') {
  stubFetch({ 'GET /api/targets': () => json(200, answer(missingYears)) });
  const wrapper = mount(TargetsSection, { global: { plugins: [freshPinia(), createAppI18n(locale)] } });
  await flushPromises();
  return wrapper;
}

describe('TargetsSection', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('tells the supervisor which years the holiday calendar lacks, in words, in both languages', async () => {
    const en = await mountWith([2027]);
    expect(en.find('[data-test="calendar-missing"]').text()).toContain('no dates for 2027');
    const zh = await mountWith([2027], 'zh-CN');
    expect(zh.find('[data-test="calendar-missing"]').text()).toContain('2027');
  });

  it('says nothing when the calendar covers the years that matter', async () => {
    const w = await mountWith([]);
    expect(w.find('[data-test="targets"]').exists()).toBe(true);
    expect(w.find('[data-test="calendar-missing"]').exists()).toBe(false);
  });
});
