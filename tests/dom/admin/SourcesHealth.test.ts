import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import SourcesHealth from '../../../client/components/admin/SourcesHealth.vue';
import { createAppI18n, type Locale } from '../../../client/i18n';
import type { SourcesResponse } from '../../../shared/contracts/http';
import { json, stubFetch } from '../support/fakeFetch';
import { freshPinia } from '../support/mountApp';

const NOW = Date.UTC(2026, 2, 2, 3);
const base = { eventsPerMinute: 0, errorsPerMinute: 0, lastError: null, lastErrorAt: null, connectedAt: null };
const BODY: SourcesResponse = {
  now: NOW,
  silentMinutes: 5,
  sources: [
    {
      ...base,
      source: 'asterisk',
      kind: 'adapter',
      connected: true,
      lastEventAt: NOW - 30_000,
      eventsPerMinute: 42,
      updatedAt: NOW,
      endedAt: null,
    },
    {
      ...base,
      source: 'fs-site2',
      kind: 'adapter',
      connected: false,
      lastEventAt: NOW - 20 * 60_000,
      errorsPerMinute: 3,
      lastError: '<b>connect ECONNREFUSED</b>',
      updatedAt: NOW,
      endedAt: null,
    },
    {
      ...base,
      source: 'ami-quiet',
      kind: 'adapter',
      connected: true,
      lastEventAt: NOW - 6 * 60_000,
      updatedAt: NOW,
      endedAt: null,
    },
    {
      ...base,
      source: 'csv',
      kind: 'adapter',
      connected: false,
      lastEventAt: NOW - 3600_000,
      updatedAt: NOW - 3600_000,
      endedAt: NOW - 3600_000,
    },
    {
      ...base,
      source: 'crm',
      kind: 'http',
      connected: null,
      lastEventAt: null,
      eventsPerMinute: null,
      errorsPerMinute: null,
      updatedAt: null,
      endedAt: null,
      revoked: false,
    },
  ],
};

async function mountList(locale: Locale = 'en') {
  stubFetch({ 'GET /api/sources': json(200, BODY) });
  const wrapper = mount(SourcesHealth, { global: { plugins: [freshPinia(), createAppI18n(locale)] } });
  await flushPromises();
  return wrapper;
}
const cell = (wrapper: Awaited<ReturnType<typeof mountList>>, source: string, test: string) =>
  wrapper.get(`[data-source="${source}"] [data-test="${test}"]`);

describe('SourcesHealth', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('shows each source: its state in words and a symbol, last event as an age, rates and the last error as text', async () => {
    const wrapper = await mountList();
    expect(cell(wrapper, 'asterisk', 'state').text()).toBe('✓ Connected');
    expect(cell(wrapper, 'asterisk', 'last-event').text()).toBe('30 s ago');
    expect(cell(wrapper, 'asterisk', 'per-minute').text()).toBe('42');
    expect(cell(wrapper, 'fs-site2', 'state').text()).toBe('✕ Disconnected');
    expect(cell(wrapper, 'fs-site2', 'errors-per-minute').text()).toBe('3');
    expect(cell(wrapper, 'fs-site2', 'last-error').text()).toBe('<b>connect ECONNREFUSED</b>'); // text, not HTML
    expect(cell(wrapper, 'fs-site2', 'last-error').find('b').exists()).toBe(false);
    expect(cell(wrapper, 'ami-quiet', 'state').text()).toBe('! Silent');
    expect(cell(wrapper, 'ami-quiet', 'last-event').text()).toBe('6 min ago');
    expect(cell(wrapper, 'csv', 'state').text()).toBe('– Finished');
    expect(cell(wrapper, 'crm', 'state').text()).toBe('✓ Key active');
    expect(cell(wrapper, 'crm', 'last-event').text()).toBe('Never');
    expect(cell(wrapper, 'crm', 'per-minute').text()).toBe('—');
    // A problem is marked by more than colour: the word and the symbol differ from a healthy row's.
    expect(cell(wrapper, 'fs-site2', 'state').classes()).toContain('admin-warning');
    expect(cell(wrapper, 'asterisk', 'state').classes()).not.toContain('admin-warning');
    expect(wrapper.text()).toContain('silent for 5 min during the shift');
  });

  it('speaks Chinese', async () => {
    const wrapper = await mountList('zh-CN');
    expect(cell(wrapper, 'fs-site2', 'state').text()).toBe('✕ 已断开');
    expect(cell(wrapper, 'crm', 'last-event').text()).toBe('从未');
    expect(wrapper.get('th').text()).toBe('数据源');
  });

  it('says so when no source has reported, and when the list cannot be loaded', async () => {
    stubFetch({ 'GET /api/sources': json(200, { ...BODY, sources: [] }) });
    const empty = mount(SourcesHealth, { global: { plugins: [freshPinia(), createAppI18n('en')] } });
    await flushPromises();
    expect(empty.get('[data-test="no-sources"]').text()).toMatch(/npm run adapter/);
    stubFetch({ 'GET /api/sources': json(403, { error: 'only a supervisor sees the sources' }) });
    const denied = mount(SourcesHealth, { global: { plugins: [freshPinia(), createAppI18n('en')] } });
    await flushPromises();
    expect(denied.get('[role="alert"]').text()).toMatch(/only a supervisor sees the sources/);
  });
});
