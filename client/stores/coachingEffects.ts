import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import * as coachingApi from '../api/coaching';
import type { CoachingEffectsFilter } from '../api/coaching';
import type { CoachingEffectsResponse } from '../../shared/contracts/coachingEffects';

/** How often the console reads the effects again (calls after a note keep coming in). */
export const EFFECTS_REFRESH_MS = 60_000;

/** Closed-loop coaching: each note's metric before and after it, as the server measured it. */
export const useCoachingEffectsStore = defineStore('coachingEffects', () => {
  const answer = shallowRef<CoachingEffectsResponse | null>(null);
  const error = ref<string | null>(null);
  /** What the answer is for, so a late answer for another team never shows. */
  let asked = '';

  async function load(query: CoachingEffectsFilter): Promise<boolean> {
    const key = JSON.stringify(query);
    if (key !== asked) answer.value = null;
    asked = key;
    const result = await coachingApi.fetchCoachingEffects(query);
    if (key !== asked) return true;
    if (!result.ok) {
      error.value = result.error;
      return false;
    }
    error.value = null;
    answer.value = result.value;
    return true;
  }

  return { answer, error, load };
});
