import type { Redis } from 'ioredis';
import { HANDOFF_STATES, type HandoffItem, type HandoffState } from '../../shared/domain/handoffs';
import type { LeadResult } from '../../shared/events/callEvent';
import type { EpochMs } from '../../shared/time';
import type { RedisKeys } from './keys';

/**
 * The handoff ledger in Redis, under `<prefix>ho:`:
 * - `item:<lead>` hash: one lead's facts (HandoffItem), each fact (handoff, accepted, rejected,
 *   closed) with the (ts, entry ID) it came with; kept while open or accepted, else it expires
 *   after CLOSED_TTL_SECONDS (longer than any replay reaches back, so a replay never reopens it);
 * - `open` sorted set of open and accepted leads by handoff time (never trimmed by age);
 * - `all`, `rep:<rep>`, `from:<team>`, `to:<team>` sorted sets of the leads handed off in the
 *   last HANDOFF_WINDOW_DAYS by handoff time (the rates and the recent list), trimmed on write.
 *
 * Every change is one Lua script. A fact replaces the one kept only when it is earlier by (ts,
 * entry ID), and the state is derived from the facts, so re-reads, replays, several instances and
 * events in any order make the same ledger; an acceptance before its handoff waits in the item
 * (`pending`) and a close is never undone by a late acceptance.
 */
export const CLOSED_TTL_SECONDS = 90 * 24 * 3600;

/** Facts of a lead, one per event type. */
export type HandoffFact = 'handoff' | 'accepted' | 'rejected' | 'closed';

const COMMON = `
local function idLess(a, b)
  -- Stream entry IDs 'ms-seq'; '' (a person's acceptance) sorts after every entry.
  if b == '' then return a ~= '' end
  if a == '' then return false end
  local am, as = string.match(a, '^(%d+)-(%d+)$')
  local bm, bs = string.match(b, '^(%d+)-(%d+)$')
  if not am or not bm then return a < b end
  am, as, bm, bs = tonumber(am), tonumber(as), tonumber(bm), tonumber(bs)
  if am ~= bm then return am < bm end
  return as < bs
end
local function set(v) return v and v ~= '' end
local function stateOf(item)
  local f = redis.call('HMGET', item, 'handoffAt', 'acceptedAt', 'rejectedAt', 'closedAt', 'result')
  if not set(f[1]) then return 'pending' end
  if set(f[4]) and set(f[5]) then return f[5] end
  local acc = set(f[2]) and tonumber(f[2]) or nil
  local rej = set(f[3]) and tonumber(f[3]) or nil
  if acc and (not rej or acc >= rej) then return 'accepted' end
  if rej then return 'rejected' end
  return 'open'
end
local function indexKeys(p, f)
  return { p .. 'all', p .. 'rep:' .. f[1], p .. 'from:' .. (f[2] or ''), p .. 'to:' .. (f[3] or '') }
end
local function unindex(p, item, lead)
  local f = redis.call('HMGET', item, 'rep', 'team', 'toTeam', 'handoffAt')
  if not set(f[4]) then return end
  redis.call('ZREM', p .. 'open', lead)
  for _, k in ipairs(indexKeys(p, f)) do redis.call('ZREM', k, lead) end
end
local function index(p, item, lead, cutoff, ttl)
  local state = stateOf(item)
  redis.call('HSET', item, 'state', state)
  local live = state == 'open' or state == 'accepted'
  if live then redis.call('PERSIST', item) else redis.call('EXPIRE', item, ttl) end
  local f = redis.call('HMGET', item, 'rep', 'team', 'toTeam', 'handoffAt')
  if not set(f[4]) then return state end
  local at = tonumber(f[4])
  if live then redis.call('ZADD', p .. 'open', at, lead) end
  for _, k in ipairs(indexKeys(p, f)) do
    if at >= tonumber(cutoff) then redis.call('ZADD', k, at, lead) end
    redis.call('ZREMRANGEBYSCORE', k, '-inf', '(' .. cutoff)
  end
  return state
end
`;

// KEYS[1] item; ARGV: prefix, lead, fact, at, id, cutoff, ttl, rep, then the fact's field/value pairs.
// Returns { 1 if the fact was taken (0: a re-delivery or a later duplicate), the state after }.
const WRITE_FACT = `${COMMON}
local p, lead, fact, at, id, cutoff, ttl, rep = ARGV[1], ARGV[2], ARGV[3], tonumber(ARGV[4]), ARGV[5], ARGV[6], tonumber(ARGV[7]), ARGV[8]
local kept = redis.call('HMGET', KEYS[1], fact .. 'At', fact .. 'Id')
if set(kept[1]) then
  local ka = tonumber(kept[1])
  if not (at < ka or (at == ka and idLess(id, kept[2] or ''))) then return { 0, stateOf(KEYS[1]) } end
end
unindex(p, KEYS[1], lead)
redis.call('HSETNX', KEYS[1], 'lead', lead)
redis.call('HSETNX', KEYS[1], 'rep', rep)
local fields = { fact .. 'At', ARGV[4], fact .. 'Id', id }
for i = 9, #ARGV do table.insert(fields, ARGV[i]) end
redis.call('HSET', KEYS[1], unpack(fields))
return { 1, index(p, KEYS[1], lead, cutoff, ttl) }
`;

// KEYS[1] item; ARGV: prefix, lead, at, by, cutoff, ttl. A person accepts: only the first one
// does; returns 'accepted', 'already', 'closed' or 'missing' (no such handoff, or not yet read).
const ACCEPT = `${COMMON}
local p, lead, at, by, cutoff, ttl = ARGV[1], ARGV[2], ARGV[3], ARGV[4], ARGV[5], tonumber(ARGV[6])
local st = redis.call('HGET', KEYS[1], 'state')
if not st or st == 'pending' then return 'missing' end
if st == 'won' or st == 'lost' then return 'closed' end
if set(redis.call('HGET', KEYS[1], 'acceptedAt')) then return 'already' end
unindex(p, KEYS[1], lead)
redis.call('HSET', KEYS[1], 'acceptedAt', at, 'acceptedId', '', 'acceptedBy', by)
index(p, KEYS[1], lead, cutoff, ttl)
return 'accepted'
`;

export type AcceptResult = 'accepted' | 'already' | 'closed' | 'missing';

/** The facts of one lead event, as the ledger stores them (values as strings, '' for none). */
export interface FactWrite {
  fact: HandoffFact;
  lead: string;
  /** The originating rep. */
  rep: string;
  at: EpochMs;
  /** The stream entry ID. */
  id: string;
  fields: Record<string, string>;
}

export type HandoffScope = { rep: string } | { fromTeam: string | null } | { toTeam: string } | 'all';

export interface HandoffRepo {
  /** Takes the fact if it is the lead's earliest of its kind; whether it did, and the state after. */
  write(fact: FactWrite, now: EpochMs): Promise<{ taken: boolean; state: HandoffState }>;
  /** A person accepts an open (or rejected) lead: exactly one of many concurrent ones does. */
  accept(lead: string, by: string, at: EpochMs, now: EpochMs): Promise<AcceptResult>;
  get(lead: string): Promise<HandoffItem | null>;
  getMany(leads: readonly string[]): Promise<HandoffItem[]>;
  /** Open and accepted leads, oldest handoff first, at most `limit`. */
  openLeads(limit: number): Promise<string[]>;
  /** Leads of a scope handed off at or after `since`, newest first, at most `limit`. */
  windowLeads(scope: HandoffScope, since: EpochMs, limit: number): Promise<string[]>;
}

export function createHandoffRepo(
  redis: Redis,
  keys: Pick<RedisKeys, 'handoffs'>,
  options: { windowMs: number },
): HandoffRepo {
  const p = keys.handoffs;
  const item = (lead: string) => `${p}item:${lead}`;
  const ttl = String(CLOSED_TTL_SECONDS);
  const cutoff = (now: EpochMs) => String(now - options.windowMs);
  const scopeKey = (scope: HandoffScope) =>
    scope === 'all'
      ? `${p}all`
      : 'rep' in scope
        ? `${p}rep:${scope.rep}`
        : 'toTeam' in scope
          ? `${p}to:${scope.toTeam}`
          : `${p}from:${scope.fromTeam ?? ''}`;

  async function getMany(leads: readonly string[]): Promise<HandoffItem[]> {
    if (leads.length === 0) return [];
    const pipeline = redis.pipeline();
    for (const lead of leads) pipeline.hgetall(item(lead));
    const replies = (await pipeline.exec()) ?? [];
    return replies.flatMap(([error, hash]) => {
      const parsed = error ? null : parseItem(hash as Record<string, string>);
      return parsed ? [parsed] : [];
    });
  }

  return {
    async write(w, now) {
      const args = [w.lead, w.fact, String(w.at), w.id, cutoff(now), ttl, w.rep];
      for (const [key, value] of Object.entries(w.fields)) args.push(key, value);
      const [taken, state] = (await redis.eval(WRITE_FACT, 1, item(w.lead), p, ...args)) as [number, string];
      return { taken: taken === 1, state: state as HandoffState };
    },
    async accept(lead, by, at, now) {
      const args = [lead, String(at), by, cutoff(now), ttl];
      return (await redis.eval(ACCEPT, 1, item(lead), p, ...args)) as AcceptResult;
    },
    async get(lead) {
      return parseItem(await redis.hgetall(item(lead)));
    },
    getMany,
    openLeads: (limit) => redis.zrange(`${p}open`, 0, limit - 1),
    windowLeads: (scope, since, limit) =>
      redis.zrevrangebyscore(scopeKey(scope), '+inf', String(since), 'LIMIT', 0, limit),
  };
}

export function parseItem(hash: Record<string, string> | null | undefined): HandoffItem | null {
  if (!hash || !hash.lead || !hash.rep) return null;
  const state = (HANDOFF_STATES as readonly string[]).includes(hash.state ?? '') ? (hash.state as HandoffState) : null;
  if (!state) return null;
  const num = (v: string | undefined) => (v ? Number(v) : null);
  const str = (v: string | undefined) => v || null;
  return {
    lead: hash.lead,
    rep: hash.rep,
    team: str(hash.team),
    to: hash.to ?? '',
    toTeam: hash.toTeam ?? '',
    call: str(hash.call),
    campaign: str(hash.campaign),
    contact: str(hash.contact),
    amount: num(hash.amount),
    handoffAt: num(hash.handoffAt),
    acceptedAt: num(hash.acceptedAt),
    acceptedBy: str(hash.acceptedBy),
    rejectedAt: num(hash.rejectedAt),
    rejectedBy: str(hash.rejectedBy),
    rejectedReason: str(hash.rejectedReason),
    closedAt: num(hash.closedAt),
    result: hash.result === 'won' || hash.result === 'lost' ? (hash.result as LeadResult) : null,
    closedAmount: num(hash.closedAmount),
    closedBy: str(hash.closedBy),
    state,
  };
}
