import { onScopeDispose, shallowRef, watch } from 'vue';
import type { Ref } from 'vue';

/**
 * A copy of `source` that follows it `delayMs()` later (at once for 0): things that change for
 * a whole wall at the same moment (the share of the shift elapsed, once a minute) re-render one
 * part after another instead of in one long task.
 */
export function useStaggered<T>(source: () => T, delayMs: () => number): Readonly<Ref<T>> {
  const value = shallowRef(source());
  let pending: ReturnType<typeof setTimeout> | undefined;
  watch(source, (next) => {
    clearTimeout(pending);
    const delay = delayMs();
    if (delay <= 0) value.value = next;
    else pending = setTimeout(() => (value.value = source()), delay);
  });
  onScopeDispose(() => clearTimeout(pending));
  return value;
}
