import { describe, expect, it } from 'vitest';
import { paceArrow, paceKind, paceText } from '../../../client/components/paceText';
import PaceIndicator from '../../../client/components/PaceIndicator.vue';
import { createAppI18n } from '../../../client/i18n';
import type { Locale } from '../../../client/i18n';
import { freshPinia, mountWithApp } from '../support/mountApp';

const tOf = (locale: Locale) => {
  const { t } = createAppI18n(locale).global;
  return (key: string, values?: Record<string, unknown>) => t(key, values ?? {});
};

describe('pace in words', () => {
  it('is ahead, on pace or behind by the percentage as shown', () => {
    expect(paceKind(1.174)).toBe('ahead');
    expect(paceKind(1.004)).toBe('on');
    expect(paceKind(0.996)).toBe('on');
    expect(paceKind(0.994)).toBe('behind');
    expect(paceArrow('ahead')).toBe('▲');
    expect(paceArrow('behind')).toBe('▼');
    expect(paceArrow('on')).toBeNull();
  });

  it('reads "117% of pace" in English and 进度 117%，领先 in Chinese, never 落后 98%', () => {
    const en = tOf('en');
    const zh = tOf('zh-CN');
    expect(paceText(1.17, en)).toBe('117% of pace');
    expect(paceText(0.98, en)).toBe('98% of pace');
    expect(paceText(1, en)).toBe('On pace');
    expect(paceText(1.17, zh)).toBe('进度 117%，领先');
    expect(paceText(0.98, zh)).toBe('进度 98%，落后');
    expect(paceText(1, zh)).toBe('进度正常');
    expect(paceText(0.98, zh)).not.toMatch(/^落后/);
  });

  it('draws an arrow beside the words, so direction never rests on colour', () => {
    const pinia = freshPinia();
    const cases: [number, string, string, string][] = [
      [1.17, 'ahead', '117% of pace', 'M8 3'],
      [0.98, 'behind', '98% of pace', 'M8 13'],
    ];
    for (const [pace, kind, text, arrow] of cases) {
      const w = mountWithApp(PaceIndicator, { pinia, props: { pace, hasTarget: true } });
      expect(w.attributes('data-pace')).toBe(kind);
      expect(w.text()).toBe(text);
      expect(w.find('svg path').attributes('d')).toMatch(new RegExp(`^${arrow}`));
      w.unmount();
    }
    const on = mountWithApp(PaceIndicator, { pinia, locale: 'zh-CN', props: { pace: 1, hasTarget: true } });
    expect(on.text()).toBe('进度正常');
    expect(on.find('svg circle').exists()).toBe(true);
  });

  it('short (tiles, table rows): arrow and percentage visible, the words for screen readers and the tooltip', () => {
    const pinia = freshPinia();
    const w = mountWithApp(PaceIndicator, {
      pinia,
      locale: 'zh-CN',
      props: { pace: 0.98, hasTarget: true, short: true },
    });
    expect(w.find('.pace__text').text()).toBe('98%');
    expect(w.find('.pace__text').attributes('aria-hidden')).toBe('true');
    expect(w.find('.visually-hidden').text()).toBe('进度 98%，落后');
    expect(w.attributes('title')).toContain('进度 98%，落后');
  });
});
