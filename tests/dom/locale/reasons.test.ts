import { flushPromises } from '@vue/test-utils';
import type { VueWrapper } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import AlertItem from '../../../client/components/alerts/AlertItem.vue';
import StatusBadge from '../../../client/components/StatusBadge.vue';
import { reasonLabel } from '../../../client/components/reasonLabel';
import TrendsPanel from '../../../client/components/trends/TrendsPanel.vue';
import { createAppI18n } from '../../../client/i18n';
import type { Locale } from '../../../client/i18n';
import { REASON_CATALOGUE, REFUSAL_REASONS } from '../../../shared/domain/reasons';
import type { TrendsResponse } from '../../../shared/domain/trends';
import { PAUSE_REASONS } from '../../../shared/events/callEvent';
import { mountView, stubFetch } from '../console/support';
import { makeAlert } from '../support/alertData';
import { freshPinia, mountWithApp } from '../support/mountApp';

const LOCALES: Locale[] = ['en', 'zh-CN'];
const UNKNOWN = ['<b>odd_reason</b>', '__proto__', 'constructor'];

const trends = (refusals: { reason: string; count: number }[]): TrendsResponse => ({
  day: '2026-03-10',
  team: null,
  asOf: 0,
  bucketMinutes: 15,
  minutes: [540],
  dials: [1],
  connects: [1],
  lastWeek: null,
  statusMix: { available: [0], dialing: [0], on_call: [0], wrapup: [0], paused: [0] },
  funnel: [
    { step: 'dials', value: 1 },
    { step: 'connects', value: 1 },
    { step: 'effectiveCalls', value: 1 },
    { step: 'leads', value: 0 },
    { step: 'deals', value: 0 },
  ],
  refusals,
  revenue: { actual: [0], pace: [0], target: 0 },
});

let wrapper: VueWrapper | undefined;
afterEach(() => {
  wrapper?.unmount();
  wrapper = undefined;
  vi.unstubAllGlobals();
});

describe('the reason catalogue', () => {
  for (const locale of LOCALES) {
    it(`names every catalogue code in ${locale}, and shows an unknown code as sent`, () => {
      const { t, te } = createAppI18n(locale).global;
      for (const entry of REASON_CATALOGUE) {
        expect(te(entry.messageKey, locale), entry.messageKey).toBe(true);
        expect(reasonLabel(entry.kind, entry.code, (k) => t(k))).not.toBe(entry.code);
      }
      for (const code of UNKNOWN) expect(reasonLabel('refusal', code, (k) => t(k))).toBe(code);
    });

    it(`renders no raw refusal code on the trends chart or its text (${locale})`, async () => {
      const refusals = [...REFUSAL_REASONS, ...UNKNOWN].map((reason, i) => ({ reason, count: 40 - i }));
      stubFetch(({ url }) => (url.startsWith('/api/trends') ? { status: 200, body: trends(refusals) } : undefined));
      wrapper = mountView(TrendsPanel, { pinia: freshPinia(), locale });
      await flushPromises();
      const chart = wrapper.findAllComponents({ name: 'BaseChart' }).find((c) => {
        const option = c.props('option') as { series?: { id?: string }[] };
        return option.series?.some((s) => s.id === 'refusals');
      });
      expect(chart).toBeDefined();
      const categories = (chart!.props('option') as { yAxis: { data: string[] } }).yAxis.data;
      const summary = chart!.attributes('aria-label')!;
      const { t } = createAppI18n(locale).global;
      for (const code of REFUSAL_REASONS) {
        expect(categories).not.toContain(code);
        expect(categories).toContain(t(`refusal.${code}`));
        expect(summary).toContain(t(`refusal.${code}`));
        expect(summary.split(/, |\. /).some((part) => part.startsWith(`${code} `))).toBe(false);
      }
      // Unknown codes as sent, as text (the label is an attribute; nothing became markup).
      for (const code of UNKNOWN) expect(categories).toContain(code);
      expect(wrapper.find('b').exists()).toBe(false);
    });

    it(`renders pause reasons in words on tiles, rows and alerts (${locale})`, () => {
      const pinia = freshPinia();
      const { t } = createAppI18n(locale).global;
      for (const reason of PAUSE_REASONS) {
        const badge = mountWithApp(StatusBadge, { pinia, locale, props: { status: 'paused', pauseReason: reason } });
        expect(badge.text()).toContain(t(`pause.${reason}`));
        expect(badge.text()).not.toMatch(new RegExp(`\\b${reason}\\b`));
        badge.unmount();
        const alert = makeAlert({ id: `a-${reason}`, rule: 'long_pause', detail: reason });
        const item = mountWithApp(AlertItem, { pinia, locale, props: { alert } });
        expect(item.find('.alert-item__rule').text()).toContain(t(`pause.${reason}`));
        expect(item.find('.alert-item__rule').text()).not.toMatch(new RegExp(`\\b${reason}\\b`));
        item.unmount();
      }
      const odd = makeAlert({ id: 'odd', rule: 'long_pause', detail: '<i>nap</i>' });
      const item = mountWithApp(AlertItem, { pinia, locale, props: { alert: odd } });
      expect(item.find('.alert-item__rule').text()).toContain('<i>nap</i>');
      expect(item.find('i').exists()).toBe(false);
    });
  }
});
