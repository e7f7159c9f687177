import { defineStore } from 'pinia';
import { ref, shallowRef, triggerRef } from 'vue';
import type { LeaderboardResponse } from '../../shared/domain/leaderboard';
import type { TrendsResponse } from '../../shared/domain/trends';
import { fetchLeaderboard, leaderboardPath, type BoardQuery } from '../api/leaderboard';
import { fetchTrends, trendsPath } from '../api/trends';

export type { BoardQuery } from '../api/leaderboard';

/** The store's key of a board: the request's path, so equal requests share one copy. */
export const boardKey = leaderboardPath;
export const trendsKey = trendsPath;

/**
 * Leaderboards and trends as last fetched (there is no push for them: views poll). Keyed by
 * the request, so two panels asking the same board share one copy; an error keeps the last copy.
 */
export const useBoardsStore = defineStore('boards', () => {
  const boards = shallowRef(new Map<string, LeaderboardResponse>());
  const trends = shallowRef(new Map<string, TrendsResponse>());
  const errors = ref<Record<string, string>>({});

  function setError(key: string, error: string | null): void {
    const next = { ...errors.value };
    if (error === null) delete next[key];
    else next[key] = error;
    errors.value = next;
  }

  async function loadBoard(q: BoardQuery): Promise<boolean> {
    const key = boardKey(q);
    const result = await fetchLeaderboard(q);
    if (!result.ok) {
      setError(key, result.error);
      return false;
    }
    setError(key, null);
    boards.value.set(key, result.value);
    triggerRef(boards);
    return true;
  }

  async function loadTrends(team: string | null, campaign: string | null = null): Promise<boolean> {
    const key = trendsKey(team, campaign);
    const result = await fetchTrends(team, campaign);
    if (!result.ok) {
      setError(key, result.error);
      return false;
    }
    setError(key, null);
    trends.value.set(key, result.value);
    triggerRef(trends);
    return true;
  }

  function reset(): void {
    boards.value = new Map();
    trends.value = new Map();
    errors.value = {};
  }

  return { boards, trends, errors, loadBoard, loadTrends, reset };
});
