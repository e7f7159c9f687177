import { ALL_FIELDS } from '../../shared/contracts/floorPatch';

/**
 * Coalesces rep changes for whole-floor views: at most one delta per interval, each rep once
 * (last write wins), and the first change after a quiet spell goes out at once.
 */
export interface FloorPublisher {
  /** Sequence of the last delta sent; a snapshot carries it so clients know what comes next. */
  seq(): number;
  /** `fields[i]`: what changed of `repIds[i]` (floorPatch.ts mask; every field when absent). */
  changed(repIds: readonly string[], removed: readonly string[], fields?: readonly number[]): void;
  stop(): void;
}

export interface FloorPublisherDeps {
  /** Asked before each wait, so the interval can follow how many sockets the feed writes to. */
  intervalMs: () => number;
  now: () => number;
  /** Sends one delta for these reps with this sequence number; `fields[i]`: the union of what changed of `repIds[i]`. */
  send: (seq: number, repIds: string[], removed: string[], fields: number[]) => void;
}

export function createFloorPublisher(deps: FloorPublisherDeps): FloorPublisher {
  let seq = 0;
  let lastSentAt = Number.NEGATIVE_INFINITY;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const pending = new Map<string, number>();
  const pendingRemoved = new Set<string>();

  function flush(): void {
    timer = null;
    if (pending.size === 0 && pendingRemoved.size === 0) return;
    const repIds = [...pending.keys()];
    const fields = [...pending.values()];
    const removed = [...pendingRemoved];
    pending.clear();
    pendingRemoved.clear();
    lastSentAt = deps.now();
    seq++;
    deps.send(seq, repIds, removed, fields);
  }

  return {
    seq: () => seq,
    changed(repIds, removed, fields) {
      for (let i = 0; i < repIds.length; i++) {
        const id = repIds[i]!;
        pending.set(id, (pending.get(id) ?? 0) | (fields?.[i] ?? ALL_FIELDS));
        pendingRemoved.delete(id);
      }
      for (const id of removed) {
        pending.delete(id);
        pendingRemoved.add(id);
      }
      if (timer || (pending.size === 0 && pendingRemoved.size === 0)) return;
      const wait = lastSentAt + deps.intervalMs() - deps.now();
      if (wait <= 0) flush();
      else timer = setTimeout(flush, wait);
    },
    stop() {
      if (timer) clearTimeout(timer);
      timer = null;
    },
  };
}
