import { onScopeDispose, watch } from 'vue';

/** Calls `done(id)` once the item `head()` names has been on screen for `ms`; restarts per item. */
export function useTimedQueue(head: () => string | undefined, done: (id: string) => void, ms: number): void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  watch(
    head,
    (id) => {
      clearTimeout(timer);
      if (id !== undefined) timer = setTimeout(() => done(id), ms);
    },
    { immediate: true },
  );
  onScopeDispose(() => clearTimeout(timer));
}
