import { computed, onScopeDispose, ref, watch } from 'vue';
import type { Ref } from 'vue';

/**
 * Which of `count` panels shows: the next one every `seconds` unless pinned. P pins or resumes;
 * number keys choose (and pin) a panel. `cycle` changes whenever the countdown restarts.
 */
export function useRotation(options: {
  count: Ref<number>;
  seconds: Ref<number>;
  start: number;
  pinned: boolean;
  keyboard?: boolean;
}) {
  const index = ref(Math.min(Math.max(0, options.start), Math.max(0, options.count.value - 1)));
  const pinned = ref(options.pinned);
  const cycle = ref(0);
  const rotating = computed(() => !pinned.value && options.count.value > 1);
  let timer: ReturnType<typeof setTimeout> | undefined;

  function schedule(): void {
    clearTimeout(timer);
    cycle.value++;
    if (!rotating.value) return;
    timer = setTimeout(() => {
      index.value = (index.value + 1) % options.count.value;
      schedule();
    }, options.seconds.value * 1000);
  }

  function show(i: number, pin: boolean): void {
    if (i < 0 || i >= options.count.value) return;
    index.value = i;
    pinned.value = pin;
    schedule();
  }

  function togglePin(): void {
    show(index.value, !pinned.value);
  }

  function onKey(event: KeyboardEvent): void {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const target = event.target as HTMLElement | null;
    if (target && ['INPUT', 'SELECT', 'TEXTAREA'].includes(target.tagName)) return;
    if (event.key === 'p' || event.key === 'P') togglePin();
    else if (/^[1-9]$/.test(event.key)) show(Number(event.key) - 1, true);
    else return;
    event.preventDefault();
  }

  if (options.keyboard !== false) window.addEventListener('keydown', onKey);
  watch(options.seconds, schedule);
  schedule();

  onScopeDispose(() => {
    clearTimeout(timer);
    window.removeEventListener('keydown', onKey);
  });

  return { index, pinned, cycle, rotating, show, togglePin };
}
