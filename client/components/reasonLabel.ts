import { reasonEntry, type ReasonKind } from '../../shared/domain/reasons';

type Translate = (key: string) => string;

/**
 * A refusal or pause reason in the screen's language; a code the catalogue does not know is
 * shown exactly as the source sent it (rendered as text, never as HTML).
 */
export function reasonLabel(kind: ReasonKind, code: string, t: Translate): string {
  const entry = reasonEntry(kind, code);
  return entry ? t(entry.messageKey) : code;
}
