import type { Redis } from 'ioredis';
import { CALLBACK_STATES, byDue, type CallbackItem, type CallbackState } from '../../shared/domain/callbacks';
import type { EpochMs } from '../../shared/time';
import type { RedisKeys } from './keys';

/**
 * The call-back ledger in Redis, under `<prefix>cb:`:
 * - `item:<call>` hash: one call-back (CallbackItem), kept while open; a closed one expires after
 *   CLOSED_TTL_SECONDS (longer than any replay reaches back, so a replay never reopens it);
 * - `open`, `rep:<rep>`, `team:<team>` (`team:` for none) sorted sets of open calls by due time
 *   (unknown times at UNKNOWN_DUE, so they sort last);
 * - `cust:<customer>` set of the customer's open calls (a later call to them closes these).
 * Every change is one Lua script: check-then-act is atomic, so re-reads, replays, several
 * instances and 100 concurrent clicks make one transition.
 */
export const CLOSED_TTL_SECONDS = 90 * 24 * 3600;
const UNKNOWN_DUE = 9e15;

const INDEX = `
local function indexKeys(p, rep, team, customer)
  local keys = { p .. 'open', p .. 'rep:' .. rep, p .. 'team:' .. team }
  return keys, (customer ~= '' and (p .. 'cust:' .. customer) or nil)
end
local function scoreOf(follow)
  if follow == nil or follow == '' then return ${UNKNOWN_DUE} end
  return tonumber(follow)
end
local function closeItem(p, item, call, state, closedAt, closedBy, ttl)
  local f = redis.call('HMGET', item, 'rep', 'team', 'customer')
  local zsets, cust = indexKeys(p, f[1], f[2], f[3])
  for _, k in ipairs(zsets) do redis.call('ZREM', k, call) end
  if cust then redis.call('SREM', cust, call) end
  redis.call('HSET', item, 'state', state, 'closedAt', closedAt, 'closedBy', closedBy)
  redis.call('EXPIRE', item, ttl)
end
`;

// KEYS[1] item; ARGV: prefix, call, rep, team, followUpAt, contact, customer, createdAt.
// Returns the item's state after: 'created', or the state it already had (a re-read or replay).
const CREATE = `${INDEX}
local st = redis.call('HGET', KEYS[1], 'state')
if st then return st end
local p, call, rep, team, follow, contact, customer, created = unpack(ARGV)
redis.call('HSET', KEYS[1], 'call', call, 'rep', rep, 'team', team, 'followUpAt', follow,
  'contact', contact, 'customer', customer, 'createdAt', created, 'state', 'open', 'closedAt', '', 'closedBy', '')
local zsets, cust = indexKeys(p, rep, team, customer)
for _, k in ipairs(zsets) do redis.call('ZADD', k, scoreOf(follow), call) end
if cust then redis.call('SADD', cust, call) end
return 'created'
`;

// KEYS[1] item; ARGV: prefix, call, state, closedAt, closedBy, ttl, expectRep, expectTeam ('' = any).
// Returns 1 (this call closed it), 0 (closed already), -1 (no such item), -2 (not the expected rep or team).
const CLOSE = `${INDEX}
local f = redis.call('HMGET', KEYS[1], 'state', 'rep', 'team')
if not f[1] then return -1 end
if f[1] ~= 'open' then return 0 end
if (ARGV[7] ~= '' and f[2] ~= ARGV[7]) or (ARGV[8] ~= '' and f[3] ~= ARGV[8]) then return -2 end
closeItem(ARGV[1], KEYS[1], ARGV[2], ARGV[3], ARGV[4], ARGV[5], tonumber(ARGV[6]))
return 1
`;

// KEYS[1] the customer's set; ARGV: prefix, call, at, closedAt, ttl. Closes the customer's open
// call-backs promised before \`at\` on another call; returns their calls.
const CLOSE_BY_CUSTOMER = `${INDEX}
local p, call, at = ARGV[1], ARGV[2], tonumber(ARGV[3])
local closed = {}
for _, m in ipairs(redis.call('SMEMBERS', KEYS[1])) do
  local item = p .. 'item:' .. m
  local f = redis.call('HMGET', item, 'state', 'createdAt')
  if m ~= call and f[1] == 'open' and tonumber(f[2]) < at then
    closeItem(p, item, m, 'called', ARGV[4], call, tonumber(ARGV[5]))
    table.insert(closed, m)
  elseif f[1] ~= 'open' then
    redis.call('SREM', KEYS[1], m)
  end
end
return closed
`;

// KEYS[1] item; ARGV: prefix, call, rep, team, expectTeam. Returns 1, 0 (closed), -1 (none), -2 (other team).
const REASSIGN = `${INDEX}
local f = redis.call('HMGET', KEYS[1], 'state', 'rep', 'team', 'followUpAt', 'customer')
if not f[1] then return -1 end
if f[1] ~= 'open' then return 0 end
if ARGV[5] ~= '' and f[3] ~= ARGV[5] then return -2 end
local p, call = ARGV[1], ARGV[2]
local old = indexKeys(p, f[2], f[3], f[5])
local new = indexKeys(p, ARGV[3], ARGV[4], f[5])
for _, k in ipairs(old) do redis.call('ZREM', k, call) end
for _, k in ipairs(new) do redis.call('ZADD', k, scoreOf(f[4]), call) end
redis.call('HSET', KEYS[1], 'rep', ARGV[3], 'team', ARGV[4])
return 1
`;

export type CloseResult = 'closed' | 'already' | 'missing' | 'forbidden';
const CLOSE_RESULT: Record<number, CloseResult> = { 1: 'closed', 0: 'already', [-1]: 'missing', [-2]: 'forbidden' };

export interface NewCallback {
  call: string;
  rep: string;
  team: string | null;
  followUpAt: EpochMs | null;
  contact: string | null;
  customer: string | null;
  createdAt: EpochMs;
}

export interface CallbackRepo {
  /** Opens the item unless the call has one (open or closed); returns 'created' or the state it has. */
  create(item: NewCallback): Promise<'created' | CallbackState>;
  get(call: string): Promise<CallbackItem | null>;
  /** Done or cancelled by a person; `expect` guards against a reassignment in between. */
  close(
    call: string,
    state: Exclude<CallbackState, 'open'>,
    by: string,
    at: EpochMs,
    expect?: { rep?: string; team?: string | null },
  ): Promise<CloseResult>;
  /** A call to `customer` at `at` on `call` closes their call-backs promised before it on other calls. */
  closeByCustomer(customer: string, call: string, at: EpochMs, closedAt: EpochMs): Promise<string[]>;
  reassign(call: string, rep: string, team: string | null, expectTeam?: string | null): Promise<CloseResult>;
  /** Open items of one rep, one team or the floor, soonest first (unknown times last), at most `limit`. */
  listOpen(of: { rep: string } | { team: string | null } | 'all', limit: number): Promise<CallbackItem[]>;
}

export function createCallbackRepo(redis: Redis, keys: Pick<RedisKeys, 'callbacks'>): CallbackRepo {
  const p = keys.callbacks;
  const item = (call: string) => `${p}item:${call}`;
  const ttl = String(CLOSED_TTL_SECONDS);
  const eval1 = (script: string, key: string, ...args: string[]) =>
    redis.eval(script, 1, key, p, ...args) as Promise<unknown>;

  async function getMany(calls: string[]): Promise<CallbackItem[]> {
    if (calls.length === 0) return [];
    const pipeline = redis.pipeline();
    for (const call of calls) pipeline.hgetall(item(call));
    const replies = (await pipeline.exec()) ?? [];
    return replies.flatMap(([error, hash]) => {
      const parsed = error ? null : parseItem(hash as Record<string, string>);
      return parsed ? [parsed] : [];
    });
  }

  return {
    async create(c) {
      const result = await eval1(
        CREATE,
        item(c.call),
        ...[c.call, c.rep, c.team ?? '', c.followUpAt === null ? '' : String(c.followUpAt)],
        ...[c.contact ?? '', c.customer ?? '', String(c.createdAt)],
      );
      return result as 'created' | CallbackState;
    },
    async get(call) {
      return parseItem(await redis.hgetall(item(call)));
    },
    async close(call, state, by, at, expect = {}) {
      const team = expect.team === undefined ? '' : (expect.team ?? '');
      const args = [call, state, String(at), by, ttl, expect.rep ?? '', team];
      // An expected team of "none" cannot be told from "any" in ARGV: checked by the caller.
      return CLOSE_RESULT[Number(await eval1(CLOSE, item(call), ...args))] ?? 'missing';
    },
    async closeByCustomer(customer, call, at, closedAt) {
      return (await eval1(
        CLOSE_BY_CUSTOMER,
        `${p}cust:${customer}`,
        call,
        String(at),
        String(closedAt),
        ttl,
      )) as string[];
    },
    async reassign(call, rep, team, expectTeam) {
      const args = [call, rep, team ?? '', expectTeam ?? ''];
      return CLOSE_RESULT[Number(await eval1(REASSIGN, item(call), ...args))] ?? 'missing';
    },
    async listOpen(of, limit) {
      const key = of === 'all' ? `${p}open` : 'rep' in of ? `${p}rep:${of.rep}` : `${p}team:${of.team ?? ''}`;
      const items = await getMany(await redis.zrange(key, 0, limit - 1));
      return items.filter((i) => i.state === 'open').sort(byDue);
    },
  };
}

export function parseItem(hash: Record<string, string> | null | undefined): CallbackItem | null {
  if (!hash || !hash.call || !hash.rep) return null;
  const state = (CALLBACK_STATES as readonly string[]).includes(hash.state ?? '')
    ? (hash.state as CallbackState)
    : null;
  if (!state) return null;
  const num = (v: string | undefined) => (v ? Number(v) : null);
  return {
    call: hash.call,
    rep: hash.rep,
    team: hash.team || null,
    followUpAt: num(hash.followUpAt),
    contact: hash.contact || null,
    customer: hash.customer || null,
    createdAt: Number(hash.createdAt),
    state,
    closedAt: num(hash.closedAt),
    closedBy: hash.closedBy || null,
  };
}
