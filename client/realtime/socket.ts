import { io } from 'socket.io-client';
import type { Socket } from 'socket.io-client';
import { CLIENT_RECONNECT, type ClientToServerEvents, type ServerToClientEvents } from '../../shared/contracts/socket';

export type FloorSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** What the client hears: the contract's events plus socket.io's reserved connection events. */
export interface HeardEvents extends ServerToClientEvents {
  connect: () => void;
  disconnect: (reason: string) => void;
  connect_error: (err: Error) => void;
}

// Argument tuples rather than generic methods: socket.io's own generic signatures are then
// assignable to this interface, and a plain fake can implement it too.
type EmitArgs = {
  [E in keyof ClientToServerEvents]: [event: E, ...args: Parameters<ClientToServerEvents[E]>];
}[keyof ClientToServerEvents];
type ListenArgs = { [E in keyof HeardEvents]: [event: E, listener: HeardEvents[E]] }[keyof HeardEvents];

/** What bindRealtime needs of a socket: a real FloorSocket fits, and so does a small fake in tests. */
export interface RealtimeSocket {
  on(...args: ListenArgs): unknown;
  off(...args: ListenArgs): unknown;
  emit(...args: EmitArgs): unknown;
  connect(): unknown;
  disconnect(): unknown;
}

/**
 * Same-origin socket; the httpOnly session cookie set by /wallboard/<token> goes along.
 * Websocket only: no long-polling fallback, so several server instances need no sticky sessions.
 * Not connected yet, so that listeners are bound before the first snapshot can arrive.
 */
export function createSocket(): FloorSocket {
  return io({ transports: ['websocket'], withCredentials: true, autoConnect: false, ...CLIENT_RECONNECT });
}
