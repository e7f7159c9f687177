import type { Redis } from 'ioredis';
import { DEFAULT_CATALOGUE, catalogueResponseSchema, type Catalogue } from '../../shared/domain/reasonCatalogue';
import type { RedisKeys } from './keys';

export type CatalogueWrite = { ok: true; catalogue: Catalogue } | { ok: false; version: number };

/**
 * The reason and feedback-tag catalogue: one hash, `version` and `doc` (the JSON entries and
 * aliases). Nothing stored means the shipped defaults at version 0. A write names the version it
 * was edited from and lands only if that is still the stored one (one Lua script: of 100
 * concurrent edits from the same version exactly one wins; the others learn the version now).
 */
export interface ReasonCatalogueRepo {
  get(): Promise<Catalogue>;
  put(expectedVersion: number, next: Omit<Catalogue, 'version'>): Promise<CatalogueWrite>;
}

// KEYS[1] the hash; ARGV: expected version, doc. Returns { 1, new version } or { 0, current version }.
const PUT = `
local v = tonumber(redis.call('HGET', KEYS[1], 'version') or '0')
if v ~= tonumber(ARGV[1]) then return { 0, v } end
redis.call('HSET', KEYS[1], 'version', v + 1, 'doc', ARGV[2])
return { 1, v + 1 }
`;

export function createReasonCatalogueRepo(redis: Redis, keys: Pick<RedisKeys, 'reasonCatalogue'>): ReasonCatalogueRepo {
  return {
    async get() {
      const [version, doc] = await redis.hmget(keys.reasonCatalogue, 'version', 'doc');
      if (version == null || doc == null) return DEFAULT_CATALOGUE;
      try {
        const parsed = catalogueResponseSchema.safeParse({ ...(JSON.parse(doc) as object), version: Number(version) });
        if (parsed.success) return parsed.data;
      } catch {
        // fall through: a damaged document reads as the defaults until a supervisor saves again
      }
      return { ...DEFAULT_CATALOGUE, version: Number(version) || 0 };
    },
    async put(expectedVersion, next) {
      const doc = JSON.stringify({ entries: next.entries, aliases: next.aliases });
      const [ok, version] = (await redis.eval(PUT, 1, keys.reasonCatalogue, String(expectedVersion), doc)) as [
        number,
        number,
      ];
      return ok === 1 ? { ok: true, catalogue: { ...next, version } } : { ok: false, version };
    },
  };
}
