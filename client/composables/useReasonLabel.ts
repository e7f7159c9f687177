import { useI18n } from 'vue-i18n';
import type { ReasonKind } from '../../shared/domain/reasons';
import { reasonLabel } from '../components/reasonLabel';

/** reasonLabel with the screen's language: `label('refusal', 'price')`. */
export function useReasonLabel(): (kind: ReasonKind | 'tag', code: string) => string {
  const { t, locale } = useI18n();
  return (kind, code) => reasonLabel(kind, code, (key) => t(key), locale.value);
}
