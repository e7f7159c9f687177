import { describe, expect, it } from 'vitest';
import { initialLocale } from '../../client/i18n';

const empty = { getItem: () => null };

describe('initialLocale()', () => {
  it('follows the browser language when nothing was chosen on this screen', () => {
    expect(initialLocale(empty, 'zh-CN')).toBe('zh-CN');
    expect(initialLocale(empty, 'zh-TW')).toBe('zh-CN');
    expect(initialLocale(empty, 'en-GB')).toBe('en');
    expect(initialLocale(empty, 'fr-FR')).toBe('en');
  });

  it('prefers the remembered choice', () => {
    expect(initialLocale({ getItem: () => 'zh-CN' }, 'en-US')).toBe('zh-CN');
    expect(initialLocale({ getItem: () => 'klingon' }, 'en-US')).toBe('en');
  });

  it('survives storage that throws (locked-down TV browsers)', () => {
    const locked = {
      getItem: () => {
        throw new DOMException('denied', 'SecurityError');
      },
    };
    expect(initialLocale(locked, 'zh-CN')).toBe('zh-CN');
  });
});
