import type { Server, Socket } from 'socket.io';
import type { ClientToServerEvents, ServerToClientEvents, SocketData } from '../../shared/contracts/socket';

/**
 * The typed Socket.IO server and socket every piece of the gateway works with. Kept apart from
 * gateway.ts so that the pieces (feeds, outbox, snapshot sender) import downwards only.
 */
export type FloorServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
export type FloorSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
