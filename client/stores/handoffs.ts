import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import * as handoffsApi from '../api/handoffs';
import type { ApiResult } from '../api/http';
import type { HandoffsResponse, HandoffView } from '../../shared/domain/handoffs';

/** How often the board is read again (the ledger is not on the socket; an acceptance reloads at once). */
export const HANDOFFS_REFRESH_MS = 30_000;

/**
 * Lead handoffs from the ledger (GET /api/handoffs): the board for leads and supervisors, the
 * rep's own on /me. Whether a handoff waits too long is judged on the page's clock between reads.
 */
export const useHandoffsStore = defineStore('handoffs', () => {
  const data = shallowRef<HandoffsResponse | null>(null);
  const loadError = ref<string | null>(null);
  const filter = ref<{ rep?: string; team?: string }>({});

  async function load(next: { rep?: string; team?: string } = filter.value): Promise<void> {
    filter.value = next;
    const result = await handoffsApi.listHandoffs(next);
    if (!result.ok) {
      loadError.value = result.error;
      return;
    }
    loadError.value = null;
    data.value = result.value;
  }

  function isWaiting(h: HandoffView, now: number): boolean {
    return h.state === 'open' && now >= h.handoffAt + (data.value?.waitMinutes ?? 30) * 60_000;
  }

  async function accept(lead: string): Promise<ApiResult<HandoffView>> {
    const result = await handoffsApi.acceptHandoff(lead);
    if (result.ok || result.status === 409) await load();
    return result;
  }

  return { data, loadError, load, isWaiting, accept };
});
