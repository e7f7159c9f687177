import { useI18n } from 'vue-i18n';
import { useReasonLabel } from '../../composables/useReasonLabel';

/** A counted code in words: its catalogue label, "Other" for the overflow, "Without a code" for none. */
export function useCodeName(): (kind: 'refusal' | 'tag', code: string) => string {
  const { t } = useI18n();
  const label = useReasonLabel();
  return (kind, code) => {
    if (code === '*') return t('marketFeedback.other');
    if (code === '') return t('marketFeedback.noCode');
    return label(kind, code);
  };
}
