import { randomBytes } from 'node:crypto';
import { ensureRedisServerInstalled, startRedisServer, type RedisServerHandle } from '../../server/dev/redisServer';

export { ensureRedisServerInstalled, startRedisServer, findFreePort } from '../../server/dev/redisServer';
export type { RedisServerHandle, RedisServerOptions } from '../../server/dev/redisServer';

/** A private redis-server for one test (e.g. to restart or pause it); installs it when allowed. */
export async function startTestRedis(appendOnly = true): Promise<RedisServerHandle> {
  await ensureRedisServerInstalled();
  return startRedisServer({ appendOnly });
}

/** A fresh key prefix, so that tests sharing the global redis-server never see each other's keys. */
export function randomKeyPrefix(label = 'test'): string {
  return `${label}:${randomBytes(6).toString('hex')}:`;
}
