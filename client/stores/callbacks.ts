import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import * as callbacksApi from '../api/callbacks';
import type { ApiResult } from '../api/http';
import { byDue, type CallbackAction, type CallbackView } from '../../shared/domain/callbacks';

/** How often an open list is read again (the ledger is not on the socket; people's changes reload at once). */
export const CALLBACKS_REFRESH_MS = 60_000;

/**
 * Open call-backs from the ledger (GET /api/callbacks): the rep's own on /me, the team's in the
 * console. Overdue is `followUpAt + grace` passed, judged on the page's clock so the marker and
 * the reminder appear on time between reads.
 */
export const useCallbacksStore = defineStore('callbacks', () => {
  const items = shallowRef<CallbackView[]>([]);
  const graceMinutes = ref(0);
  const loaded = ref(false);
  const loadError = ref<string | null>(null);
  const filter = ref<{ rep?: string; team?: string }>({});

  async function load(next: { rep?: string; team?: string } = filter.value): Promise<void> {
    filter.value = next;
    const result = await callbacksApi.listCallbacks(next);
    if (!result.ok) {
      loadError.value = result.error;
      return;
    }
    loadError.value = null;
    items.value = [...result.value.callbacks].sort(byDue);
    graceMinutes.value = result.value.graceMinutes;
    loaded.value = true;
  }

  function isOverdue(cb: CallbackView, now: number): boolean {
    return cb.followUpAt !== null && now >= cb.followUpAt + graceMinutes.value * 60_000;
  }

  async function close(call: string, action: CallbackAction): Promise<ApiResult<CallbackView>> {
    const result = await callbacksApi.closeCallback(call, action);
    // Done here or elsewhere (409): either way it leaves the list.
    if (result.ok || result.status === 409 || result.status === 404)
      items.value = items.value.filter((cb) => cb.call !== call);
    return result;
  }

  async function reassign(call: string, rep: string): Promise<ApiResult<CallbackView>> {
    const result = await callbacksApi.reassignCallback(call, rep);
    if (result.ok) items.value = items.value.map((cb) => (cb.call === call ? result.value : cb));
    return result;
  }

  /** Overdue call-backs per team (the wallboard's figure); '' is reps without a team. */
  const overdueTeams = shallowRef<Record<string, number>>({});
  async function loadOverdue(): Promise<void> {
    const result = await callbacksApi.overdueCallbackCounts();
    if (result.ok) overdueTeams.value = result.value.teams;
  }

  const count = computed(() => items.value.length);
  return { items, graceMinutes, loaded, loadError, count, load, isOverdue, close, reassign, overdueTeams, loadOverdue };
});
