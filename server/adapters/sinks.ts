import type { SourceEvent } from '../../shared/events/callEvent';
import { parseCallEvent, toStreamFields } from '../../shared/events/parseCallEvent';
import type { RedisClient } from '../redis/connections';
import type { AdapterLog, EventSink, SourceHealth } from './types';

/** Entries per pipeline: bounded, so a back-fill keeps memory and latency flat. */
const CHUNK = 500;
const RETRY_MIN_MS = 200;
const RETRY_MAX_MS = 5000;

/**
 * The contract's flat fields of an event, once the server's own parser accepts them (as if Redis
 * gave the entry an ID now); otherwise why not. An adapter's mapping error never reaches the stream.
 */
export function checkedFields(event: SourceEvent, now: number): { fields: string[] } | { reason: string } {
  const fields = toStreamFields(event);
  const parsed = parseCallEvent(`${now}-0`, fields);
  return parsed.ok ? { fields } : { reason: `${event.type} of ${event.rep}: ${parsed.reason}` };
}

/** Keeps the events the server would accept; each refused one is an error of the source. */
function accepted(events: readonly SourceEvent[], health: SourceHealth, log: AdapterLog): string[][] {
  const now = Date.now();
  return events.flatMap((event) => {
    const checked = checkedFields(event, now);
    if ('fields' in checked) return [checked.fields];
    health.error(checked.reason);
    log.warn(`event not written: ${checked.reason}`);
    return [];
  });
}

/** `--dry-run`: each event as one JSON line of the fields XADD would get; nothing is written. */
export function createDryRunSink(out: (line: string) => void, health: SourceHealth, log: AdapterLog): EventSink {
  return {
    async write(events) {
      for (const fields of accepted(events, health, log)) {
        const entry: Record<string, string> = {};
        for (let i = 0; i + 1 < fields.length; i += 2) entry[fields[i]!] = fields[i + 1]!;
        out(JSON.stringify(entry));
      }
    },
  };
}

/**
 * XADDs to the ingestion stream, pipelined, in order. When Redis is away the unwritten entries are
 * retried (with backoff) until they are stored or the run is aborted: nothing is dropped, and an
 * entry is written twice at most when Redis stored it but the reply was lost (the fold dedupes a
 * call's events by call id and type; a repeated rep event sets the same state at the same time).
 */
export function createStreamSink(options: {
  redis: RedisClient;
  stream: string;
  health: SourceHealth;
  log: AdapterLog;
  signal: AbortSignal;
}): EventSink {
  const { redis, stream, health, log, signal } = options;
  let lastWarning = 0;
  const warn = (message: string) => {
    if (Date.now() - lastWarning < 5000) return;
    lastWarning = Date.now();
    log.warn(message);
  };

  async function writeChunk(entries: string[][]): Promise<void> {
    let pending = entries;
    for (let attempt = 0; pending.length > 0; attempt++) {
      if (attempt > 0 && signal.aborted) throw new Error(`stopped with ${pending.length} event(s) not written`);
      if (attempt > 0) await sleep(Math.min(RETRY_MAX_MS, RETRY_MIN_MS * 2 ** (attempt - 1)), signal);
      const pipeline = redis.pipeline();
      for (const fields of pending) pipeline.xadd(stream, '*', ...fields);
      let results: [Error | null, unknown][] | null = null;
      try {
        results = await pipeline.exec();
      } catch (error) {
        warn(`cannot write to Redis (${(error as Error).message}); retrying`);
        continue;
      }
      // Only the failed entries go again, in their order; those stored are done.
      const failed = pending.filter((_, i) => !results || results[i]?.[0]);
      if (failed.length > 0) {
        const why = results?.find((r) => r[0])?.[0]?.message ?? 'no reply';
        warn(`${failed.length} XADD(s) failed (${why}); retrying`);
      }
      pending = failed;
    }
  }

  return {
    async write(events) {
      const entries = accepted(events, health, log);
      for (let i = 0; i < entries.length; i += CHUNK) await writeChunk(entries.slice(i, i + CHUNK));
    },
  };
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}
