import { reasonEntry, type ReasonKind } from '../../shared/domain/reasons';
import { codeResolver, isShipped, shippedMessageKey } from '../../shared/domain/reasonCatalogue';
import { configuredCatalogue } from '../stores/reasons';

type Translate = (key: string) => string;

/**
 * A refusal reason, feedback tag or pause reason in the screen's language, the one place every
 * screen names them: a catalogue entry's own label (a code a supervisor added, or a shipped one
 * relabelled), else a shipped code's locale message, else, for a code the catalogue maps by an
 * alias, its target's; a code nobody knows is shown exactly as the source sent it (rendered as
 * text, never as HTML).
 */
export function reasonLabel(kind: ReasonKind | 'tag', code: string, t: Translate, locale = 'en'): string {
  if (kind === 'pause') {
    const entry = reasonEntry(kind, code);
    return entry ? t(entry.messageKey) : code;
  }
  const resolver = codeResolver(configuredCatalogue.value);
  const resolved = resolver.resolve(code) ?? code;
  const entry = resolver.entry(resolved);
  if (entry?.labels) return locale.startsWith('zh') ? entry.labels.zh : entry.labels.en;
  if (entry && isShipped(entry.kind, entry.code)) return t(shippedMessageKey(entry.kind, entry.code));
  // Not (or no longer) in the catalogue, but shipped: its locale message still names it.
  for (const k of ['refusal', 'tag'] as const) if (isShipped(k, resolved)) return t(shippedMessageKey(k, resolved));
  return code;
}
