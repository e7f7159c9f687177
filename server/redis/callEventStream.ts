import type { Redis } from 'ioredis';
import type { CallEvent } from '../../shared/events/callEvent';
import { parseCallEvent } from '../../shared/events/parseCallEvent';
import { compareStreamIds, type StreamId } from '../../shared/streamId';
import type { Clock, DayKey, EpochMs } from '../../shared/time';
import { floorFullReason, type RepAdmission } from '../ingest/repAdmission';
import type { Log } from '../log';
import { bytesOf, isReplyError, readBoundedRange, type BoundedEntry, type BoundedRange } from './boundedStream';
import type { DeadLetter, DeadLetterRepo } from './deadLetterRepo';
import type { RedisKeys } from './keys';
import { clockAheadAfter, type ClockAhead } from './readerWarnings';

/*
 * The reader's bounds, exported for the other readers of the stream (server/days/dayReplay.ts):
 * what the live reader refused is refused there too.
 */
/** parseCallEvent refuses longer values; a value cut at this many bytes is certainly longer (3 bytes a char at most). */
export const MAX_VALUE_BYTES = 4096;
const MAX_VALUE_CHARS = 1024;
export const MAX_STRINGS = 64; // 32 fields
/** One page of entries is at most about this many bytes, however many entries COUNT allows. */
export const PAGE_BYTES = 8 * 1024 * 1024;
/** Reply errors at the same cursor before the entry after it is skipped (dead-lettered by ID). */
const ATTEMPTS_PER_ENTRY = 3;

export interface ReaderDeps {
  /** Makes a fresh reading connection; called again after a stuck or failed read. */
  connect: () => Redis;
  deadLetters: DeadLetterRepo;
  keys: RedisKeys;
  clock: Clock;
  log: Log;
  /**
   * Receives every batch of good events in stream order, with the last entry ID read; the next
   * page is read once a promise it answers resolves (a replay waits for its ledgers' writes).
   */
  onBatch: (events: CallEvent[], cursor: StreamId) => Promise<void> | void;
  /** Caps the reps of the floor: events of a rep it refuses are dead-lettered. */
  admission?: RepAdmission;
  /** How far an entry's `ts` may run ahead of its arrival (FLOORBOARD_MAX_TS_AHEAD_MINUTES). */
  maxTsAheadMs?: number;
  /** The floor's local day of an instant: the clock-ahead count is per day. */
  dayOf?: (at: EpochMs) => DayKey;
  /** A read that has not returned after blockMs + watchdogMarginMs is declared stuck. */
  blockMs?: number;
  /** Live: the longest wait between reads that found nothing new (the wait grows from 2 ms to this). */
  pollMs?: number;
  batchSize?: number;
  watchdogMarginMs?: number;
  /** Test seam: entries over this many bytes fail to read, as a 512 MB field does in Node. */
  unreadableBytes?: number;
}

export interface ReaderStatus {
  cursor: StreamId;
  /** Server time the last read returned (with or without entries). */
  lastReadAt: EpochMs | null;
  /** Server time the last entry arrived. */
  lastEntryAt: EpochMs | null;
  entriesRead: number;
  deadLettered: number;
  /** Times a connection was replaced (errors or a stuck read). */
  reconnects: number;
  /** Events refused because the floor was full (since start), and the newest such rep. */
  floorFull: { cap: number; refused: number; lastRep: string } | null;
  clockAhead: ClockAhead | null;
  /** Entries that could not be read at all and were skipped by ID. */
  unreadable: number;
}

export interface CallEventReader {
  status(): ReaderStatus;
  /** Resolves once every entry that existed at start has been handed to onBatch. */
  caughtUp: Promise<void>;
  stop(): Promise<void>;
}

/**
 * Reads the ingestion stream from `from` (exclusive) for ever: history first, then live by
 * polling. Every read goes through the bounded script (boundedStream.ts), so no entry, however
 * big, reaches Node whole; one that cannot be read at all is skipped by ID with a dead letter.
 * Resumes from the last ID read after any failure (never '$'), and replaces the connection when a
 * read hangs (ioredis #1285, BullMQ #4479).
 */
export function startCallEventReader(deps: ReaderDeps, from: StreamId): CallEventReader {
  const blockMs = deps.blockMs ?? 2000;
  const pollMs = deps.pollMs ?? 50;
  let idleMs = 0;
  // Live, a page is folded, committed and published in one task: 2,000 entries held the event loop
  // ~100 ms once a stall had let them pile up, while every socket write waited. Pages start at a
  // few hundred and double while the reader stays behind (each page has a fixed cost: at 10,000
  // events a second small pages alone fell behind), back to the start once it caught up.
  const batchSize = deps.batchSize ?? 250;
  const maxLiveBatch = Math.max(batchSize, 2000);
  let liveBatch = batchSize;
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
    floorFull: null,
    clockAhead: null,
    unreadable: 0,
  };
  let stopped = false;
  let conn: Redis | null = null;
  // A fresh wake-up per wait: racing one long-lived stop promise would hang every read's result
  // on it until shutdown (each .then() on it stays registered), holding every batch in memory.
  let wakeStop: () => void = () => {};
  const untilStopped = () => new Promise<null>((resolve) => (wakeStop = () => resolve(null)));
  const pause = (ms: number) => Promise.race([new Promise((r) => setTimeout(r, ms)), untilStopped()]);
  let markCaughtUp: () => void = () => {};
  const caughtUp = new Promise<void>((resolve) => (markCaughtUp = resolve));
  let lastDeadSource: StreamId | null = null;
  let live = false;

  async function read(count: number, idsOnly = false): Promise<BoundedRange | null> {
    conn ??= deps.connect();
    let timer: NodeJS.Timeout | undefined;
    const stuck = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`read did not return within ${blockMs + margin} ms`)),
        blockMs + margin,
      );
    });
    try {
      const page = readBoundedRange(conn, deps.keys.events, {
        start: `(${status.cursor}`,
        end: '+',
        count,
        maxChars: idsOnly ? 0 : MAX_VALUE_BYTES,
        maxStrings: idsOnly ? 0 : MAX_STRINGS,
        maxBytes: PAGE_BYTES,
        unreadableBytes: deps.unreadableBytes ?? 0,
      });
      // The losing side of the race may reject later (connection dropped): that is expected.
      page.catch(() => {});
      return await Promise.race([page, stuck, untilStopped()]);
    } finally {
      clearTimeout(timer);
    }
  }

  async function deadLetter(letters: DeadLetter[]): Promise<void> {
    const fresh = letters.filter((l) => lastDeadSource === null || compareStreamIds(l.source, lastDeadSource) > 0);
    if (fresh.length === 0) return;
    await deps.deadLetters.add(fresh);
    lastDeadSource = fresh[fresh.length - 1]!.source;
    status.deadLettered += fresh.length;
    deps.log.warn('dead-lettered entries', { count: fresh.length, first: fresh[0]!.reason });
  }

  async function loop(): Promise<void> {
    let backoffMs = 100;
    let deadLoaded = false;
    let failures = { cursor: '', count: 0 };
    while (!stopped) {
      try {
        if (!deadLoaded) {
          lastDeadSource = await deps.deadLetters.lastSource();
          deadLoaded = true;
        }
        if (failures.cursor === status.cursor && failures.count >= ATTEMPTS_PER_ENTRY) {
          await skipUnreadable();
          failures = { cursor: '', count: 0 };
        }
        // After a refused read, entries are read one at a time, so that the one refused is known.
        const narrow = failures.cursor === status.cursor;
        const count = narrow ? 1 : live ? liveBatch : historyBatchSize;
        const page = await read(count).catch((error: unknown) => {
          // Only a read Redis refused counts against the entry (not a dead-letter write, not a lost connection).
          if (isReplyError(error))
            failures = narrow ? { ...failures, count: failures.count + 1 } : { cursor: status.cursor, count: 0 };
          throw error;
        });
        if (stopped || !page) break;
        status.lastReadAt = deps.clock();
        if (page.entries.length > 0) await handle(page.entries);
        const full = page.more || page.entries.length >= count;
        if (live && !narrow) liveBatch = full ? Math.min(liveBatch * 2, maxLiveBatch) : batchSize;
        if (narrow) failures = { cursor: '', count: 0 };
        if (!live && !full) {
          live = true;
          markCaughtUp();
        }
        backoffMs = 100;
        // A script cannot block, so live reads poll: at once again after entries, then waiting
        // 2, 4, 8 … ms up to pollMs while the stream stays quiet. A busy floor is read within a
        // few ms of each XADD; an idle one costs ~20 reads a second.
        if (live && !full) {
          idleMs = page.entries.length > 0 ? 0 : Math.min(pollMs, Math.max(2, idleMs * 2));
          if (idleMs > 0) await pause(idleMs);
        }
      } catch (error) {
        if (stopped) break;
        status.reconnects++;
        deps.log.warn('stream read failed; reconnecting', {
          error: String(error).slice(0, 300),
          cursor: status.cursor,
        });
        conn?.disconnect();
        conn = null;
        await pause(backoffMs);
        backoffMs = Math.min(backoffMs * 2, 2000);
      }
    }
  }

  /** Dead-letters the entry after the cursor by its ID alone and moves past it. */
  async function skipUnreadable(): Promise<void> {
    const page = await read(1, true);
    const entry = page?.entries[0];
    if (!entry) return;
    status.unreadable++;
    const bytes = bytesOf(entry);
    const reason = `entry: unreadable (${bytes} bytes in ${entry.strings / 2} fields)`;
    await deadLetter([{ source: entry.id, reason, fields: [], strings: entry.strings, bytes }]);
    deps.log.error('skipped an unreadable entry', { id: entry.id, bytes });
    await advance([], entry.id, 1);
  }

  async function advance(events: CallEvent[], cursor: StreamId, read: number): Promise<void> {
    const ready = deps.onBatch(events, cursor);
    status.cursor = cursor;
    status.entriesRead += read;
    status.lastEntryAt = deps.clock();
    await ready;
  }

  async function handle(entries: BoundedEntry[]): Promise<void> {
    const events: CallEvent[] = [];
    const bad: DeadLetter[] = [];
    const admit = deps.admission?.batch();
    for (const entry of entries) {
      const { id, fields, strings } = entry;
      const refused = (reason: string) => bad.push({ source: id, reason, fields, strings, bytes: bytesOf(entry) });
      const tooBig = oversize(entry);
      if (tooBig) {
        refused(tooBig);
        continue;
      }
      const parsed = parseCallEvent(id, fields, deps.maxTsAheadMs);
      if (!parsed.ok) {
        if (parsed.code === 'ts_ahead') noteClockAhead(id, fields);
        refused(parsed.reason);
      } else if (admit && parsed.event.type !== 'list.loaded' && !admit(parsed.event.rep)) {
        const cap = deps.admission!.cap;
        status.floorFull = { cap, refused: (status.floorFull?.refused ?? 0) + 1, lastRep: parsed.event.rep };
        refused(floorFullReason(cap, parsed.event.rep));
      } else events.push(parsed.event);
    }
    // Dead letters first: if that write fails we re-read the batch, and the fold skips what it applied.
    await deadLetter(bad);
    await advance(events, entries[entries.length - 1]!.id, entries.length);
  }

  function noteClockAhead(id: StreamId, fields: readonly string[]): void {
    status.clockAhead = clockAheadAfter(status.clockAhead, id, fields, deps.dayOf);
  }

  const running = loop();
  return {
    status() {
      // Yesterday's count is not today's warning.
      const today = deps.dayOf?.(deps.clock()) ?? null;
      const clockAhead = status.clockAhead?.day === today ? status.clockAhead : null;
      return { ...status, clockAhead };
    },
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

/** The reason an entry the bounded read had to cut is refused, without parsing it; null: not cut. */
export function oversize(entry: BoundedEntry): string | null {
  if (entry.strings > MAX_STRINGS) return `entry: ${Math.ceil(entry.strings / 2)} fields (max ${MAX_STRINGS / 2})`;
  for (const [index, bytes] of entry.cut) {
    if (index % 2 === 0) return `entry: a field name of ${bytes} bytes (max ${MAX_VALUE_CHARS} chars)`;
    return `${entry.fields[index - 1]!.slice(0, 64)}: ${bytes} bytes (max ${MAX_VALUE_CHARS} chars)`;
  }
  return null;
}
