import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import type { FloorResponse } from '../../shared/contracts/http';
import { byTeamThenName, emptyTotals } from '../../shared/domain/floorView';
import type { Totals } from '../../shared/domain/floorView';
import { fetchCampaignFloor } from '../api/floor';
import { averageHandleSeconds as averageHandle, groupByTeam } from './support/teamGroups';
import type { TeamGroup } from './support/teamGroups';

/** A filtered floor is read again at most this often while the live floor moves. */
export const CAMPAIGN_FLOOR_MIN_MS = 2000;

/**
 * The floor counted from one campaign's calls only (GET /api/floor?campaign=ID), for the pages
 * that follow a campaign filter. The socket's deltas are for the whole floor and cannot be
 * applied to it: a page pokes this store when they arrive and it reads the snapshot again,
 * at most every CAMPAIGN_FLOOR_MIN_MS (see poke()).
 */
export const useCampaignFloorStore = defineStore('campaignFloor', () => {
  /** The campaign being followed; null: none (the page shows the live floor store). */
  const campaign = ref<string | null>(null);
  const view = shallowRef<FloorResponse | null>(null);
  const error = ref<string | null>(null);

  const loaded = computed(() => view.value !== null);
  const reps = computed(() => new Map((view.value?.reps ?? []).map((rep) => [rep.id, rep])));
  const repCount = computed(() => view.value?.reps.length ?? 0);
  const teams = computed(() => view.value?.teams ?? []);
  const totals = computed<Totals>(() => view.value?.totals ?? emptyTotals());
  const settings = computed(() => view.value?.settings ?? null);

  /** Reps by team in display order (a snapshot is read at most every 2 s: sorting afresh is cheap). */
  const groups = computed<TeamGroup[]>(() =>
    groupByTeam([...(view.value?.reps ?? [])].sort(byTeamThenName), teams.value),
  );

  /** AHT over the campaign's calls, as the floor store computes it for the whole floor. */
  const averageHandleSeconds = computed<number | null>(() => averageHandle(view.value?.reps ?? []));

  let running = false;
  let again = false;
  let lastLoad = 0;
  let poked: ReturnType<typeof setTimeout> | undefined;

  /** Reads the followed campaign's floor now (an answer for a campaign no longer followed is dropped). */
  async function load(): Promise<boolean> {
    const id = campaign.value;
    if (id === null) return false;
    if (running) {
      again = true;
      return true;
    }
    running = true;
    lastLoad = Date.now();
    const result = await fetchCampaignFloor(id);
    running = false;
    if (campaign.value === id) {
      if (result.ok) {
        view.value = result.value;
        error.value = null;
      } else error.value = result.error;
    }
    if (again) {
      again = false;
      return load();
    }
    return result.ok;
  }

  /** Follows a campaign (or none): reads its floor at once; what was shown for another is dropped. */
  function follow(id: string | null): Promise<boolean> {
    if (id === campaign.value) return Promise.resolve(view.value !== null);
    campaign.value = id;
    view.value = null;
    error.value = null;
    clearTimeout(poked);
    poked = undefined;
    return load();
  }

  /**
   * The live floor moved. A filtered snapshot cannot take the unfiltered deltas (they carry the
   * whole floor's counters), so it is read again instead: at most once every CAMPAIGN_FLOOR_MIN_MS
   * however many deltas arrive, and the last movement is always followed by one more read.
   */
  function poke(): void {
    if (campaign.value === null || poked !== undefined) return;
    poked = setTimeout(
      () => {
        poked = undefined;
        void load();
      },
      Math.max(0, lastLoad + CAMPAIGN_FLOOR_MIN_MS - Date.now()),
    );
  }

  function reset(): void {
    clearTimeout(poked);
    poked = undefined;
    campaign.value = null;
    view.value = null;
    error.value = null;
  }

  return {
    campaign,
    view,
    error,
    loaded,
    reps,
    repCount,
    teams,
    totals,
    settings,
    groups,
    averageHandleSeconds,
    load,
    follow,
    poke,
    reset,
  };
});
