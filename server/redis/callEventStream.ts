import type { Redis } from 'ioredis';
import type { CallEvent } from '../../shared/events/callEvent';
import { parseCallEvent } from '../../shared/events/parseCallEvent';
import { compareStreamIds, type StreamId } from '../../shared/streamId';
import type { Clock, EpochMs } from '../../shared/time';
import type { Log } from '../log';
import type { RedisKeys } from './keys';

export interface ReaderDeps {
  /** Makes a fresh blocking connection; called again after a stuck or failed read. */
  connect: () => Redis;
  /** Command connection for dead-letter writes. */
  redis: Redis;
  keys: RedisKeys;
  clock: Clock;
  log: Log;
  /** Receives every batch of good events in stream order, with the last entry ID read. */
  onBatch: (events: CallEvent[], cursor: StreamId) => void;
  blockMs?: number;
  batchSize?: number;
  /** A read that has not returned after blockMs + this is declared stuck. */
  watchdogMarginMs?: number;
}

export interface ReaderStatus {
  cursor: StreamId;
  /** Server time the last XREAD returned (with or without entries). */
  lastReadAt: EpochMs | null;
  /** Server time the last entry arrived. */
  lastEntryAt: EpochMs | null;
  entriesRead: number;
  deadLettered: number;
  /** Times a connection was replaced (errors or a stuck blocking read). */
  reconnects: number;
}

export interface CallEventReader {
  status(): ReaderStatus;
  /** Resolves once every entry that existed at start has been handed to onBatch. */
  caughtUp: Promise<void>;
  stop(): Promise<void>;
}

type XReadReply = [string, [StreamId, string[]][]][] | null;

/**
 * Reads the ingestion stream from `from` (exclusive) for ever: history first, then live with
 * a bounded BLOCK. Resumes from the last ID read after any failure (never '$'), and replaces
 * the connection when a read hangs (ioredis #1285, BullMQ #4479).
 */
export function startCallEventReader(deps: ReaderDeps, from: StreamId): CallEventReader {
  const blockMs = deps.blockMs ?? 2000;
  const batchSize = deps.batchSize ?? 2000;
  // Replaying the day reads bigger pages: fewer round trips for a million entries.
  const historyBatchSize = Math.max(batchSize, 10_000);
  const margin = deps.watchdogMarginMs ?? 3000;
  const status: ReaderStatus = {
    cursor: from,
    lastReadAt: null,
    lastEntryAt: null,
    entriesRead: 0,
    deadLettered: 0,
    reconnects: 0,
  };
  let stopped = false;
  let conn: Redis | null = null;
  // A fresh wake-up per wait: racing one long-lived stop promise would hang every read's result
  // on it until shutdown (each .then() on it stays registered), holding every batch in memory.
  let wakeStop: () => void = () => {};
  const untilStopped = () => new Promise<null>((resolve) => (wakeStop = () => resolve(null)));
  let markCaughtUp: () => void = () => {};
  const caughtUp = new Promise<void>((resolve) => (markCaughtUp = resolve));
  let lastDeadSource: StreamId | null = null;
  let live = false;

  async function readOnce(): Promise<XReadReply> {
    conn ??= deps.connect();
    let timer: NodeJS.Timeout | undefined;
    const stuck = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`XREAD did not return within ${blockMs + margin} ms`)),
        blockMs + margin,
      );
    });
    try {
      // History is read without BLOCK so that start-up never waits on an empty stream.
      const read = live
        ? conn.xread('COUNT', batchSize, 'BLOCK', blockMs, 'STREAMS', deps.keys.events, status.cursor)
        : conn.xread('COUNT', historyBatchSize, 'STREAMS', deps.keys.events, status.cursor);
      // The losing side of the race may reject later (connection dropped): that is expected.
      read.catch(() => {});
      return (await Promise.race([read, stuck, untilStopped()])) as XReadReply;
    } finally {
      clearTimeout(timer);
    }
  }

  async function deadLetter(entries: [StreamId, string[], string][]): Promise<void> {
    const fresh = entries.filter(([id]) => lastDeadSource === null || compareStreamIds(id, lastDeadSource) > 0);
    if (fresh.length === 0) return;
    const pipeline = deps.redis.pipeline();
    for (const [id, fields, reason] of fresh) {
      pipeline.xadd(
        deps.keys.deadLetters,
        'MAXLEN',
        '~',
        100_000,
        '*',
        'source',
        id,
        'reason',
        reason,
        'fields',
        JSON.stringify(fields),
      );
    }
    const results = await pipeline.exec();
    const failed = results?.find(([error]) => error);
    if (failed) throw failed[0];
    lastDeadSource = fresh[fresh.length - 1]![0];
    status.deadLettered += fresh.length;
    deps.log.warn('dead-lettered malformed entries', { count: fresh.length, first: fresh[0]![2] });
  }

  async function loadLastDeadSource(): Promise<void> {
    const last = (await deps.redis.xrevrange(deps.keys.deadLetters, '+', '-', 'COUNT', 1))[0];
    const fields = last?.[1] ?? [];
    const at = fields.indexOf('source');
    lastDeadSource = at >= 0 ? (fields[at + 1] ?? null) : null;
  }

  async function loop(): Promise<void> {
    let backoffMs = 100;
    let deadLoaded = false;
    while (!stopped) {
      try {
        if (!deadLoaded) {
          await loadLastDeadSource();
          deadLoaded = true;
        }
        const reply = await readOnce();
        if (stopped) break;
        status.lastReadAt = deps.clock();
        const entries = reply?.[0]?.[1] ?? [];
        if (entries.length > 0) await handle(entries);
        if (!live && entries.length < historyBatchSize) {
          live = true;
          markCaughtUp();
        }
        backoffMs = 100;
      } catch (error) {
        if (stopped) break;
        status.reconnects++;
        deps.log.warn('stream read failed; reconnecting', { error: String(error), cursor: status.cursor });
        conn?.disconnect();
        conn = null;
        await Promise.race([new Promise((r) => setTimeout(r, backoffMs)), untilStopped()]);
        backoffMs = Math.min(backoffMs * 2, 2000);
      }
    }
  }

  async function handle(entries: [StreamId, string[]][]): Promise<void> {
    const events: CallEvent[] = [];
    const bad: [StreamId, string[], string][] = [];
    for (const [id, fields] of entries) {
      const parsed = parseCallEvent(id, fields);
      if (parsed.ok) events.push(parsed.event);
      else bad.push([id, fields, parsed.reason]);
    }
    // Dead letters first: if that write fails we re-read the batch, and the fold skips what it applied.
    await deadLetter(bad);
    const cursor = entries[entries.length - 1]![0];
    deps.onBatch(events, cursor);
    status.cursor = cursor;
    status.entriesRead += entries.length;
    status.lastEntryAt = deps.clock();
  }

  const running = loop();
  return {
    status: () => ({ ...status }),
    caughtUp,
    async stop() {
      stopped = true;
      wakeStop();
      await running;
      conn?.disconnect();
      conn = null;
    },
  };
}
