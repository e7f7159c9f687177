import { computed, onScopeDispose, toRef, watch } from 'vue';
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
  // Getter refs, not computeds: the live store announces its rep Map, mutated in place, with
  // triggerRef, and a computed returning the same Map would count as unchanged and stop there.
  return {
    /** A campaign filter is on (the figures are the campaign's). */
    on,
    loaded: toRef(() => (on.value ? filtered.loaded : live.loaded)),
    reps: toRef(() => (on.value ? filtered.reps : live.reps)),
    repCount: toRef(() => (on.value ? filtered.repCount : live.repCount)),
    groups: toRef(() => (on.value ? filtered.groups : live.groups)),
    teams: toRef(() => (on.value ? filtered.teams : live.teams)),
    totals: toRef(() => (on.value ? filtered.totals : live.totals)),
    averageHandleSeconds: toRef(() => (on.value ? filtered.averageHandleSeconds : live.averageHandleSeconds)),
    error: toRef(() => (on.value ? filtered.error : null)),
  };
}
