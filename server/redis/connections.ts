import { Redis } from 'ioredis';

/**
 * The command connection fails fast while Redis is away (health turns 503 at once) instead
 * of queueing writes forever.
 */
export function createCommandConnection(url: string): Redis {
  return new Redis(url, { enableOfflineQueue: true, maxRetriesPerRequest: 1, connectionName: 'floorboard' });
}

/** Blocking reads get a connection of their own that waits through reconnects (ENGINEERING.md). */
export function createBlockingConnection(url: string): Redis {
  return new Redis(url, { maxRetriesPerRequest: null, connectionName: 'floorboard:reader' });
}
