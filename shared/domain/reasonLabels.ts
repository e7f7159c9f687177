import { codeResolver, type Catalogue } from './reasonCatalogue';
import { REFUSAL_REASONS, type RefusalReason } from './reasons';

/**
 * The shipped refusal reasons' words, in the two languages the product speaks: the client's locale
 * messages are these, and so are the server's chat messages (an end-of-shift summary names the top
 * reasons in words, never as codes).
 */
export const REFUSAL_LABELS = {
  en: {
    not_interested: 'Not interested',
    price: 'Price',
    too_expensive: 'Too expensive',
    no_budget: 'No budget',
    has_provider: 'Already has a provider',
    competitor: 'Chose a competitor',
    no_need: 'No need',
    call_later: 'Call later',
    timing: 'Bad timing',
    do_not_call: 'Do not call',
    not_decision_maker: 'Not the decision maker',
    wrong_person: 'Wrong person',
  },
  zh: {
    not_interested: '不感兴趣',
    price: '价格原因',
    too_expensive: '价格太高',
    no_budget: '没有预算',
    has_provider: '已有供应商',
    competitor: '选择了竞品',
    no_need: '没有需求',
    call_later: '稍后再联系',
    timing: '时机不合适',
    do_not_call: '拒绝来电（勿扰）',
    not_decision_maker: '非决策人',
    wrong_person: '联系人不对',
  },
} satisfies Record<'en' | 'zh', Record<RefusalReason, string>>;

/**
 * A refusal reason in words, as the screens name it (client/components/reasonLabel.ts): the
 * catalogue entry's own label, else the shipped words, else (a code nobody knows) the code as sent.
 */
export function refusalWords(
  code: string,
  language: 'en' | 'zh',
  catalogue: Pick<Catalogue, 'entries' | 'aliases'>,
): string {
  const resolver = codeResolver(catalogue);
  const resolved = resolver.resolve(code) ?? code;
  const labels = resolver.entry(resolved)?.labels;
  if (labels) return labels[language];
  const shipped = REFUSAL_REASONS as readonly string[];
  return shipped.includes(resolved) ? REFUSAL_LABELS[language][resolved as RefusalReason] : code;
}
