import { z } from 'zod';
import type { Alert } from '../../shared/domain/alertTypes';
import type { CoachingNote } from '../../shared/domain/coaching';
import type { SessionEndReason } from '../../shared/contracts/socket';

/** What people changed; every server instance hears every message, its own included. */
export type BusMessage =
  | { type: 'note:added'; note: CoachingNote }
  | { type: 'note:acked'; note: CoachingNote }
  | { type: 'targets:changed' }
  | { type: 'sessions:ended'; keys: string[]; reason: SessionEndReason }
  | { type: 'alert:acked'; alert: Alert }
  | { type: 'alertSettings:changed' }
  | { type: 'callback:changed'; call: string }
  | { type: 'teamNames:changed' }
  | { type: 'reasons:changed' }
  | { type: 'handoff:changed'; lead: string };

/** Services publish through this; the transport is server/redis/bus.ts. */
export interface Bus {
  publish(message: BusMessage): Promise<void>;
}

const BUS_MESSAGE_TYPES = [
  'note:added',
  'note:acked',
  'targets:changed',
  'sessions:ended',
  'alert:acked',
  'alertSettings:changed',
  'callback:changed',
  'teamNames:changed',
  'reasons:changed',
  'handoff:changed',
] as const satisfies readonly BusMessage['type'][];

// Messages come from our own instances, but Redis is a boundary: check the shape anyway.
const envelope = z.object({ type: z.enum(BUS_MESSAGE_TYPES) }).loose();

/** The message in a raw bus payload, or null when it is not one of ours. */
export function parseBusMessage(raw: string): BusMessage | null {
  try {
    const parsed = envelope.safeParse(JSON.parse(raw));
    return parsed.success ? (parsed.data as BusMessage) : null;
  } catch {
    return null;
  }
}
