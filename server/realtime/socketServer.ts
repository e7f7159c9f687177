import type { Server as HttpServer } from 'node:http';
import { Server } from 'socket.io';
import type { FloorServer } from './floorServer';

/** Socket.IO on the HTTP server: websocket only (several instances need no sticky sessions). */
export function createSocketServer(httpServer: HttpServer): FloorServer {
  return new Server(httpServer, {
    transports: ['websocket'],
    maxHttpBufferSize: 16 * 1024,
    // Notice a vanished client within ~20 s instead of 45 s: what we keep for it is freed sooner.
    pingInterval: 10_000,
    pingTimeout: 10_000,
    serveClient: false,
  });
}
