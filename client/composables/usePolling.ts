import { onScopeDispose, watch } from 'vue';
import type { WatchSource } from 'vue';

/** After a failed poll, try again this soon (then backing off up to the normal interval). */
export const RETRY_MS = 3000;

/** A poke (e.g. the floor's figures moving) refreshes at most this often. */
export const POKE_MIN_MS = 5000;

/**
 * Runs `load` now, then every `intervalMs` while the page is visible, again whenever `key`
 * changes, soon after `poke` changes (throttled), and sooner after a failure (a TV on a
 * flaky network heals by itself). `load` answers whether it succeeded. Stops with the scope.
 */
export function usePolling(
  load: () => Promise<boolean>,
  intervalMs: number,
  sources: { key?: WatchSource<unknown>; poke?: WatchSource<unknown> } = {},
): { refresh: () => void } {
  const { key, poke } = sources;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;
  let failures = 0;
  let running = false;
  let again = false;

  const hidden = () => typeof document !== 'undefined' && document.visibilityState === 'hidden';

  function schedule(ms: number): void {
    clearTimeout(timer);
    if (!stopped) timer = setTimeout(run, ms);
  }

  async function run(): Promise<void> {
    clearTimeout(timer);
    if (stopped) return;
    if (hidden()) return; // resumed by visibilitychange
    if (running) {
      again = true;
      return;
    }
    running = true;
    const ok = await load().catch(() => false);
    running = false;
    failures = ok ? 0 : failures + 1;
    if (again) {
      again = false;
      return run();
    }
    schedule(ok ? intervalMs : Math.min(intervalMs, RETRY_MS * 2 ** (failures - 1)));
  }

  const onVisibility = () => {
    if (!hidden()) void run();
  };
  if (typeof document !== 'undefined') document.addEventListener('visibilitychange', onVisibility);
  if (key) watch(key, () => void run());
  let lastPoke = 0;
  let poked: ReturnType<typeof setTimeout> | undefined;
  if (poke)
    watch(poke, () => {
      if (poked) return;
      poked = setTimeout(
        () => {
          poked = undefined;
          lastPoke = Date.now();
          void run();
        },
        Math.max(0, lastPoke + POKE_MIN_MS - Date.now()),
      );
    });
  void run();

  onScopeDispose(() => {
    stopped = true;
    clearTimeout(timer);
    clearTimeout(poked);
    if (typeof document !== 'undefined') document.removeEventListener('visibilitychange', onVisibility);
  });

  return { refresh: () => void run() };
}
