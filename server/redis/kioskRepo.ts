import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { accountKeys } from './keys';
import type { KioskView } from '../../shared/contracts/http';
import { isWellFormedToken, newToken, sessionKeyOf } from './sessionRepo';

export interface KioskRepo {
  /** Throws KioskNameError unless the trimmed name is 1-60 printable characters. */
  create(name: string, createdBy: string, now: number): Promise<{ kiosk: KioskView; token: string }>;
  /** Oldest first. */
  list(): Promise<KioskView[]>;
  lookup(token: string): Promise<(KioskView & { key: string }) | null>;
  /** The revoked kiosk's key (to close its sockets), or null when there is no such kiosk. */
  revoke(id: string): Promise<string | null>;
  /**
   * Stores wallboard tokens from the environment (FLOORBOARD_WALLBOARD_TOKENS) like created ones,
   * so they are listed and revoked the same way. Once revoked, a token stays revoked although
   * it is still in the environment; returns how many were new.
   */
  adopt(tokens: readonly string[], now: number): Promise<number>;
}

export class KioskNameError extends Error {
  override name = 'KioskNameError';
}

export const KIOSK_NAME_MAX = 60;

/** The name as stored: trimmed, 1-60 characters, no control characters (it is shown on screens). */
export function normalizeKioskName(name: string): string {
  const trimmed = typeof name === 'string' ? name.trim() : '';
  // eslint-disable-next-line no-control-regex
  if (trimmed.length < 1 || trimmed.length > KIOSK_NAME_MAX || /[\u0000-\u001f\u007f]/.test(trimmed)) {
    throw new KioskNameError(`kiosk name must be 1-${KIOSK_NAME_MAX} characters`);
  }
  return trimmed;
}

const REVOKE = `
local key = redis.call('HGET', KEYS[1], ARGV[1])
if not key then return false end
redis.call('DEL', ARGV[2] .. key)
redis.call('HDEL', KEYS[1], ARGV[1])
if string.sub(ARGV[1], 1, 4) == 'env-' then redis.call('SADD', KEYS[2], key) end
return key`;

// An environment token is stored once, and never again after it was revoked.
const ADOPT = `
if redis.call('SISMEMBER', KEYS[3], ARGV[2]) == 1 then return 0 end
if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
redis.call('HSET', KEYS[1], 'id', ARGV[1], 'name', ARGV[3], 'createdBy', 'environment', 'createdAt', ARGV[4])
redis.call('HSET', KEYS[2], ARGV[1], ARGV[2])
return 1`;

function toView(fields: Record<string, string>): KioskView | null {
  const createdAt = Number(fields.createdAt);
  if (!fields.id || !fields.name || !Number.isFinite(createdAt)) return null;
  return { id: fields.id, name: fields.name, createdBy: fields.createdBy ?? '', createdAt };
}

/**
 * Kiosk tokens are long-lived and unlike sessions do not expire: a TV on the wall should not
 * need someone to sign it in again. Like sessions, only sha256(token) is stored.
 */
export function createKioskRepo(redis: Redis, prefix: string): KioskRepo {
  const { kioskPrefix, kiosks: indexKey, revokedEnvKiosks: revokedEnvKey } = accountKeys(prefix);

  return {
    async create(rawName, createdBy, now) {
      const name = normalizeKioskName(rawName);
      const { token, key } = newToken();
      const kiosk: KioskView = { id: randomUUID(), name, createdBy, createdAt: now };
      const replies = await redis
        .multi()
        .hset(kioskPrefix + key, { ...kiosk, createdAt: String(now) })
        .hset(indexKey, kiosk.id, key)
        .exec();
      for (const [err] of replies ?? []) if (err) throw err;
      return { kiosk, token };
    },

    async list() {
      const index = await redis.hgetall(indexKey);
      const keys = Object.values(index);
      if (keys.length === 0) return [];
      const pipeline = redis.pipeline();
      for (const key of keys) pipeline.hgetall(kioskPrefix + key);
      const kiosks: KioskView[] = [];
      for (const [err, fields] of (await pipeline.exec()) ?? []) {
        if (err) throw err;
        const view = toView(fields as Record<string, string>);
        if (view) kiosks.push(view);
      }
      return kiosks.sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1));
    },

    async lookup(token) {
      if (!isWellFormedToken(token)) return null;
      const key = sessionKeyOf(token);
      const view = toView(await redis.hgetall(kioskPrefix + key));
      return view ? { ...view, key } : null;
    },

    async revoke(id) {
      if (typeof id !== 'string' || id.length === 0 || id.length > 64) return null;
      const key = await redis.eval(REVOKE, 2, indexKey, revokedEnvKey, id, kioskPrefix);
      return typeof key === 'string' ? key : null;
    },

    async adopt(tokens, now) {
      let added = 0;
      for (const [i, token] of tokens.entries()) {
        const key = sessionKeyOf(token);
        const id = `env-${key.slice(0, 12)}`;
        const name = `Wallboard ${i + 1} (environment)`;
        added += Number(
          await redis.eval(ADOPT, 3, kioskPrefix + key, indexKey, revokedEnvKey, id, key, name, String(now)),
        );
      }
      return added;
    },
  };
}
