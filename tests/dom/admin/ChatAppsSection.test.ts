import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import ChatAppsSection from '../../../client/components/admin/ChatAppsSection.vue';
import { createAppI18n, type Locale } from '../../../client/i18n';
import type { ChatAppsResponse, ChatTargetView } from '../../../shared/contracts/webhooks';
import { json, stubFetch } from '../support/fakeFetch';
import { freshPinia } from '../support/mountApp';

const PATH = '/api/webhooks';
const DING: ChatTargetView = {
  ...{ id: '00112233aabbccdd', name: 'Sales group', vendor: 'dingtalk', host: 'https://oapi.dingtalk.com' },
  ...{ urlSet: true, secretSet: true, language: 'zh-CN', team: 'team-a', summaryAt: '18:00' },
  ...{ createdAt: Date.UTC(2026, 11, 1, 9), lastOkAt: Date.UTC(2026, 11, 2, 10) },
  ...{ lastErrorAt: Date.UTC(2026, 11, 3, 10), lastError: 'HTTP 500' },
};
const answer = (over: Partial<ChatAppsResponse> = {}): ChatAppsResponse => ({
  targets: [DING],
  rules: [],
  deliveries: [
    {
      ...{ id: 'test:00112233aabbccdd:1', target: DING.id, kind: 'test', title: 'Floorboard 测试', state: 'pending' },
      ...{ attempts: 3, createdAt: Date.UTC(2026, 11, 3, 10), nextAt: Date.UTC(2026, 11, 3, 10, 5) },
      ...{ sentAt: null, lastError: 'no answer within 10 s' },
    },
  ],
  linksOn: false,
  ...over,
});

async function mountSection(locale: Locale = 'en') {
  const wrapper = mount(ChatAppsSection, { global: { plugins: [freshPinia(), createAppI18n(locale)] } });
  await flushPromises();
  return wrapper;
}

describe('ChatAppsSection', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('shows each target with its secret only as "set", and the last failure in words', async () => {
    stubFetch({ [`GET ${PATH}`]: json(200, answer()) });
    const section = await mountSection();
    const row = section.find(`[data-chat-target="${DING.id}"]`);
    expect(row.text()).toContain('https://oapi.dingtalk.com (set)');
    expect(row.find('[data-test="secret"]').text()).toBe('set');
    expect(row.find('[data-test="health"]').text()).toMatch(/^⚠ Last failure .*: HTTP 500$/);
    const delivery = section.find('[data-test="chat-deliveries"] [data-test="state"]').text();
    expect(delivery).toMatch(/Waiting to retry\s+· 3 tries\s+· next try .*no answer within 10 s/);
    expect(section.text()).toContain('set FLOORBOARD_PUBLIC_URL');
  });

  it('adds a target and clears the address and secret from the form', async () => {
    const calls = stubFetch({
      [`GET ${PATH}`]: json(200, answer({ targets: [], deliveries: [] })),
      [`POST ${PATH}`]: json(201, DING),
    });
    const section = await mountSection();
    expect(section.text()).toContain('No chat apps yet.');
    await section.find('input[name="chat-name"]').setValue('Sales group');
    await section.find('select[name="chat-vendor"]').setValue('dingtalk');
    await section.find('input[name="chat-url"]').setValue('https://oapi.dingtalk.com/robot/send?access_token=T0K');
    await section.find('input[name="chat-secret"]').setValue('SECxyz');
    await section.find('input[name="chat-team"]').setValue(' team-a ');
    await section.find('[data-test="add-chat-target"]').trigger('submit');
    await flushPromises();
    expect(calls.find((c) => c.method === 'POST')).toEqual({
      method: 'POST',
      path: PATH,
      body: {
        ...{ name: 'Sales group', vendor: 'dingtalk', url: 'https://oapi.dingtalk.com/robot/send?access_token=T0K' },
        ...{ secret: 'SECxyz', language: 'zh-CN', team: 'team-a', summaryAt: '18:00' },
      },
    });
    expect(section.find<HTMLInputElement>('input[name="chat-url"]').element.value).toBe('');
    expect(section.find<HTMLInputElement>('input[name="chat-secret"]').element.value).toBe('');
  });

  it('sends a test and a summary on request, and says what was queued', async () => {
    const queued = { ...answer().deliveries[0]!, title: 'End-of-shift summary: Alpha, 2026-12-03', kind: 'summary' };
    const calls = stubFetch({
      [`GET ${PATH}`]: json(200, answer()),
      [`POST ${PATH}/${DING.id}/test`]: json(202, answer().deliveries[0]),
      [`POST ${PATH}/${DING.id}/summary`]: json(202, queued),
    });
    const section = await mountSection();
    const click = (text: string) =>
      section
        .findAll('button')
        .find((b) => b.text() === text)!
        .trigger('click');
    await click('Send test');
    await flushPromises();
    expect(section.find('[data-test="chat-message"]').text()).toBe('Queued: Floorboard 测试');
    await click('Send summary now');
    await flushPromises();
    expect(section.find('[data-test="chat-message"]').text()).toBe('Queued: End-of-shift summary: Alpha, 2026-12-03');
    expect(calls.filter((c) => c.method === 'POST').map((c) => c.path)).toEqual([
      `${PATH}/${DING.id}/test`,
      `${PATH}/${DING.id}/summary`,
    ]);
  });

  it('adds an alert rule for the first target by default, with the chosen kinds and cool-down', async () => {
    const rule = { id: 'aabbccddeeff0011', target: DING.id, kinds: ['long_pause'], minSeverity: 'critical' };
    let rules: unknown[] = [];
    const calls = stubFetch({
      [`GET ${PATH}`]: () => json(200, answer({ rules: rules as ChatAppsResponse['rules'] })),
      [`POST ${PATH}/rules`]: () => {
        rules = [{ ...rule, team: null, cooldownMinutes: 15 }];
        return json(201, rules[0]);
      },
    });
    const section = await mountSection();
    expect(section.text()).toContain('No alert rules: no alerts are sent.');
    await section.find('select[name="rule-kinds"]').setValue(['long_pause']);
    await section.find('select[name="rule-severity"]').setValue('critical');
    await section.find('input[name="rule-cooldown"]').setValue('15');
    await section.find('[data-test="add-chat-rule"]').trigger('submit');
    await flushPromises();
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({
      ...{ target: DING.id, kinds: ['long_pause'], minSeverity: 'critical', team: null, cooldownMinutes: 15 },
    });
    const row = section.find('[data-chat-rule="aabbccddeeff0011"]');
    expect(row.text()).toContain('Sales group');
    expect(row.text()).toContain('Pause past its allowance');
    expect(row.text()).toContain('Critical only');
  });

  it('reads in 简体中文', async () => {
    stubFetch({ [`GET ${PATH}`]: json(200, answer()) });
    const section = await mountSection('zh-CN');
    expect(section.find('h2').text()).toBe('聊天应用');
    expect(section.find('[data-test="secret"]').text()).toBe('已设置');
  });
});
