import type { Config } from '../config';

/** Open sockets per key (a session, a wallboard token, a client address) on this instance. */
export function createSocketCounts() {
  const counts = new Map<string, number>();
  return {
    count: (key: string) => counts.get(key) ?? 0,
    add(key: string) {
      counts.set(key, (counts.get(key) ?? 0) + 1);
    },
    remove(key: string) {
      const left = (counts.get(key) ?? 1) - 1;
      if (left > 0) counts.set(key, left);
      else counts.delete(key);
    },
  };
}

/** The gateway's caps from the configuration (FLOORBOARD_SOCKETS_PER_* and _CONNECTIONS_PER_ADDRESS). */
export function socketCapsOf(
  config: Pick<Config, 'socketsPerSession' | 'socketsPerWallboard' | 'connectionsPerAddress'>,
) {
  return {
    perSession: config.socketsPerSession,
    perWallboard: config.socketsPerWallboard,
    perAddress: config.connectionsPerAddress,
  };
}
