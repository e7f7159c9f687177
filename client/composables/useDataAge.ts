import { computed } from 'vue';
import type { ComputedRef } from 'vue';
import { useConnectionStore } from '../stores/connection';
import { useNow } from './useNow';

/**
 * How old the data on screen really are, in ms (server time on both sides), or null before
 * anything was read: since the server last read an event, or the ingestion lag if that is
 * larger (a backlog being read). During a Redis outage the lag stays where it was, so the lag
 * alone said "0 s" while the data aged.
 */
export function useDataAge(): ComputedRef<number | null> {
  const connection = useConnectionStore();
  const now = useNow();
  return computed(() => {
    const at = connection.health?.lastReadAt ?? null;
    if (at === null) return null;
    return Math.max(0, now.value - at, connection.health?.lagMs ?? 0);
  });
}
