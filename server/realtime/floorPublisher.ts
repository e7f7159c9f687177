/**
 * Coalesces rep changes for whole-floor views: at most one delta per interval, each rep once
 * (last write wins), and the first change after a quiet spell goes out at once.
 */
export interface FloorPublisher {
  /** Sequence of the last delta sent; a snapshot carries it so clients know what comes next. */
  seq(): number;
  changed(repIds: readonly string[], removed: readonly string[]): void;
  stop(): void;
}

export interface FloorPublisherDeps {
  /** Asked before each wait, so the interval can follow how many sockets the feed writes to. */
  intervalMs: () => number;
  now: () => number;
  /** Sends one delta for these reps with this sequence number. */
  send: (seq: number, repIds: string[], removed: string[]) => void;
}

export function createFloorPublisher(deps: FloorPublisherDeps): FloorPublisher {
  let seq = 0;
  let lastSentAt = Number.NEGATIVE_INFINITY;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const pending = new Set<string>();
  const pendingRemoved = new Set<string>();

  function flush(): void {
    timer = null;
    if (pending.size === 0 && pendingRemoved.size === 0) return;
    const repIds = [...pending];
    const removed = [...pendingRemoved];
    pending.clear();
    pendingRemoved.clear();
    lastSentAt = deps.now();
    seq++;
    deps.send(seq, repIds, removed);
  }

  return {
    seq: () => seq,
    changed(repIds, removed) {
      for (const id of repIds) {
        pending.add(id);
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
