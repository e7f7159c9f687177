import type { Redis } from 'ioredis';
import type { TargetLayer } from '../../shared/domain/targetSettings';
import type { RedisKeys } from './keys';

/** Target layers people set, one hash field each: `floor`, `team:<id>`, `rep:<id>` or `campaign:<id>`. */
export interface TargetsRepo {
  /** Every stored layer by field; unreadable ones are skipped. */
  all(): Promise<Map<string, TargetLayer>>;
  get(field: string): Promise<TargetLayer | undefined>;
  set(field: string, layer: TargetLayer): Promise<void>;
  /**
   * Read-modify-write of one layer, safe against concurrent writers on any instance: the change
   * is written only if the field still holds what was read (compare-and-set), else it is re-read
   * and applied again. Answers the layer written.
   */
  update(field: string, change: (layer: TargetLayer | undefined) => TargetLayer): Promise<TargetLayer>;
}

/** Sets the field to ARGV[3] only if it still holds ARGV[2] (ARGV[1] = '1' when it was absent). */
const COMPARE_AND_SET = `
local current = redis.call('HGET', KEYS[1], ARGV[1])
if ARGV[2] == '1' then
  if current then return 0 end
elseif current ~= ARGV[3] then
  return 0
end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[4])
return 1
`;

const MAX_ATTEMPTS = 50;

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
    async update(field, change) {
      for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
        const json = await redis.hget(keys.targets, field);
        const next = change(json === null ? undefined : parse(json));
        const written = await redis.eval(
          COMPARE_AND_SET,
          1,
          keys.targets,
          field,
          json === null ? '1' : '0',
          json ?? '',
          JSON.stringify(next),
        );
        if (Number(written) === 1) return next;
      }
      throw new Error(`targets ${field}: too many concurrent writers, try again`);
    },
  };
}
