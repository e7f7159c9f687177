import type { Redis } from 'ioredis';
import { INGEST_DEDUPE_TTL_MS } from '../../shared/contracts/ingest';
import type { PreparedEvent } from '../ingest/httpBatch';
import type { RedisKeys } from './keys';

export interface IngestWriter {
  /** Appends every event not seen before (by its dedupe identity), all or none, in one step. */
  write(events: readonly PreparedEvent[]): Promise<{ written: number; duplicates: number }>;
}

/**
 * One script, so no other request runs between "seen?" and "append": a hundred identical requests
 * at once append each event once. Every check comes before the first write (a stream key of the
 * wrong type fails the script with nothing written); the appends come before the seen-markers, so
 * a script cut short can at worst let a retry append an event twice (the fold counts it once),
 * never mark an event seen that was not appended.
 * KEYS: the stream, then one seen-key per event. ARGV: the TTL (ms), then per event its field
 * count and fields.
 */
const WRITE = `
local kind = redis.call('TYPE', KEYS[1]).ok
if kind ~= 'stream' and kind ~= 'none' then return redis.error_reply('WRONGTYPE ingestion stream key holds ' .. kind) end
local fresh, inBatch, at = {}, {}, 2
for i = 2, #KEYS do
  local n = tonumber(ARGV[at])
  if not inBatch[KEYS[i]] and redis.call('EXISTS', KEYS[i]) == 0 then
    inBatch[KEYS[i]] = true
    fresh[#fresh + 1] = { i, at + 1, n }
  end
  at = at + 1 + n
end
for _, e in ipairs(fresh) do
  redis.call('XADD', KEYS[1], '*', unpack(ARGV, e[2], e[2] + e[3] - 1))
end
for _, e in ipairs(fresh) do
  redis.call('SET', KEYS[e[1]], '1', 'PX', ARGV[1])
end
return { #fresh, #KEYS - 1 - #fresh }`;

export function createIngestWriter(redis: Redis, keys: RedisKeys): IngestWriter {
  return {
    async write(events) {
      if (events.length === 0) return { written: 0, duplicates: 0 };
      const seen = events.map((event) => keys.ingestSeen(event.dedupe));
      const args = events.flatMap((event) => [String(event.fields.length), ...event.fields]);
      const reply = (await redis.eval(
        WRITE,
        1 + seen.length,
        keys.events,
        ...seen,
        String(INGEST_DEDUPE_TTL_MS),
        ...args,
      )) as [number, number];
      return { written: Number(reply[0]), duplicates: Number(reply[1]) };
    },
  };
}
