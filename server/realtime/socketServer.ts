import type { Server as HttpServer } from 'node:http';
import { Server } from 'socket.io';
import type { FloorServer } from './floorServer';

/** Socket.IO on the HTTP server: websocket only (several instances need no sticky sessions). */
export function createSocketServer(httpServer: HttpServer): FloorServer {
  const io: FloorServer = new Server(httpServer, {
    transports: ['websocket'],
    maxHttpBufferSize: 16 * 1024,
    // Notice a vanished client within ~20 s instead of 45 s: what we keep for it is freed sooner.
    pingInterval: 10_000,
    pingTimeout: 10_000,
    serveClient: false,
  });
  // Engine.IO keeps each upgrade's response object until the connection closes (a 'close'
  // listener on the TCP socket), and through it the upgrade request: headers, raw headers and
  // stream state, some kilobytes per socket for its whole life. Only middlewares use it, and they
  // have all run once this one has (the gateway drops the engine socket's own reference).
  io.engine.use((_req: unknown, res: { req?: unknown }, next: () => void) => {
    next();
    if (res && 'req' in res) res.req = null;
  });
  return io;
}
