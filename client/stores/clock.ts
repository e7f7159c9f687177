import { defineStore } from 'pinia';
import { computed, shallowRef, watch } from 'vue';
import { businessShift, parseClockTime, shiftFraction } from '../../shared/domain/targets';
import { createLocalTime } from '../../shared/time';
import type { EpochMs } from '../../shared/time';
import { TimerTexts } from '../timers/timerTexts';
import { useConnectionStore } from './connection';
import { useFloorStore } from './floor';

/** A change of the server-clock offset at least this large is shown at once rather than at the next tick. */
const RETICK_MS = 1000;
/** A tick this close before a whole server second (an offset that moved since it was set) counts as that second. */
const EARLY_MS = 50;

const mod1000 = (ms: number) => ((ms % 1000) + 1000) % 1000;

/**
 * The one ticking clock of the app, in server time. Ticks only while someone uses it
 * (see useNow and the v-timer directive), aligned to whole server seconds so every timer on the
 * wall flips together.
 *
 * `now` is written by the tick only: the clock offset moves by a few milliseconds with every
 * delta (smoothing of network delay), and must not re-evaluate everything that reads `now`
 * each time. A large change of the offset (the first one, or a jump) ticks at once.
 */
export const useClockStore = defineStore('clock', () => {
  const connection = useConnectionStore();
  const floor = useFloorStore();
  const now = shallowRef<EpochMs>(Date.now() + connection.offsetMs);
  /** The live timer texts of the page (v-timer), painted by the tick. */
  const timers = new TimerTexts(now.value);

  /** Timers stand still while the data on screen are stale. */
  const timersFrozen = computed(() => connection.everConnected && connection.dataStale);
  /** The floor's business day: dates and minutes of the day from its start (FloorSettings.dayStart). */
  const dayStartMinute = computed(() => parseClockTime(floor.settings?.dayStart ?? '00:00') ?? 0);
  const localTime = computed(() => createLocalTime(floor.settings?.timeZone ?? 'UTC', dayStartMinute.value));
  /** Whole minutes, so the many things that depend on it recompute once a minute, not every second. */
  const minuteOfDay = computed(() => localTime.value.minuteOfDay(now.value));
  /** Share of today's shift elapsed (0..1), or null before the floor's settings arrive. */
  const shiftElapsed = computed<number | null>(() => {
    const settings = floor.settings;
    if (!settings) return null;
    const shift = businessShift(settings.shiftStart, settings.shiftEnd, dayStartMinute.value);
    return shift.ok ? shiftFraction(shift.shift, minuteOfDay.value) : null;
  });

  let users = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  /** The offset the last tick used. */
  let tickOffset = connection.offsetMs;

  function tick(): void {
    tickOffset = connection.offsetMs;
    const serverMs = Date.now() + tickOffset;
    const intoSecond = mod1000(serverMs);
    const early = intoSecond >= 1000 - EARLY_MS;
    now.value = early ? serverMs - intoSecond + 1000 : serverMs;
    // Stale data (ingestion stopped, or the link lost after it was up): live timers stop where
    // the data stopped instead of ticking as if live; the wall marks them and says how old.
    if (!timersFrozen.value) timers.paint(now.value);
    timer = setTimeout(tick, 1000 - intoSecond + (early ? 1000 : 0));
  }

  // A big move of the offset (the first snapshot, a server clock jump) shows at once.
  watch(
    () => connection.offsetMs,
    (offset) => {
      if (timer === undefined || Math.abs(offset - tickOffset) < RETICK_MS) return;
      clearTimeout(timer);
      tick();
    },
    { flush: 'sync' },
  );

  function retain(): void {
    if (users++ === 0) tick();
  }

  function release(): void {
    if (--users > 0) return;
    users = 0;
    clearTimeout(timer);
    timer = undefined;
  }

  /** A live timer text in `el`, counting from `since` (the v-timer directive); keeps the clock ticking. */
  function addTimer(el: Element, since: EpochMs): void {
    retain();
    timers.add(el, since);
  }

  function updateTimer(el: Element, since: EpochMs): void {
    timers.update(el, since);
  }

  function removeTimer(el: Element): void {
    timers.remove(el);
    release();
  }

  return {
    now,
    timersFrozen,
    dayStartMinute,
    minuteOfDay,
    shiftElapsed,
    retain,
    release,
    addTimer,
    updateTimer,
    removeTimer,
  };
});
