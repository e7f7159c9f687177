import type { Ack } from '../../shared/contracts/socket';
import type { CoachingNote } from '../../shared/domain/coaching';
import { acknowledgeNoteOverHttp } from '../api/coaching';
import type { ApiResult } from '../api/http';
import { useConnectionStore } from '../stores/connection';
import type { RealtimeSocket } from './socket';

/** How long to wait for the server's answer to a socket command before giving up. */
export const COMMAND_TIMEOUT_MS = 8000;

/** An answer from the server (an Ack), or status 0 when the command could not be delivered. */
export type CommandResult<T> = Ack<T> | { ok: false; status: 0; error: string };

const ACK_STATUSES = new Set<number>([400, 401, 403, 404, 429]);

// The one socket of the page, set by main.ts; components never touch the socket itself.
let current: RealtimeSocket | null = null;

export function setCommandSocket(socket: RealtimeSocket | null): void {
  current = socket;
}

/**
 * The rep acknowledges a coaching note: over the live socket when connected, else over HTTP.
 * Always resolves; the updated note also arrives to every viewer as `note:acked`.
 */
export function acknowledgeNote(id: string): Promise<CommandResult<CoachingNote>> {
  const socket = current;
  if (!socket || !useConnectionStore().connected) return acknowledgeOverHttp(id);
  return new Promise((resolve) => {
    const timer = setTimeout(
      () => resolve({ ok: false, status: 0, error: 'no answer from the server' }),
      COMMAND_TIMEOUT_MS,
    );
    socket.emit('note:ack', id, (result) => {
      clearTimeout(timer);
      resolve(result);
    });
  });
}

async function acknowledgeOverHttp(id: string): Promise<CommandResult<CoachingNote>> {
  return toCommandResult(await acknowledgeNoteOverHttp(id));
}

function toCommandResult<T>(result: ApiResult<T>): CommandResult<T> {
  if (result.ok) return result;
  if (ACK_STATUSES.has(result.status)) return { ok: false, status: result.status as 400, error: result.error };
  return { ok: false, status: 0, error: result.error };
}
