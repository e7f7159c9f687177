import type { Health } from '../../shared/contracts/socket';
import type { Clock } from '../../shared/time';

/** A heartbeat every 10 s lets a screen tell "quiet floor" from "frozen server". */
const HEARTBEAT_MS = 10_000;

/** Checks ingestion health on every tick; tells the screens when it changes, and on the heartbeat. */
export function createHealthBeat(deps: {
  check: () => Promise<Health>;
  publish: (health: Health) => void;
  clock: Clock;
}) {
  let last: Health = { redis: 'up', lagMs: null, lastReadAt: null, stale: false, deadLetters: 0 };
  let sentAt = 0;
  return {
    /** The health last checked (snapshots carry it). */
    current: () => last,
    async tick(): Promise<void> {
      const next = await deps.check();
      const changed = next.stale !== last.stale || next.redis !== last.redis;
      last = next;
      if (changed || deps.clock() - sentAt >= HEARTBEAT_MS) {
        sentAt = deps.clock();
        deps.publish(next);
      }
    },
  };
}
