import type { Redis } from 'ioredis';
import type { EpochMs, DayKey } from '../../shared/time';
import type { RedisKeys } from './keys';

/**
 * Market-feedback counts, under `<prefix>fb:`:
 * - `day:<day>` hash: count field -> count; a field is `kind␟team␟campaign␟list␟code` (kind `r` a
 *   refusal reason, `t` a tag; `␟` is U+001F, which no id or reason can hold); at most
 *   MAX_COUNT_FIELDS distinct fields a day, then new combinations count under OVERFLOW_FIELD;
 * - `samples:<day>` hash: `team␟code` -> JSON array of the latest SAMPLES_PER_CODE remarks (masked
 *   before they get here), at most MAX_SAMPLE_FIELDS fields a day;
 * - `call:<call>` hash: what the call's counted outcome added (its time, entry ID, day, fields).
 * One Lua script per outcome: the same outcome again changes nothing, and an outcome that wins
 * over the one counted (the fold's rule: earliest `ts`, ties to the smaller entry ID) takes back
 * what the earlier one added before adding its own. Codes are counted as sent; the catalogue's
 * aliases apply when counts are read.
 */
export const SEP = '\u001f';
export const MAX_COUNT_FIELDS = 20_000;
export const MAX_SAMPLE_FIELDS = 2_000;
export const SAMPLES_PER_CODE = 5;
export const OVERFLOW = '*';
const DAY_TTL_SECONDS = 60 * 86_400;
const CALL_TTL_SECONDS = 30 * 86_400;

export interface FeedbackSample {
  call: string;
  at: EpochMs;
  rep: string;
  team: string;
  campaign: string;
  list: string;
  remark: string;
}

export interface FeedbackRecord {
  call: string;
  at: EpochMs;
  /** Stream entry ID (ties on `at` go to the smaller one). */
  id: string;
  day: DayKey;
  /** Count fields this outcome adds (each once). */
  fields: string[];
  /** Its remark as a sample, under these `team␟code` fields (empty: no remark). */
  sampleFields: string[];
  sample: FeedbackSample | null;
}

export type RecordResult = 'counted' | 'replaced' | 'kept';

export function countField(kind: 'r' | 't', team: string, campaign: string, list: string, code: string): string {
  return [kind, team, campaign, list, code].join(SEP);
}
export function overflowField(kind: 'r' | 't'): string {
  return countField(kind, OVERFLOW, OVERFLOW, OVERFLOW, OVERFLOW);
}

const RECORD = `
local p, call, at, id, day = ARGV[1], ARGV[2], tonumber(ARGV[3]), ARGV[4], ARGV[5]
local fields, sfields, sample = cjson.decode(ARGV[6]), cjson.decode(ARGV[7]), ARGV[8]
local capF, capS, per, dayTtl, callTtl = tonumber(ARGV[9]), tonumber(ARGV[10]), tonumber(ARGV[11]), tonumber(ARGV[12]), tonumber(ARGV[13])
local ck = p .. 'call:' .. call
local function idParts(s)
  local ms, seq = string.match(s, '^(%d+)-(%d+)$')
  return tonumber(ms) or 0, tonumber(seq) or 0
end
local function before(at1, id1, at2, id2)
  if at1 ~= at2 then return at1 < at2 end
  local m1, s1 = idParts(id1)
  local m2, s2 = idParts(id2)
  if m1 ~= m2 then return m1 < m2 end
  return s1 < s2
end
local result = 'counted'
local old = redis.call('HMGET', ck, 'at', 'id', 'day', 'fields', 'sfields')
if old[1] then
  local oat = tonumber(old[1])
  if not before(at, id, oat, old[2]) then return 'kept' end
  result = 'replaced'
  local dk = p .. 'day:' .. old[3]
  for _, f in ipairs(cjson.decode(old[4])) do
    if redis.call('HINCRBY', dk, f, -1) <= 0 then redis.call('HDEL', dk, f) end
  end
  local sk = p .. 'samples:' .. old[3]
  for _, f in ipairs(cjson.decode(old[5])) do
    local raw = redis.call('HGET', sk, f)
    if raw then
      local kept = {}
      for _, s in ipairs(cjson.decode(raw)) do if s.call ~= call then table.insert(kept, s) end end
      if #kept == 0 then redis.call('HDEL', sk, f) else redis.call('HSET', sk, f, cjson.encode(kept)) end
    end
  end
end
local dk = p .. 'day:' .. day
local done = {}
for i = 1, #fields, 2 do
  local f = fields[i]
  if redis.call('HEXISTS', dk, f) == 0 and redis.call('HLEN', dk) >= capF then f = fields[i + 1] end
  redis.call('HINCRBY', dk, f, 1)
  table.insert(done, f)
end
if #done > 0 then redis.call('EXPIRE', dk, dayTtl) end
local sdone = {}
if sample ~= '' then
  local s = cjson.decode(sample)
  local sk = p .. 'samples:' .. day
  for _, f in ipairs(sfields) do
    local raw = redis.call('HGET', sk, f)
    if raw or redis.call('HLEN', sk) < capS then
      local list = raw and cjson.decode(raw) or {}
      table.insert(list, s)
      table.sort(list, function(a, b) return a.at > b.at end)
      while #list > per do table.remove(list) end
      redis.call('HSET', sk, f, cjson.encode(list))
      table.insert(sdone, f)
    end
  end
  redis.call('EXPIRE', sk, dayTtl)
end
redis.call('HSET', ck, 'at', at, 'id', id, 'day', day, 'fields', cjson.encode(done), 'sfields', cjson.encode(sdone))
redis.call('EXPIRE', ck, callTtl)
return result
`;

const HGETALL = `return redis.call('HGETALL', KEYS[1])`;

export interface FeedbackRepo {
  record(r: FeedbackRecord): Promise<RecordResult>;
  /** Each day's counts as [field, count] pairs (a Map: codes such as "__proto__" are data). */
  counts(days: readonly DayKey[]): Promise<Map<string, number>[]>;
  /** Each day's samples: `team␟code` -> samples, newest first. */
  samples(days: readonly DayKey[]): Promise<Map<string, FeedbackSample[]>[]>;
}

/** An empty JSON array encodes as `{}` in Redis's cjson; arrays are sent as a flat list of pairs instead. */
function jsonList(values: readonly string[]): string {
  return values.length === 0 ? '{}' : JSON.stringify(values);
}

export function createFeedbackRepo(
  redis: Redis,
  keys: Pick<RedisKeys, 'feedback'>,
  caps: { countFields?: number; sampleFields?: number } = {},
): FeedbackRepo {
  const p = keys.feedback;
  async function hashes(names: readonly string[]): Promise<[string, string][][]> {
    const pipeline = redis.pipeline();
    // HGETALL's flat reply through a script (ioredis would build an object of it; pairs need no guard).
    for (const name of names) pipeline.eval(HGETALL, 1, name);
    const replies = (await pipeline.exec()) ?? [];
    return replies.map(([error, value]) => {
      if (error) throw error;
      const flat = value as string[];
      const pairs: [string, string][] = [];
      for (let i = 0; i + 1 < flat.length; i += 2) pairs.push([flat[i]!, flat[i + 1]!]);
      return pairs;
    });
  }
  return {
    async record(r) {
      const pairs = r.fields.flatMap((f) => [f, overflowField(f.startsWith('t') ? 't' : 'r')]);
      const result = await redis.eval(
        RECORD,
        0,
        p,
        r.call,
        String(r.at),
        r.id,
        r.day,
        jsonList(pairs),
        jsonList(r.sample ? r.sampleFields : []),
        r.sample ? JSON.stringify(r.sample) : '',
        String(caps.countFields ?? MAX_COUNT_FIELDS),
        String(caps.sampleFields ?? MAX_SAMPLE_FIELDS),
        String(SAMPLES_PER_CODE),
        String(DAY_TTL_SECONDS),
        String(CALL_TTL_SECONDS),
      );
      return result as RecordResult;
    },
    async counts(days) {
      const all = await hashes(days.map((d) => `${p}day:${d}`));
      return all.map((pairs) => new Map(pairs.map(([f, n]) => [f, Number(n)])));
    },
    async samples(days) {
      const all = await hashes(days.map((d) => `${p}samples:${d}`));
      return all.map((pairs) => new Map(pairs.map(([f, raw]) => [f, JSON.parse(raw) as FeedbackSample[]])));
    },
  };
}
