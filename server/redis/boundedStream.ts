import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { StreamId } from '../../shared/streamId';

/**
 * Reads stream entries through a Lua script that cuts every string to a bound inside Redis, so a
 * giant field (64 MB, 512 MB: more than a Node string can hold) never crosses the wire. Plain
 * XRANGE/XREAD would copy it whole into Node, and past V8's string limit every read throws and
 * ingestion stops for good. `no-writes` lets the script run under maxmemory OOM and on replicas
 * (Redis 7.0+). A blocking XREAD cannot be guarded this way (no blocking commands in scripts),
 * so live reading polls this script instead (callEventStream.ts).
 */
const SCRIPT = `#!lua flags=no-writes
local key = KEYS[1]
local count = tonumber(ARGV[4])
local maxChars, maxStrings, maxBytes = tonumber(ARGV[5]), tonumber(ARGV[6]), tonumber(ARGV[7])
local unreadable = tonumber(ARGV[8])
local entries
if ARGV[1] == 'rev' then
  entries = redis.call('XREVRANGE', key, ARGV[2], ARGV[3], 'COUNT', count)
else
  entries = redis.call('XRANGE', key, ARGV[2], ARGV[3], 'COUNT', count)
end
local out, bytes, more = {}, 0, 0
for i, entry in ipairs(entries) do
  local list = entry[2]
  local n, total, fits = #list, 0, #list <= maxStrings
  for j = 1, n do
    local len = #list[j]
    total = total + len
    if len > maxChars then fits = false end
  end
  if unreadable > 0 and total > unreadable and maxStrings > 0 then
    return redis.error_reply('FLOORBOARD_UNREADABLE entry ' .. entry[1] .. ' is ' .. total .. ' bytes')
  end
  if fits then
    -- The common case: the entry as Redis gave it, no copy.
    out[i] = { entry[1], list }
    bytes = bytes + total + 64
  else
    local kept, long = {}, {}
    for j = 1, math.min(n, maxStrings) do
      local s = list[j]
      if #s > maxChars then
        kept[j] = string.sub(s, 1, maxChars)
        long[#long + 1] = j - 1
        long[#long + 1] = #s
      else
        kept[j] = s
      end
      bytes = bytes + #kept[j]
    end
    out[i] = { entry[1], kept, n, long, total }
    bytes = bytes + 64
  end
  if bytes >= maxBytes and i < #entries then
    more = 1
    break
  end
end
return { more, out }
`;
const SHA = createHash('sha1').update(SCRIPT).digest('hex');

export interface BoundedEntry {
  id: StreamId;
  /** Field names and values as Redis holds them, each cut to `maxChars` bytes, at most `maxStrings`. */
  fields: string[];
  /** How many strings (names + values) the entry really has. */
  strings: number;
  /** Real byte length of every string that was cut, by its index in `fields`. */
  cut: ReadonlyMap<number, number>;
  /** Bytes of all the entry's strings when it was cut; null when `fields` is the whole entry (see bytesOf). */
  bytes: number | null;
}

const NOTHING_CUT: ReadonlyMap<number, number> = new Map();

/** Bytes of all the entry's strings (computed only for the few entries that need it: dead letters). */
export function bytesOf(entry: BoundedEntry): number {
  if (entry.bytes !== null) return entry.bytes;
  let bytes = 0;
  for (const s of entry.fields) bytes += Buffer.byteLength(s);
  return bytes;
}

export interface BoundedRange {
  entries: BoundedEntry[];
  /** The byte budget stopped the page before COUNT entries: more may follow at once. */
  more: boolean;
}

export interface BoundedRangeOptions {
  reverse?: boolean;
  /** Range start and end as XRANGE takes them ('-', '+', '(id' for exclusive). */
  start: string;
  end: string;
  count: number;
  /** Longest string returned, in bytes (a UTF-8 excerpt may end mid-character). */
  maxChars: number;
  /** Most strings (names + values) returned per entry. */
  maxStrings: number;
  /** The page stops after the entry that reaches this many bytes (one entry at least). */
  maxBytes: number;
  /** Test seam: an entry over this many bytes fails the read, as a 512 MB field does in Node. 0: none. */
  unreadableBytes?: number;
}

/** [id, fields] when nothing was cut; [id, cut fields, strings, [index, length]..., bytes] otherwise. */
type RawEntry = [string, string[]] | [string, string[], number, number[], number];

export async function readBoundedRange(redis: Redis, key: string, o: BoundedRangeOptions): Promise<BoundedRange> {
  const args = [
    o.reverse ? 'rev' : 'fwd',
    o.start,
    o.end,
    o.count,
    o.maxChars,
    o.maxStrings,
    o.maxBytes,
    o.unreadableBytes ?? 0,
  ];
  let reply: [number, RawEntry[]];
  try {
    reply = (await redis.evalsha(SHA, 1, key, ...args)) as [number, RawEntry[]];
  } catch (error) {
    if (!String(error).includes('NOSCRIPT')) throw error;
    reply = (await redis.eval(SCRIPT, 1, key, ...args)) as [number, RawEntry[]];
  }
  const [more, raw] = reply;
  return {
    more: more === 1,
    entries: raw.map((entry) => {
      const [id, fields] = entry;
      if (entry.length === 2) return { id, fields, strings: fields.length, cut: NOTHING_CUT, bytes: null };
      const [, , strings, long, bytes] = entry;
      const cut = new Map<number, number>();
      for (let i = 0; i + 1 < long.length; i += 2) cut.set(long[i]!, long[i + 1]!);
      return { id, fields, strings, cut, bytes };
    }),
  };
}

/** True for an error Redis answered (the script or command failed), not a lost connection. */
export function isReplyError(error: unknown): boolean {
  return error instanceof Error && error.name === 'ReplyError';
}
