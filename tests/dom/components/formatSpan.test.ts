import { describe, expect, it } from 'vitest';
import AlertItem from '../../../client/components/alerts/AlertItem.vue';
import { formatAge, formatSpan } from '../../../client/format';
import { createAppI18n } from '../../../client/i18n';
import type { Locale } from '../../../client/i18n';
import { useConnectionStore } from '../../../client/stores/connection';
import { makeAlert } from '../support/alertData';
import { T0 } from '../support/floorData';
import { freshPinia, mountWithApp } from '../support/mountApp';

const tOf = (locale: Locale) => (key: string, values?: Record<string, unknown>) =>
  createAppI18n(locale).global.t(key, values ?? {});

describe('spans of time in words', () => {
  it('says how old data are in seconds under two minutes, then in words (never "75 min")', () => {
    const en = tOf('en');
    expect(formatAge(40_000, en)).toBe('40 s');
    expect(formatAge(119_999, en)).toBe('119 s');
    expect(formatAge(75 * 60_000, en)).toBe('1 h 15 min');
    expect(formatAge(-1, en)).toBe('0 s');
    expect(formatAge(75 * 60_000, tOf('zh-CN'))).toBe('1 小时 15 分钟');
  });

  it('reads "15 min", "1 h 5 min", never clock-like', () => {
    const en = tOf('en');
    expect(formatSpan(30, en)).toBe('< 1 min');
    expect(formatSpan(15 * 60 + 5, en)).toBe('15 min');
    expect(formatSpan(3600 + 5 * 60 + 59, en)).toBe('1 h 5 min');
    expect(formatSpan(3 * 3600, en)).toBe('3 h');
    expect(formatSpan(245, en, true)).toBe('4 min 5 s');
    expect(formatSpan(45, en, true)).toBe('45 s');
    expect(formatSpan(-5, en)).toBe('< 1 min');
    expect(formatSpan(Number.NaN, en)).toBe('< 1 min');
  });

  it('reads 15 分钟, 1 小时 5 分钟 in Chinese', () => {
    const zh = tOf('zh-CN');
    expect(formatSpan(15 * 60, zh)).toBe('15 分钟');
    expect(formatSpan(3600 + 5 * 60, zh)).toBe('1 小时 5 分钟');
    expect(formatSpan(20, zh)).toBe('不到 1 分钟');
  });

  for (const [locale, expected] of [
    ['en', '15 min'],
    ['zh-CN', '15 分钟'],
  ] as const) {
    it(`shows an alert's age as a span (${locale}), not "15:05"`, () => {
      const pinia = freshPinia();
      useConnectionStore().observeServerNow(T0);
      const alert = makeAlert({ id: 'a1', since: T0 - (15 * 60 + 5) * 1000 });
      for (const compact of [false, true]) {
        const w = mountWithApp(AlertItem, { pinia, locale, props: { alert, compact } });
        const since = w.find('.alert-item__since .live-span').text();
        expect(since).toBe(expected);
        expect(w.text()).not.toMatch(/\d:\d\d/);
        w.unmount();
      }
    });
  }
});
