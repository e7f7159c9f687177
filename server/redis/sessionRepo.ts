import { createHash, randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import { accountKeys } from './keys';

/** A signed-in browser. `key` identifies it in Redis and in logs; the token itself is never stored. */
export interface Session {
  key: string;
  username: string;
  expiresAt: number;
}

export interface SessionRepo {
  create(username: string, now: number): Promise<{ token: string; session: Session }>;
  /** Null when the token is unknown, expired, revoked or malformed. */
  lookup(token: string): Promise<Session | null>;
  revoke(key: string): Promise<void>;
  /** The keys that were still live, so that their sockets can be closed. */
  revokeAllFor(username: string): Promise<string[]>;
}

/** Longest token we hash; anything longer is not one of ours and costs no work. */
export const MAX_TOKEN_LENGTH = 256;

/**
 * Redis holds only sha256(token): someone who can read Redis (or a backup of it) learns
 * nothing they can sign in with. A plain hash suffices because the token has 256 random bits.
 */
export function sessionKeyOf(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function newToken(): { token: string; key: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, key: sessionKeyOf(token) };
}

export const isWellFormedToken = (token: unknown): token is string =>
  typeof token === 'string' && token.length > 0 && token.length <= MAX_TOKEN_LENGTH;

const REVOKE = `
local username = redis.call('HGET', KEYS[1], 'username')
redis.call('DEL', KEYS[1])
if username then redis.call('SREM', ARGV[1] .. username, ARGV[2]) end
return 1`;

// Atomic so that a session created while we revoke is either revoked too or left intact in the
// set, never dropped from the set while still valid. (Session keys are built inside the script:
// fine on a single Redis, which is what Floorboard runs on.)
const REVOKE_ALL = `
local keys = redis.call('SMEMBERS', KEYS[1])
local live = {}
for _, key in ipairs(keys) do
  if redis.call('DEL', ARGV[1] .. key) == 1 then table.insert(live, key) end
end
redis.call('DEL', KEYS[1])
return live`;

export function createSessionRepo(redis: Redis, prefix: string, opts: { ttlMs: number }): SessionRepo {
  if (!Number.isInteger(opts.ttlMs) || opts.ttlMs <= 0) throw new RangeError('ttlMs must be a positive integer');
  const { sessionPrefix, userSessionsPrefix } = accountKeys(prefix);

  return {
    async create(username, now) {
      const { token, key } = newToken();
      const expiresAt = now + opts.ttlMs;
      const setKey = userSessionsPrefix + username;
      const replies = await redis
        .multi()
        .hset(sessionPrefix + key, { username, createdAt: String(now), expiresAt: String(expiresAt) })
        // A relative TTL: `now` may come from a clock other than Redis's.
        .pexpire(sessionPrefix + key, opts.ttlMs)
        .sadd(setKey, key)
        // Every session lives ttlMs, so the set is obsolete when its newest member expires.
        .pexpire(setKey, opts.ttlMs)
        .exec();
      for (const [err] of replies ?? []) if (err) throw err;
      return { token, session: { key, username, expiresAt } };
    },

    async lookup(token) {
      if (!isWellFormedToken(token)) return null;
      const key = sessionKeyOf(token);
      // Redis never returns a key past its TTL, so no clock comparison is needed here.
      const [username, expiresAt] = await redis.hmget(sessionPrefix + key, 'username', 'expiresAt');
      if (!username || !expiresAt) return null;
      return { key, username, expiresAt: Number(expiresAt) };
    },

    async revoke(key) {
      await redis.eval(REVOKE, 1, sessionPrefix + key, userSessionsPrefix, key);
    },

    async revokeAllFor(username) {
      const live = await redis.eval(REVOKE_ALL, 1, userSessionsPrefix + username, sessionPrefix);
      return live as string[];
    },
  };
}
