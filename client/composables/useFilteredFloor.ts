import { computed, onScopeDispose, watch } from 'vue';
import type { Ref } from 'vue';
import { useCampaignFloorStore } from '../stores/campaignFloor';
import { useFloorStore } from '../stores/floor';

/**
 * What a floor page (the wallboard, a console) shows: the live floor, or with a campaign filter on
 * the floor counted from that campaign's calls only (GET /api/floor?campaign=ID).
 *
 * The socket keeps delivering deltas for the unfiltered floor while a filter is on. They cannot
 * be applied to the filtered figures (a delta carries a rep's whole-day counters, not the
 * campaign's share), and showing them would put unfiltered numbers on a filtered page. So the
 * live store keeps taking them (it is ready the moment the filter is cleared) and each movement
 * of it asks the filtered snapshot to be read again, at most every 2 s (campaignFloor.poke).
 */
export function useFilteredFloor(campaign: Ref<string | null>) {
  const live = useFloorStore();
  const filtered = useCampaignFloorStore();

  watch(campaign, (id) => void filtered.follow(id), { immediate: true });
  watch(
    () => live.seq,
    () => filtered.poke(),
  );
  onScopeDispose(() => filtered.reset());

  const on = computed(() => campaign.value !== null);
  return {
    /** A campaign filter is on (the figures are the campaign's). */
    on,
    loaded: computed(() => (on.value ? filtered.loaded : live.loaded)),
    reps: computed(() => (on.value ? filtered.reps : live.reps)),
    repCount: computed(() => (on.value ? filtered.repCount : live.repCount)),
    groups: computed(() => (on.value ? filtered.groups : live.groups)),
    teams: computed(() => (on.value ? filtered.teams : live.teams)),
    totals: computed(() => (on.value ? filtered.totals : live.totals)),
    averageHandleSeconds: computed(() => (on.value ? filtered.averageHandleSeconds : live.averageHandleSeconds)),
    error: computed(() => (on.value ? filtered.error : null)),
  };
}
