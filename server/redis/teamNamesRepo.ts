import type { Redis } from 'ioredis';
import type { RedisKeys } from './keys';

/** Team display names a supervisor set: one hash, team id -> name (a team without a field shows its id). */
export interface TeamNamesRepo {
  /** Every name, in a Map: a team id such as "__proto__" is a key like any other. */
  all(): Promise<Map<string, string>>;
  set(team: string, name: string): Promise<void>;
  clear(team: string): Promise<void>;
}

export function createTeamNamesRepo(redis: Redis, keys: Pick<RedisKeys, 'teamNames'>): TeamNamesRepo {
  return {
    async all() {
      // HGETALL's reply as pairs (ioredis guards its object against "__proto__", but a Map needs no guard).
      const names = new Map<string, string>();
      let cursor = '0';
      do {
        const [next, flat] = await redis.hscan(keys.teamNames, cursor, 'COUNT', 500);
        for (let i = 0; i + 1 < flat.length; i += 2) names.set(flat[i]!, flat[i + 1]!);
        cursor = next;
      } while (cursor !== '0');
      return names;
    },
    async set(team, name) {
      await redis.hset(keys.teamNames, team, name);
    },
    async clear(team) {
      await redis.hdel(keys.teamNames, team);
    },
  };
}
