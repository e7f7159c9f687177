import type { Pinia } from 'pinia';
import type { Directive } from 'vue';
import { useClockStore } from '../stores/clock';
import type { EpochMs } from '../../shared/time';

type ClockStore = ReturnType<typeof useClockStore>;

/** The clock each element registered with (the app's Pinia, as seen when it mounted). */
const clocks = new WeakMap<Element, ClockStore>();

/**
 * `<span v-timer="since" />`: a live `m:ss` timer counting from `since` in server time.
 * The element's text is owned by the shared clock (one tick a second for all timers on the
 * page, only those on screen are written), not by a component per timer. Leave the element
 * empty in the template: the directive fills it.
 */
export const vTimer: Directive<Element, EpochMs> = {
  mounted(el, binding) {
    const pinia = (binding.instance as { $pinia?: Pinia } | null)?.$pinia;
    const clock = useClockStore(pinia);
    clocks.set(el, clock);
    clock.addTimer(el, binding.value);
  },
  updated(el, binding) {
    if (binding.value !== binding.oldValue) clocks.get(el)?.updateTimer(el, binding.value);
  },
  beforeUnmount(el) {
    clocks.get(el)?.removeTimer(el);
    clocks.delete(el);
  },
};
