import { storeToRefs } from 'pinia';
import { onScopeDispose } from 'vue';
import type { Ref } from 'vue';
import { useClockStore } from '../stores/clock';
import type { EpochMs } from '../../shared/time';

/**
 * The shared "now" in server time, ticking once a second. Every caller shares one timer
 * (hundreds of tiles must not each run their own); it stops when the last caller unmounts.
 */
export function useNow(): Readonly<Ref<EpochMs>> {
  const clock = useClockStore();
  clock.retain();
  onScopeDispose(() => clock.release());
  return storeToRefs(clock).now;
}
