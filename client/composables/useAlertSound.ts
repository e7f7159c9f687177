import { ref, watch } from 'vue';
import { useAlertsStore } from '../stores/alerts';

const STORAGE_KEY = 'floorboard.alertSound';

type AudioContextClass = typeof AudioContext;

function storage(): Storage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}

/** Remembered on this screen; off unless someone turned it on here. */
export function soundRemembered(): boolean {
  try {
    return storage()?.getItem(STORAGE_KEY) === 'on';
  } catch {
    return false;
  }
}

let context: AudioContext | null = null;

function audio(): AudioContext | null {
  if (context) return context;
  const Ctx =
    (globalThis as { AudioContext?: AudioContextClass; webkitAudioContext?: AudioContextClass }).AudioContext ??
    (globalThis as { webkitAudioContext?: AudioContextClass }).webkitAudioContext;
  if (!Ctx) return null;
  try {
    context = new Ctx();
  } catch {
    return null;
  }
  return context;
}

/** A short two-tone beep generated in code (no audio file). Silently does nothing without audio. */
export function beep(): void {
  const ctx = audio();
  if (!ctx) return;
  if (ctx.state === 'suspended') void ctx.resume().catch(() => undefined);
  const start = ctx.currentTime + 0.01;
  for (const [offset, frequency] of [
    [0, 880],
    [0.22, 660],
  ] as const) {
    const osc = ctx.createOscillator();
    const gain = ctx.createGain();
    osc.type = 'sine';
    osc.frequency.value = frequency;
    gain.gain.setValueAtTime(0.0001, start + offset);
    gain.gain.exponentialRampToValueAtTime(0.35, start + offset + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, start + offset + 0.18);
    osc.connect(gain).connect(ctx.destination);
    osc.start(start + offset);
    osc.stop(start + offset + 0.2);
  }
}

/**
 * The optional sound for critical alerts: off by default, the choice remembered per screen.
 * Turning it on is a click, which also lets the browser start audio. Call once per page.
 */
export function useAlertSound(play: () => void = beep) {
  const alerts = useAlertsStore();
  const enabled = ref(soundRemembered());

  function set(on: boolean): void {
    enabled.value = on;
    try {
      storage()?.setItem(STORAGE_KEY, on ? 'on' : 'off');
    } catch {
      // not remembered on a locked-down browser
    }
    if (on) audio(); // created inside the click, so the browser allows it to play
  }

  watch(
    () => alerts.criticalRaised,
    (next, previous) => {
      if (enabled.value && next > previous) play();
    },
  );

  return { enabled, set };
}
