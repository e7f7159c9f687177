import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import StreamHealthSection from '../../../client/components/admin/StreamHealthSection.vue';
import { createAppI18n } from '../../../client/i18n';
import type { Locale } from '../../../client/i18n';
import type { Health } from '../../../shared/contracts/socket';
import { useConnectionStore } from '../../../client/stores/connection';
import { useFloorStore } from '../../../client/stores/floor';
import { HEALTHY, SETTINGS, T0, makeSnapshot } from '../support/floorData';
import { json, stubFetch } from '../support/fakeFetch';
import { freshPinia } from '../support/mountApp';

const PATH = 'GET /api/dead-letters?limit=50';
/** The sources list inside the section (its own test: SourcesHealth.test.ts). */
const SOURCES = { 'GET /api/sources': json(200, { now: T0, silentMinutes: 5, sources: [] }) };
const ENTRY = {
  id: `${T0}-0`,
  at: T0,
  source: 'calls',
  reason: 'type: <i>unknown</i> event type',
  fields: ['type', '<b>x</b>', 'rep', 'r1', 'note', 'y'.repeat(400)],
};

async function mountSection(options: { locale?: Locale; stale?: boolean; health?: Partial<Health> } = {}) {
  const pinia = freshPinia();
  useFloorStore().applySnapshot(makeSnapshot([], { settings: { ...SETTINGS, timeZone: 'Asia/Shanghai' } }));
  useConnectionStore().applyHealth({
    ...HEALTHY,
    lagMs: 4200,
    stale: options.stale ?? false,
    deadLetters: 7,
    ...options.health,
  });
  const wrapper = mount(StreamHealthSection, { global: { plugins: [pinia, createAppI18n(options.locale ?? 'en')] } });
  await flushPromises();
  return wrapper;
}

describe('StreamHealthSection', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('renders reasons and fields as plain text, truncated with the full text as a title', async () => {
    stubFetch({ ...SOURCES, [PATH]: json(200, { total: 7, entries: [ENTRY] }) });
    const section = await mountSection();
    const row = section.find(`[data-dead-letter="${ENTRY.id}"]`);
    expect(row.find('[data-test="reason"]').text()).toBe('type: <i>unknown</i> event type');
    const fields = row.find('[data-test="fields"]');
    expect(fields.text()).toMatch(/^type=<b>x<\/b> rep=r1 note=y+…$/);
    expect(fields.text().length).toBe(160);
    expect(fields.attributes('title')).toBe(`type=<b>x</b> rep=r1 note=${'y'.repeat(400)}`);
    expect(section.find('b').exists()).toBe(false);
    expect(section.find('i').exists()).toBe(false);
    // 10:00 UTC is 18:00 on a floor in Shanghai.
    expect(row.find('td').text()).toContain('18:00:00');
    expect(section.find('th').text()).toBe('Time (Asia/Shanghai)');
    expect(section.find('[data-test="total"]').text()).toBe('7 malformed entries in all; newest 1 shown');
  });

  it('shows the ingestion health in words, and an empty state', async () => {
    stubFetch({ ...SOURCES, [PATH]: json(200, { total: 0, entries: [] }) });
    const section = await mountSection({ stale: true });
    expect(section.find('[data-test="lag"]').text()).toBe('4 s');
    expect(section.find('[data-test="stale"]').text()).toBe('Stale: may be out of date');
    expect(section.find('[data-test="dead-count"]').text()).toBe('7');
    expect(section.find('[data-test="no-dead-letters"]').text()).toBe('No malformed entries');
    expect(section.find('table').exists()).toBe(false);
  });

  it('refreshes on demand and shows the server’s reason', async () => {
    let answer = json(403, { error: 'only a supervisor sees dead letters' });
    const calls = stubFetch({ ...SOURCES, [PATH]: () => answer });
    const section = await mountSection();
    expect(section.find('[role="alert"]').text()).toBe('Could not load: only a supervisor sees dead letters');

    answer = json(200, { total: 1, entries: [ENTRY] });
    await section.find('[data-test="refresh"]').trigger('click');
    await flushPromises();
    expect(calls.filter((c) => c.path === '/api/dead-letters?limit=50')).toHaveLength(2);
    expect(section.find('[role="alert"]').exists()).toBe(false);
    expect(section.findAll('[data-dead-letter]')).toHaveLength(1);
  });

  it('speaks Chinese in zh-CN', async () => {
    stubFetch({ ...SOURCES, [PATH]: json(200, { total: 0, entries: [] }) });
    const section = await mountSection({ locale: 'zh-CN' });
    expect(section.find('h2').text()).toBe('数据流状态');
    expect(section.find('[data-test="no-dead-letters"]').text()).toBe('没有格式错误的条目');
  });

  it('warns of a producer clock running ahead and of a full floor, in English and Chinese', async () => {
    const health = {
      clockAhead: { rep: 'rep-042', aheadMs: (3 * 60 + 12) * 60_000 + 5000, today: 12 },
      floorFull: { cap: 10_000, refused: 37, lastRep: 'rep-x' },
    };
    stubFetch({ ...SOURCES, [PATH]: json(200, { total: 0, entries: [] }) });
    const en = await mountSection({ health });
    expect(en.find('[data-test="clock-ahead"]').text()).toBe(
      "A producer's clock runs ahead: entries for rep-042 stamped 3 h 12 min ahead of Redis (12 today)",
    );
    expect(en.find('[data-test="floor-full"]').text()).toBe(
      'The floor is full at 10000 reps (FLOORBOARD_MAX_REPS): 37 events of other reps set aside, the newest for rep-x',
    );
    const zh = await mountSection({ locale: 'zh-CN', health: { ...health, floorFull: null } });
    expect(zh.find('[data-test="clock-ahead"]').text()).toBe(
      '有数据源的时钟偏快：rep-042 的条目时间戳比 Redis 快 3 小时 12 分钟（今天 12 条）',
    );
    expect(zh.find('[data-test="floor-full"]').exists()).toBe(false);
    const calm = await mountSection();
    expect(calm.find('[data-test="clock-ahead"]').exists()).toBe(false);
  });
});
