import type { Redis } from 'ioredis';
import { streamIdTime, type StreamId } from '../../shared/streamId';
import { readBoundedRange } from './boundedStream';

/** What a dead letter keeps of an entry: enough to see what a producer sent, never the whole of a giant. */
export const EXCERPT_CHARS = 256;
export const EXCERPT_STRINGS = 64; // 32 fields: names and values
const MAX_REASON_CHARS = 300;
/** The dead-letter stream is capped (approximately) at this many records. */
const MAX_RECORDS = 100_000;

/** An entry refused by the reader, as it is handed to the repo. */
export interface DeadLetter {
  /** ID of the refused entry in the ingestion stream. */
  source: StreamId;
  reason: string;
  /** The entry's names and values as read (they may already be cut by the bounded read). */
  fields: readonly string[];
  /** How many strings the entry really has, and their bytes (known from the bounded read). */
  strings: number;
  bytes: number;
}

/** One stored record, as the admin view shows it. */
export interface DeadLetterRecord {
  id: StreamId;
  at: number;
  source: StreamId;
  reason: string;
  /** Excerpt of the original names and values. */
  fields: string[];
  /** True when the excerpt is not the whole entry. */
  truncated: boolean;
  /** The original entry's bytes; null for records written before this was kept. */
  bytes: number | null;
}

export interface DeadLetterPage {
  total: number;
  entries: DeadLetterRecord[];
}

export interface DeadLetterRepo {
  add(letters: readonly DeadLetter[]): Promise<void>;
  /** Source ID of the newest record (the reader skips what it already dead-lettered after a re-read). */
  lastSource(): Promise<StreamId | null>;
  count(): Promise<number>;
  /** Newest first, at most `limit` records and about `maxBytes` of excerpts. */
  newest(limit: number, maxBytes: number): Promise<DeadLetterPage>;
}

/** The record format lives here only: the reader writes through add(), health and the admin route read. */
export function createDeadLetterRepo(redis: Redis, key: string): DeadLetterRepo {
  return {
    async add(letters) {
      if (letters.length === 0) return;
      const pipeline = redis.pipeline();
      for (const letter of letters) {
        const excerpt = letter.fields.slice(0, EXCERPT_STRINGS).map((s) => s.slice(0, EXCERPT_CHARS));
        const whole =
          letter.strings <= EXCERPT_STRINGS &&
          excerpt.every((s, i) => s === letter.fields[i]) &&
          letter.fields.length === letter.strings;
        pipeline.xadd(
          key,
          'MAXLEN',
          '~',
          MAX_RECORDS,
          '*',
          'source',
          letter.source,
          'reason',
          letter.reason.slice(0, MAX_REASON_CHARS),
          'fields',
          JSON.stringify(excerpt),
          'truncated',
          whole ? '0' : '1',
          'bytes',
          String(letter.bytes),
        );
      }
      const results = await pipeline.exec();
      const failed = results?.find(([error]) => error);
      if (failed) throw failed[0];
    },
    async lastSource() {
      // The first pair is `source`: a bounded read of it alone, whatever old records hold.
      const page = await readBoundedRange(redis, key, {
        reverse: true,
        start: '+',
        end: '-',
        count: 1,
        maxChars: 64,
        maxStrings: 2,
        maxBytes: 1024,
      });
      const fields = page.entries[0]?.fields ?? [];
      return fields[0] === 'source' ? (fields[1] ?? null) : null;
    },
    count: () => redis.xlen(key),
    async newest(limit, maxBytes) {
      const [page, total] = await Promise.all([
        // Records written by add() are small; older ones (or foreign writes) are cut, never copied whole.
        readBoundedRange(redis, key, {
          reverse: true,
          start: '+',
          end: '-',
          count: limit,
          maxChars: 8 * EXCERPT_STRINGS * EXCERPT_CHARS, // JSON escapes a control char in 6 bytes
          maxStrings: 16,
          maxBytes,
        }),
        redis.xlen(key),
      ]);
      return { total, entries: page.entries.map((entry) => recordOf(entry.id, entry.fields, entry.cut.size > 0)) };
    },
  };
}

function recordOf(id: StreamId, fields: readonly string[], cut: boolean): DeadLetterRecord {
  const get = (name: string): string | undefined => {
    for (let i = 0; i + 1 < fields.length; i += 2) if (fields[i] === name) return fields[i + 1];
    return undefined;
  };
  let original: string[] = [];
  try {
    const parsed: unknown = JSON.parse(get('fields') ?? '[]');
    if (Array.isArray(parsed))
      original = parsed.slice(0, EXCERPT_STRINGS).map((s) => String(s).slice(0, EXCERPT_CHARS));
  } catch {
    // a damaged or cut record still shows its reason
    cut = true;
  }
  const bytes = Number(get('bytes'));
  return {
    id,
    at: streamIdTime(id),
    source: get('source') ?? '',
    reason: (get('reason') ?? '').slice(0, MAX_REASON_CHARS),
    fields: original,
    truncated: cut || get('truncated') === '1',
    bytes: get('bytes') !== undefined && Number.isFinite(bytes) ? bytes : null,
  };
}
