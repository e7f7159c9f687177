import { defineStore } from 'pinia';
import { ref, shallowRef, triggerRef } from 'vue';
import type { HistoryResponse } from '../../shared/domain/history';
import { fetchHistory, historyPath, type HistorySubjectQuery } from '../api/history';

export const historyKey = historyPath;

/**
 * Day-by-day histories as last fetched (views poll; today's figures move). Keyed by the request,
 * so two panels asking the same history share one copy; an error keeps the last copy.
 */
export const useHistoryStore = defineStore('history', () => {
  const histories = shallowRef(new Map<string, HistoryResponse>());
  const errors = ref<Record<string, string>>({});

  async function load(q: HistorySubjectQuery, days = 30): Promise<boolean> {
    const key = historyKey(q, days);
    const result = await fetchHistory(q, days);
    const next = { ...errors.value };
    if (!result.ok) {
      next[key] = result.error;
      errors.value = next;
      return false;
    }
    delete next[key];
    errors.value = next;
    histories.value.set(key, result.value);
    triggerRef(histories);
    return true;
  }

  function reset(): void {
    histories.value = new Map();
    errors.value = {};
  }

  return { histories, errors, load, reset };
});
