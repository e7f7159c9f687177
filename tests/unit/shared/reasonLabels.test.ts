import { describe, expect, it } from 'vitest';
import { DEFAULT_CATALOGUE } from '../../../shared/domain/reasonCatalogue';
import { REFUSAL_LABELS, refusalWords } from '../../../shared/domain/reasonLabels';
import { REFUSAL_REASONS } from '../../../shared/domain/reasons';
import { en } from '../../../client/locales/en';
import { zhCN } from '../../../client/locales/zhCN';

describe('refusal reasons in words', () => {
  it('names every shipped reason in both languages, the words the screens use', () => {
    for (const code of REFUSAL_REASONS) {
      expect(REFUSAL_LABELS.en[code]).toBeTruthy();
      expect(REFUSAL_LABELS.zh[code]).toBeTruthy();
    }
    expect(en.refusal).toEqual(REFUSAL_LABELS.en);
    expect(zhCN.refusal).toEqual(REFUSAL_LABELS.zh);
  });

  it("prefers the catalogue's own label, follows an alias, and keeps an unknown code as sent", () => {
    const catalogue = {
      entries: [
        ...DEFAULT_CATALOGUE.entries,
        { code: 'budget_frozen', kind: 'refusal' as const, labels: { en: 'Budget frozen', zh: '预算冻结' } },
      ],
      aliases: [{ from: 'expensive', to: 'too_expensive' }],
    };
    expect(refusalWords('price', 'zh', catalogue)).toBe('价格原因');
    expect(refusalWords('budget_frozen', 'en', catalogue)).toBe('Budget frozen');
    expect(refusalWords('expensive', 'en', catalogue)).toBe('Too expensive');
    expect(refusalWords('__proto__', 'en', catalogue)).toBe('__proto__');
  });
});
