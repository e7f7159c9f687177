import type { Redis } from 'ioredis';
import { z } from 'zod';
import type { Alert } from '../../shared/domain/alertTypes';
import type { CoachingNote } from '../../shared/domain/coaching';
import type { SessionEndReason } from '../../shared/contracts/socket';
import type { Log } from '../log';

/** What people changed; every server instance hears every message, its own included. */
export type BusMessage =
  | { type: 'note:added'; note: CoachingNote }
  | { type: 'note:acked'; note: CoachingNote }
  | { type: 'targets:changed' }
  | { type: 'sessions:ended'; keys: string[]; reason: SessionEndReason }
  | { type: 'alert:acked'; alert: Alert }
  | { type: 'alertSettings:changed' };

export interface Bus {
  publish(message: BusMessage): Promise<void>;
  stop(): Promise<void>;
}

// Messages come from our own instances, but Redis is a boundary: check the shape anyway.
const envelope = z
  .object({
    type: z.enum([
      'note:added',
      'note:acked',
      'targets:changed',
      'sessions:ended',
      'alert:acked',
      'alertSettings:changed',
    ]),
  })
  .loose();

/**
 * Redis pub/sub between instances: a note sent through one server reaches a rep connected to
 * another. Handling goes through the subscription even locally, so there is one path.
 */
export async function createBus(deps: {
  redis: Redis;
  subscriber: Redis;
  channel: string;
  log: Log;
  onMessage: (message: BusMessage) => void;
}): Promise<Bus> {
  deps.subscriber.on('message', (channel: string, raw: string) => {
    if (channel !== deps.channel) return;
    try {
      const parsed = envelope.safeParse(JSON.parse(raw));
      if (parsed.success) deps.onMessage(parsed.data as BusMessage);
      else deps.log.warn('ignored a malformed bus message');
    } catch (error) {
      deps.log.warn('bus message failed', { error: String(error) });
    }
  });
  await deps.subscriber.subscribe(deps.channel);
  return {
    async publish(message) {
      await deps.redis.publish(deps.channel, JSON.stringify(message));
    },
    async stop() {
      deps.subscriber.disconnect();
    },
  };
}
