import type { Redis } from 'ioredis';
import type { TargetLayer } from '../../shared/domain/targetSettings';
import type { RedisKeys } from './keys';

/** Target layers people set, one hash field each: `floor`, `team:<id>` or `rep:<id>`. */
export interface TargetsRepo {
  /** Every stored layer by field; unreadable ones are skipped. */
  all(): Promise<Map<string, TargetLayer>>;
  get(field: string): Promise<TargetLayer | undefined>;
  set(field: string, layer: TargetLayer): Promise<void>;
}

export function createTargetsRepo(redis: Redis, keys: Pick<RedisKeys, 'targets'>): TargetsRepo {
  const parse = (json: string): TargetLayer | undefined => {
    try {
      return JSON.parse(json) as TargetLayer;
    } catch {
      return undefined;
    }
  };
  return {
    async all() {
      const layers = new Map<string, TargetLayer>();
      for (const [field, json] of Object.entries(await redis.hgetall(keys.targets))) {
        const layer = parse(json);
        if (layer) layers.set(field, layer);
      }
      return layers;
    },
    async get(field) {
      const json = await redis.hget(keys.targets, field);
      return json === null ? undefined : parse(json);
    },
    async set(field, layer) {
      await redis.hset(keys.targets, field, JSON.stringify(layer));
    },
  };
}
