import { Redis, type RedisOptions } from 'ioredis';
import type { Config } from '../config';

/** Where Redis is: a URL, or Sentinel (the URL then gives only the password, the db and TLS). */
export type RedisTarget = string | Pick<Config, 'redisUrl' | 'sentinel'>;

/** The client type the composition root passes around (only server/redis/ imports ioredis). */
export type RedisClient = Redis;

/**
 * The command connection fails fast while Redis is away (health turns 503 at once) instead
 * of queueing writes forever.
 */
export function createCommandConnection(target: RedisTarget): Redis {
  return connect(target, { enableOfflineQueue: true, maxRetriesPerRequest: 1, connectionName: 'floorboard' });
}

/**
 * Blocking reads get a connection of their own: a read waiting on a shared one would hold up
 * every other command. maxRetriesPerRequest null lets a read wait through a reconnect instead of
 * failing after one retry; a read that never returns is the reader's watchdog's job.
 */
export function createBlockingConnection(target: RedisTarget): Redis {
  return connect(target, { maxRetriesPerRequest: null, connectionName: 'floorboard:reader' });
}

function connect(target: RedisTarget, options: RedisOptions): Redis {
  if (typeof target === 'string') return new Redis(target, options);
  if (!target.sentinel) return new Redis(target.redisUrl, options);
  // ioredis asks the sentinels for the primary on every (re)connect and checks its role, so a
  // promoted replica is found after a fail-over; a connection still open to a demoted primary
  // answers READONLY to writes: reconnect then, to whoever is primary now.
  return new Redis(target.redisUrl, {
    ...options,
    sentinels: target.sentinel.sentinels,
    name: target.sentinel.name,
    reconnectOnError: (error) => error.message.startsWith('READONLY'),
  });
}
