import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import type { Health } from '../../shared/contracts/socket';
import type { EpochMs } from '../../shared/time';

export type ConnectionState = 'connecting' | 'live' | 'reconnecting' | 'stale' | 'unauthorized';

/** Offsets that move by less than this are smoothed, so network jitter does not make timers stutter. */
const JUMP_MS = 2000;

/** The link to the server and how much the data on screen can be trusted. */
export const useConnectionStore = defineStore('connection', () => {
  const connected = ref(false);
  const everConnected = ref(false);
  const unauthorized = ref(false);
  const health = shallowRef<Health | null>(null);
  /** serverNow - browser Date.now(); the TV's own clock is never trusted for timers. */
  const offsetMs = ref(0);
  const hasOffset = ref(false);

  const state = computed<ConnectionState>(() => {
    if (unauthorized.value) return 'unauthorized';
    if (!connected.value) return everConnected.value ? 'reconnecting' : 'connecting';
    if (health.value?.stale) return 'stale';
    return 'live';
  });
  /** The numbers on screen may be out of date: ingestion is behind or we are not receiving. */
  const dataStale = computed(() => !connected.value || health.value?.stale === true);

  function markConnected(): void {
    connected.value = true;
    everConnected.value = true;
  }

  function markDisconnected(): void {
    connected.value = false;
  }

  function markUnauthorized(): void {
    connected.value = false;
    unauthorized.value = true;
  }

  /** Back to the first "connecting" state, for the next session (the clock offset stays valid). */
  function reset(): void {
    connected.value = false;
    everConnected.value = false;
    unauthorized.value = false;
    health.value = null;
  }

  function applyHealth(next: Health): void {
    health.value = next;
  }

  function observeServerNow(serverNow: EpochMs, browserNow: EpochMs = Date.now()): void {
    const sample = serverNow - browserNow;
    if (!hasOffset.value || Math.abs(sample - offsetMs.value) >= JUMP_MS) offsetMs.value = sample;
    else offsetMs.value = Math.round(offsetMs.value * 0.75 + sample * 0.25);
    hasOffset.value = true;
  }

  return {
    connected,
    everConnected,
    unauthorized,
    health,
    offsetMs,
    hasOffset,
    state,
    dataStale,
    markConnected,
    markDisconnected,
    markUnauthorized,
    reset,
    applyHealth,
    observeServerNow,
  };
});
