import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import type { ReplayDay, ReplayResponse } from '../../shared/contracts/replay';
import type { EpochMs } from '../../shared/time';
import { fetchReplay, fetchReplayDays } from '../api/replay';
import { coalescedLoad } from './coalescedLoad';
import { averageHandleSeconds as averageHandle, groupByTeam } from './support/teamGroups';
import type { TeamGroup } from './support/teamGroups';

/** Playing advances the replayed moment this much per second of real time (60x). */
export const PLAY_STEP_MS = 60_000;
const PLAY_TICK_MS = 1000;

/**
 * Floor replay (issue #17): the wall as it was at a moment of a retained day, from
 * GET /api/replay. Apart from the live floor store: nothing live writes here, and a replayed
 * figure never reaches a live page. Scrubbing asks for one moment at a time (the newest wins).
 */
export const useReplayStore = defineStore('replay', () => {
  const days = shallowRef<ReplayDay[]>([]);
  const daysError = ref<string | null>(null);
  /** The list of days has arrived (it may be empty: nothing to replay). */
  const daysLoaded = ref(false);
  const day = ref<string | null>(null);
  /** The moment asked for (what the scrubber shows). */
  const at = ref<EpochMs | null>(null);
  /** The answer on screen (for the moment it names, which may lag `at` while one is in flight). */
  const shown = shallowRef<ReplayResponse | null>(null);
  const error = ref<string | null>(null);
  const playing = ref(false);
  let timer: ReturnType<typeof setInterval> | undefined;

  const range = computed(() => days.value.find((d) => d.day === day.value) ?? null);

  /** Reps by team as the answer orders them (the server sends them in display order). */
  const groups = computed<TeamGroup[]>(() => (shown.value ? groupByTeam(shown.value.reps, shown.value.teams) : []));

  const averageHandleSeconds = computed<number | null>(() => averageHandle(shown.value?.reps ?? []));

  const load = coalescedLoad(async () => {
    const moment = at.value;
    if (moment === null) return true;
    const result = await fetchReplay(moment);
    if (at.value !== moment) return result.ok; // a newer moment was asked for: it loads next
    if (result.ok) {
      shown.value = result.value;
      error.value = null;
    } else {
      error.value = result.error;
      pause();
    }
    return result.ok;
  });

  /** Loads the days; opens `initial` when it falls in one, else the newest day at its last entry. */
  async function start(initial: EpochMs | null = null): Promise<void> {
    const result = await fetchReplayDays();
    if (!result.ok) {
      daysError.value = result.error;
      return;
    }
    daysError.value = null;
    days.value = result.value.days;
    daysLoaded.value = true;
    const within = initial === null ? undefined : days.value.find((d) => d.first <= initial && initial <= d.last);
    const open = within ?? days.value.at(-1);
    if (!open) return;
    day.value = open.day;
    await seek(within ? initial! : open.last);
  }

  function clamp(moment: EpochMs): EpochMs {
    const r = range.value;
    return r ? Math.min(r.last, Math.max(r.first, moment)) : moment;
  }

  function seek(moment: EpochMs): Promise<boolean> {
    at.value = clamp(Math.round(moment));
    return load();
  }

  const step = (ms: number) => (at.value === null ? Promise.resolve(false) : seek(at.value + ms));

  function openDay(next: string): Promise<boolean> {
    const found = days.value.find((d) => d.day === next);
    if (!found) return Promise.resolve(false);
    pause();
    day.value = found.day;
    return seek(found.first);
  }

  function play(): void {
    if (playing.value || at.value === null) return;
    if (range.value && at.value >= range.value.last) void seek(range.value.first);
    playing.value = true;
    timer = setInterval(() => {
      if (range.value && at.value !== null && at.value >= range.value.last) return pause();
      void step(PLAY_STEP_MS);
    }, PLAY_TICK_MS);
  }

  function pause(): void {
    playing.value = false;
    clearInterval(timer);
    timer = undefined;
  }

  return {
    days,
    daysError,
    daysLoaded,
    day,
    at,
    shown,
    error,
    playing,
    range,
    groups,
    averageHandleSeconds,
    start,
    seek,
    step,
    openDay,
    play,
    pause,
  };
});
