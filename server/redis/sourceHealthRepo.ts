import type { Redis } from 'ioredis';
import { z } from 'zod';
import type { RedisKeys } from './keys';

/** What an adapter says of its source (the admin screen's stream health shows one row per source). */
export interface SourceHealthRecord {
  source: string;
  /** Connected to its source (a file import: reading it). */
  connected: boolean;
  /** Time of the last source event read, ms since the epoch; null before the first. */
  lastEventAt: number | null;
  /** Source events read, and events that could not be mapped or written, over the last minute. */
  eventsPerMinute: number;
  errorsPerMinute: number;
  /** The last error or disconnection reason, and when it happened. */
  lastError: string | null;
  lastErrorAt: number | null;
  /** When the adapter wrote this record; a record far older than its interval is an adapter gone silent. */
  updatedAt: number;
  /** When it last connected (null: never, or a record older than this field). */
  connectedAt?: number | null;
  /** When the run ended by itself (a file imported, a transcript replayed, a stop asked for): not a lost source. */
  endedAt?: number | null;
}

const recordSchema = z.object({
  source: z.string(),
  connected: z.boolean(),
  lastEventAt: z.number().nullable(),
  eventsPerMinute: z.number(),
  errorsPerMinute: z.number(),
  lastError: z.string().nullable(),
  lastErrorAt: z.number().nullable(),
  updatedAt: z.number(),
  connectedAt: z.number().nullable().default(null),
  endedAt: z.number().nullable().default(null),
});

export interface SourceHealthRepo {
  save(record: SourceHealthRecord): Promise<void>;
  /** Every source's last record, by source name; a record that does not parse is left out. */
  loadAll(): Promise<SourceHealthRecord[]>;
}

/** Longest source name and error kept (a name is a hash field, an error a log line, not a dump). */
export const MAX_SOURCE_CHARS = 64;
const MAX_ERROR_CHARS = 300;

export function createSourceHealthRepo(redis: Redis, keys: Pick<RedisKeys, 'sourceHealth'>): SourceHealthRepo {
  return {
    async save(record) {
      const stored = { ...record, lastError: record.lastError?.slice(0, MAX_ERROR_CHARS) ?? null };
      await redis.hset(keys.sourceHealth, record.source.slice(0, MAX_SOURCE_CHARS), JSON.stringify(stored));
    },
    async loadAll() {
      const all = await redis.hgetall(keys.sourceHealth);
      return Object.values(all).flatMap((json) => {
        try {
          const parsed = recordSchema.safeParse(JSON.parse(json));
          return parsed.success ? [parsed.data] : [];
        } catch {
          return [];
        }
      });
    },
  };
}
