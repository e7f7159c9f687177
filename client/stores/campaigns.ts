import { defineStore } from 'pinia';
import { computed, effectScope, ref, shallowRef } from 'vue';
import type { EffectScope } from 'vue';
import { OTHER_BUCKET } from '../../shared/contracts/campaigns';
import type { CampaignsResponse } from '../../shared/contracts/campaigns';
import { fetchCampaigns } from '../api/campaigns';
import { usePolling } from '../composables/usePolling';

/** While a page shows campaigns (the screen, a filter, the TV panel), they are read this often. */
export const CAMPAIGNS_REFRESH_MS = 5000;

/**
 * Today's campaigns, lists and caller IDs (GET /api/campaigns) as last read: there is no push for
 * them, so they are polled while someone follows them, never while the tab is hidden (usePolling).
 * An error keeps the last answer and says why. Always the unfiltered answer: it is also the list
 * of the day's campaigns the filters offer.
 */
export const useCampaignsStore = defineStore('campaigns', () => {
  const data = shallowRef<CampaignsResponse | null>(null);
  const error = ref<string | null>(null);
  /** The last answer was refused (403): this viewer may not read campaigns (a kiosk, a rep). */
  const forbidden = ref(false);
  let inFlight: Promise<boolean> | null = null;

  /** Reads the campaigns now; a call while one is in flight shares it. */
  function load(): Promise<boolean> {
    inFlight ??= (async () => {
      const result = await fetchCampaigns();
      if (!result.ok) {
        error.value = result.error;
        forbidden.value = result.status === 403;
        return false;
      }
      data.value = result.value;
      error.value = null;
      forbidden.value = false;
      return true;
    })().finally(() => {
      inFlight = null;
    });
    return inFlight;
  }

  /** The day's campaigns by name, busiest first (the "other" bucket is not one you can follow). */
  const campaignIds = computed(() =>
    (data.value?.campaigns ?? [])
      .filter((row) => row.campaign !== OTHER_BUCKET)
      .sort((a, b) => b.dials - a.dials || a.campaign.localeCompare(b.campaign))
      .map((row) => row.campaign),
  );

  // One poller however many components follow: started by the first, stopped with the last.
  let followers = 0;
  let polling: EffectScope | null = null;

  /** Keeps the campaigns fresh until the returned function is called (call it on unmount). */
  function follow(): () => void {
    followers += 1;
    if (!polling) {
      polling = effectScope(true);
      polling.run(() => usePolling(load, CAMPAIGNS_REFRESH_MS));
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      followers -= 1;
      if (followers === 0) {
        polling?.stop();
        polling = null;
      }
    };
  }

  function reset(): void {
    data.value = null;
    error.value = null;
    forbidden.value = false;
  }

  return { data, error, forbidden, campaignIds, load, follow, reset };
});
