import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import AlertFeed from '../../../client/components/alerts/AlertFeed.vue';
import AlertPanel from '../../../client/components/alerts/AlertPanel.vue';
import { useAlertsStore } from '../../../client/stores/alerts';
import { useFloorStore } from '../../../client/stores/floor';
import { json, settle, stubFetch } from '../support/fakeFetch';
import { T0, makeSnapshot } from '../support/floorData';
import { makeAlert } from '../support/alertData';
import { freshPinia, mountWithApp } from '../support/mountApp';

describe('AlertFeed', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(T0);
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  const alerts = [
    makeAlert({ id: 'p', rule: 'long_pause', detail: 'lunch', severity: 'critical', since: T0 - 75 * 60_000 }),
    makeAlert({ id: 'b', rule: 'behind_pace', detail: '55%', repName: 'Bob Wu', ackBy: 'sam', ackAt: T0 }),
  ];

  it('puts the rule in words with its detail, the rep, the severity as a word and the time since', async () => {
    const feed = mountWithApp(AlertFeed, { pinia: freshPinia(), props: { alerts } });
    const items = feed.findAll('.alert-item');
    expect(items).toHaveLength(2);
    expect(items[0]!.find('.alert-item__rule').text()).toBe('Pause past its allowance · Lunch');
    expect(items[0]!.find('.alert-item__name').text()).toBe('Ann Lee');
    expect(items[0]!.find('.severity').text()).toBe('Critical');
    expect(items[0]!.find('.severity svg').exists()).toBe(true);
    // An age is a span in words ("1 h 15 min"), not a clock-like 1:15:00; it follows the clock.
    expect(items[0]!.find('.alert-item__since .live-span').text()).toBe('1 h 15 min');
    await vi.advanceTimersByTimeAsync(60_000);
    expect(items[0]!.find('.alert-item__since .live-span').text()).toBe('1 h 16 min');
    expect(items[1]!.find('.alert-item__rule').text()).toBe('Behind dial pace · at 55% of pace');
    expect(items[1]!.find('.severity').text()).toBe('Warning');
  });

  it('says who acknowledged, and offers the button only to those allowed, for open ones', async () => {
    const viewer = mountWithApp(AlertFeed, { pinia: freshPinia(), props: { alerts } });
    expect(viewer.findAll('.alert-item__ack').map((p) => p.text())).toEqual([
      '○ Not acknowledged',
      '✓ Acknowledged by sam',
    ]);
    expect(viewer.find('button').exists()).toBe(false);

    const boss = mountWithApp(AlertFeed, { pinia: freshPinia(), props: { alerts, canAcknowledge: true } });
    const buttons = boss.findAll('.alert-item__button');
    expect(buttons).toHaveLength(1);
    await buttons[0]!.trigger('click');
    expect(boss.emitted('acknowledge')).toEqual([['p']]);
  });

  it('speaks Chinese', () => {
    const feed = mountWithApp(AlertFeed, { pinia: freshPinia(), locale: 'zh-CN', props: { alerts } });
    expect(feed.find('.alert-item__rule').text()).toBe('暂停超出允许时长 · 午餐');
    expect(feed.findAll('.alert-item__ack')[1]!.text()).toBe('✓ 已由 sam 确认');
  });

  it('shows the server’s reason when an acknowledgement is refused (panel)', async () => {
    vi.useRealTimers();
    stubFetch({ 'POST /api/alerts/p/ack': json(403, { error: 'you may not acknowledge this alert' }) });
    const pinia = freshPinia();
    useFloorStore().applySnapshot(makeSnapshot([]));
    useAlertsStore().onRaised(alerts[0]!);
    const panel = mountWithApp(AlertPanel, { pinia, props: { canAcknowledge: true } });
    await panel.find('.alert-item__button').trigger('click');
    await settle();
    expect(panel.find('.alert-item__error').text()).toBe('Not acknowledged: you may not acknowledge this alert');
  });
});
