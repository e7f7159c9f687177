import type { Redis } from 'ioredis';
import { parseBusMessage, type Bus, type BusMessage } from '../bus/busMessage';
import type { Log } from '../log';

/**
 * Redis pub/sub between instances: a note sent through one server reaches a rep connected to
 * another. Handling goes through the subscription even locally, so there is one path.
 */
export function createBusPublisher(redis: Redis, channel: string): Bus {
  return {
    async publish(message) {
      await redis.publish(channel, JSON.stringify(message));
    },
  };
}

/** Listens on the bus channel until stop(). */
export async function subscribeToBus(deps: {
  subscriber: Redis;
  channel: string;
  log: Log;
  onMessage: (message: BusMessage) => void;
}): Promise<{ stop(): void }> {
  deps.subscriber.on('message', (channel: string, raw: string) => {
    if (channel !== deps.channel) return;
    const message = parseBusMessage(raw);
    if (message) deps.onMessage(message);
    else deps.log.warn('ignored a malformed bus message');
  });
  await deps.subscriber.subscribe(deps.channel);
  return { stop: () => deps.subscriber.disconnect() };
}
