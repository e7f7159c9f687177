import { useI18n } from 'vue-i18n';

type Composer = ReturnType<typeof useI18n>;
/** A message key (checked against the English messages, as t's). */
export type MessageKey = Parameters<Composer['t']>[0];

/** Per i18n instance, per locale: key -> translated text. */
const caches = new WeakMap<object, Map<string, Map<MessageKey, string>>>();

/**
 * `t(key)` for messages without arguments, translated once per locale and then looked up:
 * a wall of hundreds of tiles re-renders some of them many times a second, and each plain
 * `t()` goes through vue-i18n's resolver. Reads the locale, so a render using it follows a
 * language switch.
 */
export function useStaticT(): (key: MessageKey) => string {
  const i18n = useI18n();
  let byLocale = caches.get(i18n);
  if (!byLocale) caches.set(i18n, (byLocale = new Map()));
  const locales = byLocale;
  return (key) => {
    const locale = i18n.locale.value;
    let cache = locales.get(locale);
    if (!cache) locales.set(locale, (cache = new Map()));
    let text = cache.get(key);
    if (text === undefined) cache.set(key, (text = i18n.t(key)));
    return text;
  };
}
