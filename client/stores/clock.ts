import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { parseClockTime, shiftFraction } from '../../shared/domain/targets';
import { createLocalTime } from '../../shared/time';
import { useConnectionStore } from './connection';
import { useFloorStore } from './floor';

/**
 * The one ticking clock of the app, in server time. Ticks only while someone uses it
 * (see useNow), aligned to whole server seconds so every timer on the wall flips together.
 */
export const useClockStore = defineStore('clock', () => {
  const connection = useConnectionStore();
  const floor = useFloorStore();
  const browserNow = ref(Date.now());
  const now = computed(() => browserNow.value + connection.offsetMs);

  const localTime = computed(() => createLocalTime(floor.settings?.timeZone ?? 'UTC'));
  /** Whole minutes, so the many things that depend on it recompute once a minute, not every second. */
  const minuteOfDay = computed(() => localTime.value.minuteOfDay(now.value));
  /** Share of today's shift elapsed (0..1), or null before the floor's settings arrive. */
  const shiftElapsed = computed<number | null>(() => {
    const settings = floor.settings;
    if (!settings) return null;
    const startMinute = parseClockTime(settings.shiftStart);
    const endMinute = parseClockTime(settings.shiftEnd);
    if (startMinute === null || endMinute === null) return null;
    return shiftFraction({ startMinute, endMinute }, minuteOfDay.value);
  });

  let users = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;

  function tick(): void {
    browserNow.value = Date.now();
    const serverMs = browserNow.value + connection.offsetMs;
    timer = setTimeout(tick, 1000 - (((serverMs % 1000) + 1000) % 1000));
  }

  function retain(): void {
    if (users++ === 0) tick();
  }

  function release(): void {
    if (--users > 0) return;
    users = 0;
    clearTimeout(timer);
    timer = undefined;
  }

  return { browserNow, now, minuteOfDay, shiftElapsed, retain, release };
});
