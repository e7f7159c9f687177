import { onScopeDispose, ref } from 'vue';

/** After this long without a mouse move, touch or key, the TV hides its controls. */
export const CHROME_IDLE_MS = 5000;

const INPUT_EVENTS = ['mousemove', 'pointerdown', 'keydown', 'touchstart', 'wheel'] as const;

/**
 * Whether the controls of a TV (hints, Pin, sound, language) are on screen: shown on any input,
 * hidden again `idleMs` after the last one. A room that cannot touch the TV sees only the data.
 */
export function useIdleChrome(idleMs = CHROME_IDLE_MS) {
  const visible = ref(true);
  let timer: ReturnType<typeof setTimeout> | undefined;

  function wake(): void {
    visible.value = true;
    clearTimeout(timer);
    timer = setTimeout(() => {
      visible.value = false;
    }, idleMs);
  }

  for (const type of INPUT_EVENTS) window.addEventListener(type, wake, { passive: true });
  wake();

  onScopeDispose(() => {
    clearTimeout(timer);
    for (const type of INPUT_EVENTS) window.removeEventListener(type, wake);
  });

  return { visible, wake };
}
