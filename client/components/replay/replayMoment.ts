import type { InjectionKey, Ref } from 'vue';
import type { EpochMs } from '../../../shared/time';

/**
 * The moment a replayed wall shows (floor replay): tiles under it show their timers as of `at`,
 * standing still, and pace at that moment's share of the shift, instead of the live clock's.
 */
export interface ReplayMoment {
  at: EpochMs;
  shiftElapsed: number | null;
}

export const replayMomentKey: InjectionKey<Ref<ReplayMoment | null>> = Symbol('replayMoment');
