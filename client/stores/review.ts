import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import type { ReviewResponse } from '../../shared/contracts/review';
import { fetchReview, type ReviewAsk } from '../api/review';

/** The review on screen (GET /api/review); a newer ask wins over a slower earlier answer. */
export const useReviewStore = defineStore('review', () => {
  const data = shallowRef<ReviewResponse | null>(null);
  const loadError = ref<string | null>(null);
  const loading = ref(false);
  let asked = 0;

  async function load(ask: ReviewAsk): Promise<void> {
    const mine = ++asked;
    loading.value = true;
    const result = await fetchReview(ask);
    if (mine !== asked) return;
    loading.value = false;
    if (!result.ok) {
      loadError.value = result.error;
      data.value = null;
      return;
    }
    loadError.value = null;
    data.value = result.value;
  }

  return { data, loadError, loading, load };
});
