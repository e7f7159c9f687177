import { createServer, type RequestListener, type Server } from 'node:http';
import type { Log } from '../log';
import type { ClientAddress } from './clientAddress';

export interface TransportLimits {
  /** A request's headers must be complete within this long after the connection opens (slowloris). */
  headersTimeoutMs: number;
  /** An idle keep-alive connection is closed after this long. */
  idleTimeoutMs: number;
  /** Open TCP connections from one client address (not counted for a trusted proxy's own address). */
  connectionsPerAddress: number;
}

/** A whole request (headers and body) must arrive within this long. */
const REQUEST_TIMEOUT_MS = 30_000;

/**
 * The HTTP server with its edges bounded: slow or idle connections are closed, and one client
 * address cannot hold more than its share of the process's file descriptors, so a flood of
 * half-open requests from one client leaves /healthz and everyone else answered. WebSocket
 * connections leave the HTTP timeouts once upgraded, but stay counted against their address.
 */
export function createHttpServer(
  handler: RequestListener,
  limits: TransportLimits,
  clientAddress: ClientAddress,
  log: Log,
): Server {
  const server = createServer(
    {
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: Math.max(REQUEST_TIMEOUT_MS, limits.headersTimeoutMs),
      keepAliveTimeout: limits.idleTimeoutMs,
      // Node checks the timeouts above on this period (30 s by default): too slow to matter.
      connectionsCheckingInterval: Math.min(1000, Math.ceil(limits.headersTimeoutMs / 2)),
    },
    handler,
  );
  const open = new Map<string, number>();
  let lastWarnedAt = 0;
  server.on('connection', (socket) => {
    // Node's headers timeout starts with the first byte: a connection that sends none is closed here.
    const silent = setTimeout(() => {
      if (socket.bytesRead === 0) socket.destroy();
    }, limits.headersTimeoutMs);
    silent.unref();
    socket.once('close', () => clearTimeout(silent));

    const peer = socket.remoteAddress;
    if (!peer || clientAddress.isProxy(peer)) return;
    const count = (open.get(peer) ?? 0) + 1;
    if (count > limits.connectionsPerAddress) {
      socket.destroy();
      if (Date.now() - lastWarnedAt > 10_000) {
        lastWarnedAt = Date.now();
        log.warn('connections refused: too many from one address', {
          address: peer,
          limit: limits.connectionsPerAddress,
        });
      }
      return;
    }
    open.set(peer, count);
    socket.once('close', () => {
      const left = (open.get(peer) ?? 1) - 1;
      if (left > 0) open.set(peer, left);
      else open.delete(peer);
    });
  });
  return server;
}
