import type { Redis } from 'ioredis';
import type { RepeatDial } from '../../shared/domain/campaignAlerts';
import type { DayKey, EpochMs } from '../../shared/time';
import type { RedisKeys } from './keys';

/**
 * The contact ledger (issue #15, contact-frequency compliance): per local day and customer, a hash
 * `<prefix>contact:<day>:<customer>` of the day's dials of them, `c:<call>` -> `<n> <rep> <at>`
 * (the n-th dial of the customer today), and `n`, the count. One Lua script per dial: a call is
 * counted once whatever re-reads, replays or instances see it, and a hundred dials of one customer
 * in the same millisecond get 1..100 exactly. A repeated call gets its first answer back, so every
 * instance and a replay learn the same thing. Customer ids stay in Redis and on this server: the
 * answer names reps, never the customer.
 */
export const CONTACT_TTL_SECONDS = 2 * 24 * 3600;
/** Earlier dials returned with an answer (beyond, the customer is over any allowance anyway). */
export const CONTACT_LOOKBACK = 64;

// KEYS[1] the customer's hash; ARGV: call, rep, at, ttl, lookback.
// Returns { n, rep1, at1, rep2, at2, ... }: this call's ordinal and the earlier dials (up to lookback).
const DIAL = `
local f = 'c:' .. ARGV[1]
local mine = redis.call('HGET', KEYS[1], f)
local n
if mine then
  n = tonumber(string.match(mine, '^(%d+)'))
else
  n = redis.call('HINCRBY', KEYS[1], 'n', 1)
  redis.call('HSET', KEYS[1], f, n .. ' ' .. ARGV[2] .. ' ' .. ARGV[3])
  redis.call('EXPIRE', KEYS[1], tonumber(ARGV[4]))
end
local out = { n }
if n == 1 or n > tonumber(ARGV[5]) then return out end
local all = redis.call('HGETALL', KEYS[1])
for i = 1, #all, 2 do
  if string.sub(all[i], 1, 2) == 'c:' then
    local o, r, a = string.match(all[i + 1], '^(%d+) (%S+) (%d+)$')
    if o and tonumber(o) < n then
      out[#out + 1] = r
      out[#out + 1] = a
    end
  end
end
return out
`;

export interface ContactDialInput {
  day: DayKey;
  customer: string;
  call: string;
  rep: string;
  at: EpochMs;
}

export interface ContactRepo {
  /** Counts the dial (once per call) and answers what it was: null for a customer's first dial today. */
  dial(input: ContactDialInput): Promise<RepeatDial | null>;
  /**
   * The day's repeat dials answered so far (no customer in them): a restart folds the stream from
   * its checkpoint on, so the repeats before it come from here.
   */
  repeats(day: DayKey): Promise<RepeatDial[]>;
}

/** A stored repeat, checked field by field (Redis is a boundary). */
function parseRepeat(json: string): RepeatDial | null {
  try {
    const v = JSON.parse(json) as Partial<RepeatDial>;
    const others = Array.isArray(v.others) ? v.others : null;
    if (typeof v.rep !== 'string' || typeof v.at !== 'number' || typeof v.times !== 'number' || !others) return null;
    if (!others.every((o) => typeof o?.rep === 'string' && typeof o.gapMs === 'number')) return null;
    return { rep: v.rep, at: v.at, times: v.times, others: others.map((o) => ({ rep: o.rep, gapMs: o.gapMs })) };
  } catch {
    return null;
  }
}

export function createContactRepo(redis: Redis, keys: Pick<RedisKeys, 'contact' | 'contactRepeats'>): ContactRepo {
  return {
    async repeats(day) {
      const hash = await redis.hgetall(keys.contactRepeats(day));
      return Object.values(hash).flatMap((json) => parseRepeat(json) ?? []);
    },
    async dial({ day, customer, call, rep, at }) {
      const at0 = Math.round(at);
      const reply = (await redis.eval(
        DIAL,
        1,
        keys.contact(day, customer),
        call,
        rep,
        String(at0),
        String(CONTACT_TTL_SECONDS),
        String(CONTACT_LOOKBACK),
      )) as (string | number)[];
      const times = Number(reply[0]);
      if (times <= 1) return null;
      const gaps = new Map<string, number>();
      for (let i = 1; i + 1 < reply.length; i += 2) {
        const other = String(reply[i]);
        if (other === rep) continue;
        const gap = Math.abs(at0 - Number(reply[i + 1]));
        gaps.set(other, Math.min(gaps.get(other) ?? Infinity, gap));
      }
      const others = [...gaps].map(([r, gapMs]) => ({ rep: r, gapMs })).sort((a, b) => a.rep.localeCompare(b.rep));
      const repeat = { rep, at: at0, times, others };
      // The same answer every time for a call (its earlier dials are fixed): writing it again is harmless.
      await redis
        .multi()
        .hset(keys.contactRepeats(day), call, JSON.stringify(repeat))
        .expire(keys.contactRepeats(day), CONTACT_TTL_SECONDS)
        .exec();
      return repeat;
    },
  };
}
