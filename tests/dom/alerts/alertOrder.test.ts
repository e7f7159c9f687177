import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import AlertFeed from '../../../client/components/alerts/AlertFeed.vue';
import AlertPanel from '../../../client/components/alerts/AlertPanel.vue';
import { orderByUrgency } from '../../../client/components/alerts/alertOrder';
import { useAlertsStore } from '../../../client/stores/alerts';
import { T0 } from '../support/floorData';
import { makeAlert } from '../support/alertData';
import { freshPinia, mountWithApp } from '../support/mountApp';

const MIN = 60_000;

describe('alerts in order of urgency', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(T0);
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  // The newest is a warning; the one critical alert was raised long ago (newest-first put it last).
  const alerts = [
    makeAlert({ id: 'w-new', rule: 'idle', raisedAt: T0 - 1 * MIN }),
    makeAlert({ id: 'w-old', rule: 'long_wrapup', raisedAt: T0 - 9 * MIN }),
    makeAlert({ id: 'c-late', rule: 'long_call', severity: 'critical', raisedAt: T0 - 2 * MIN }),
    makeAlert({ id: 'c-early', rule: 'long_call', severity: 'critical', raisedAt: T0 - 30 * MIN }),
    // Behind pace: its `since` is the set time the threshold applied from (raised later, after a restart).
    makeAlert({ id: 'w-pace', rule: 'behind_pace', since: T0 - 60 * MIN, raisedAt: T0 - 1 * MIN }),
  ];

  it('puts critical first, then the one furthest past its threshold', () => {
    expect(orderByUrgency(alerts).map((a) => a.id)).toEqual(['c-early', 'c-late', 'w-pace', 'w-old', 'w-new']);
  });

  it('is what the panel shows, whatever order the store keeps', () => {
    const pinia = freshPinia();
    const store = useAlertsStore();
    for (const a of alerts) store.onRaised(a);
    const panel = mountWithApp(AlertPanel, { pinia });
    expect(panel.findAll('[data-alert]').map((el) => el.attributes('data-alert'))).toEqual([
      'c-early',
      'c-late',
      'w-pace',
      'w-old',
      'w-new',
    ]);
  });

  it('shows one line per alert and "+N more" past the limit (TV)', () => {
    const feed = mountWithApp(AlertFeed, {
      pinia: freshPinia(),
      props: { alerts: orderByUrgency(alerts), compact: true, limit: 2 },
    });
    const rows = feed.findAll('.alert-item');
    expect(rows.map((r) => r.attributes('data-alert'))).toEqual(['c-early', 'c-late']);
    expect(rows[0]!.classes()).toContain('alert-item--compact');
    expect(rows[0]!.find('.alert-item__name').text()).toBe('Ann Lee');
    expect(rows[0]!.find('.alert-item__rule').text()).toBe('Call running long');
    expect(rows[0]!.find('.alert-item__button').exists()).toBe(false);
    expect(feed.find('.alert-feed__more').text()).toBe('+3 more');
  });

  it('has no "more" line when every alert fits', () => {
    const feed = mountWithApp(AlertFeed, { pinia: freshPinia(), props: { alerts, compact: true, limit: 10 } });
    expect(feed.findAll('.alert-item')).toHaveLength(5);
    expect(feed.find('.alert-feed__more').exists()).toBe(false);
  });
});
