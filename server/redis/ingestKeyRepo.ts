import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Redis } from 'ioredis';
import { INGEST_KEY_NAME, type IngestKeyView } from '../../shared/contracts/ingest';
import type { RedisKeys } from './keys';

/** A key's bearer token: `fbk_`, its public id (16 hex), `_`, its secret (32 random bytes, base64url). */
const TOKEN = /^fbk_([0-9a-f]{16})_([A-Za-z0-9_-]{43})$/;

export interface IngestKeyRepo {
  /** Throws IngestKeyError for a bad name or one a live key already has. */
  create(name: string, createdBy: string, now: number): Promise<{ key: IngestKeyView; secret: string }>;
  /** Every key, revoked ones too, oldest first; never a secret nor its hash. */
  list(): Promise<IngestKeyView[]>;
  /** The revoked key, or null when there is no such live key. */
  revoke(id: string, now: number): Promise<IngestKeyView | null>;
  /** The live key a bearer token stands for (and marks it used), or null. */
  verify(token: string, now: number): Promise<{ id: string; name: string } | null>;
}

export class IngestKeyError extends Error {
  override name = 'IngestKeyError';
  /** True when the name is taken (409), false when it is malformed (400). */
  constructor(
    message: string,
    readonly conflict = false,
  ) {
    super(message);
  }
}

const sha256 = (text: string) => createHash('sha256').update(text).digest();

// A name is unique among live keys: checked and taken in one step.
const CREATE = `
if redis.call('HEXISTS', KEYS[3], ARGV[2]) == 1 then return 0 end
redis.call('HSET', KEYS[1], 'id', ARGV[1], 'name', ARGV[2], 'hash', ARGV[3], 'createdBy', ARGV[4], 'createdAt', ARGV[5])
redis.call('ZADD', KEYS[2], ARGV[5], ARGV[1])
redis.call('HSET', KEYS[3], ARGV[2], ARGV[1])
return 1`;

// The hash goes at once: a revoked key can never authenticate again, whatever is cached anywhere.
const REVOKE = `
if redis.call('EXISTS', KEYS[1]) == 0 or redis.call('HEXISTS', KEYS[1], 'revokedAt') == 1 then return 0 end
local name = redis.call('HGET', KEYS[1], 'name')
redis.call('HDEL', KEYS[1], 'hash')
redis.call('HSET', KEYS[1], 'revokedAt', ARGV[1])
if name and redis.call('HGET', KEYS[2], name) == ARGV[2] then redis.call('HDEL', KEYS[2], name) end
return 1`;

// Marks the key used, only while it still exists and is live (never re-creates a revoked key's hash).
const TOUCH = `
if redis.call('HEXISTS', KEYS[1], 'hash') == 1 then redis.call('HSET', KEYS[1], 'lastUsedAt', ARGV[1]) end
return 1`;

function toView(fields: Record<string, string>): IngestKeyView | null {
  const createdAt = Number(fields.createdAt);
  if (!fields.id || !fields.name || !Number.isFinite(createdAt)) return null;
  const time = (value: string | undefined) => (value === undefined ? null : Number(value));
  return {
    id: fields.id,
    name: fields.name,
    createdBy: fields.createdBy ?? '',
    createdAt,
    lastUsedAt: time(fields.lastUsedAt),
    revokedAt: time(fields.revokedAt),
  };
}

/**
 * Per-source API keys for POST /api/ingest/events. Only sha-256 of the secret is stored (the
 * secret is 256 random bits, so a fast hash is enough); a presented secret is compared with it in
 * constant time. The id in the token finds the record; it is not secret.
 */
export function createIngestKeyRepo(redis: Redis, keys: RedisKeys): IngestKeyRepo {
  return {
    async create(rawName, createdBy, now) {
      const name = typeof rawName === 'string' ? rawName.trim() : '';
      if (!INGEST_KEY_NAME.test(name)) throw new IngestKeyError('must be 1-32 chars of A-Za-z0-9._-');
      const id = randomBytes(8).toString('hex');
      const secret = randomBytes(32).toString('base64url');
      const hash = sha256(secret).toString('hex');
      const args = [id, name, hash, createdBy, String(now)];
      const created = await redis.eval(CREATE, 3, keys.ingestKey(id), keys.ingestKeys, keys.ingestKeyNames, ...args);
      if (Number(created) !== 1) throw new IngestKeyError(`a live key is already named "${name}"`, true);
      const key: IngestKeyView = { id, name, createdBy, createdAt: now, lastUsedAt: null, revokedAt: null };
      return { key, secret: `fbk_${id}_${secret}` };
    },

    async list() {
      const ids = await redis.zrange(keys.ingestKeys, 0, -1);
      if (ids.length === 0) return [];
      const pipeline = redis.pipeline();
      for (const id of ids) pipeline.hgetall(keys.ingestKey(id));
      const views: IngestKeyView[] = [];
      for (const [err, fields] of (await pipeline.exec()) ?? []) {
        if (err) throw err;
        const view = toView(fields as Record<string, string>);
        if (view) views.push(view);
      }
      return views;
    },

    async revoke(id, now) {
      if (typeof id !== 'string' || !/^[0-9a-f]{16}$/.test(id)) return null;
      const done = await redis.eval(REVOKE, 2, keys.ingestKey(id), keys.ingestKeyNames, String(now), id);
      if (Number(done) !== 1) return null;
      return toView(await redis.hgetall(keys.ingestKey(id)));
    },

    async verify(token, now) {
      const match = typeof token === 'string' ? TOKEN.exec(token) : null;
      if (!match) return null;
      const [, id, secret] = match as unknown as [string, string, string];
      const [name, hash, revokedAt] = await redis.hmget(keys.ingestKey(id), 'name', 'hash', 'revokedAt');
      if (!name || !hash || revokedAt !== null || hash.length !== 64) return null;
      if (!timingSafeEqual(sha256(secret), Buffer.from(hash, 'hex'))) return null;
      await redis.eval(TOUCH, 1, keys.ingestKey(id), String(now));
      return { id, name };
    },
  };
}
