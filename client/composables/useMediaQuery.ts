import { onScopeDispose, shallowRef, type Ref } from 'vue';

/** Whether a CSS media query matches, following changes (false where matchMedia is missing). */
export function useMediaQuery(query: string): Readonly<Ref<boolean>> {
  const mql = typeof globalThis.matchMedia === 'function' ? globalThis.matchMedia(query) : null;
  const matches = shallowRef(mql?.matches ?? false);
  if (mql) {
    const onChange = (event: MediaQueryListEvent) => (matches.value = event.matches);
    mql.addEventListener('change', onChange);
    onScopeDispose(() => mql.removeEventListener('change', onChange));
  }
  return matches;
}
