import { Redis } from 'ioredis';

/** The client type the composition root passes around (only server/redis/ imports ioredis). */
export type RedisClient = Redis;

/**
 * The command connection fails fast while Redis is away (health turns 503 at once) instead
 * of queueing writes forever.
 */
export function createCommandConnection(url: string): Redis {
  return new Redis(url, { enableOfflineQueue: true, maxRetriesPerRequest: 1, connectionName: 'floorboard' });
}

/**
 * Blocking reads (XREAD BLOCK) get a connection of their own: a read waiting on a shared one would
 * hold up every other command. maxRetriesPerRequest null lets a read wait through a reconnect
 * instead of failing after one retry; a read that never returns is the reader's watchdog's job.
 */
export function createBlockingConnection(url: string): Redis {
  return new Redis(url, { maxRetriesPerRequest: null, connectionName: 'floorboard:reader' });
}
