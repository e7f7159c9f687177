import type { Server } from 'socket.io';
import {
  rooms,
  type ClientToServerEvents,
  type FloorSnapshot,
  type Health,
  type ServerToClientEvents,
  type SocketData,
} from '../../shared/contracts/socket';
import type { Clock } from '../../shared/time';
import type { Authenticate } from '../auth/wallboardAuth';
import { originAllowed, tokenFromHeaders } from '../auth/requestToken';
import type { FloorService } from '../floor/floorService';
import type { Log } from '../log';
import { createFloorPublisher, type FloorPublisher } from './floorPublisher';

export type FloorServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

export interface GatewayDeps {
  io: FloorServer;
  floor: FloorService;
  authenticate: Authenticate;
  allowedOrigins: readonly string[];
  snapshotExtras: () => Pick<FloorSnapshot, 'settings' | 'health'>;
  clock: Clock;
  log: Log;
  floorDeltaIntervalMs: number;
}

export interface Gateway {
  /** Call after every applied batch with the reps it changed. */
  publishChanges(changed: readonly string[], removed: readonly string[]): void;
  publishHealth(health: Health): void;
  stop(): void;
}

/** Maps floor changes to room emits; the only module that talks to sockets. */
export function createGateway(deps: GatewayDeps): Gateway {
  const { io, floor, clock } = deps;

  io.use((socket, next) => {
    const headers = socket.handshake.headers;
    if (!originAllowed(headers.origin, headers.host, deps.allowedOrigins)) return next(new Error('origin not allowed'));
    const auth = socket.handshake.auth as { token?: unknown } | undefined;
    const token = typeof auth?.token === 'string' ? auth.token : tokenFromHeaders(headers);
    const viewer = deps.authenticate(token);
    if (!viewer) return next(new Error('unauthorized'));
    socket.data.viewer = viewer;
    next();
  });

  const floorPublisher: FloorPublisher = createFloorPublisher({
    intervalMs: deps.floorDeltaIntervalMs,
    now: clock,
    send(seq, repIds, removed) {
      const view = floor.summary();
      io.to(rooms.floor()).emit('floor:delta', {
        seq,
        cursor: floor.cursor(),
        serverNow: clock(),
        day: view.day,
        reps: floor.repViews(repIds),
        removed,
        teams: view.teams,
        totals: view.totals,
      });
    },
  });

  function snapshot(): FloorSnapshot {
    return {
      ...floor.view(),
      ...deps.snapshotExtras(),
      seq: floorPublisher.seq(),
      cursor: floor.cursor(),
      serverNow: clock(),
    };
  }

  io.on('connection', (socket) => {
    // Every viewer kind so far sees the whole floor; roles narrow this later.
    void socket.join(rooms.floor());
    socket.emit('floor:snapshot', snapshot());
    // A snapshot is the most expensive thing a client can ask for: one a second at most.
    let lastResyncAt = 0;
    socket.on('floor:resync', () => {
      if (clock() - lastResyncAt < 1000) return;
      lastResyncAt = clock();
      socket.emit('floor:snapshot', snapshot());
    });
  });

  return {
    publishChanges: (changed, removed) => floorPublisher.changed(changed, removed),
    publishHealth: (health) => io.to(rooms.floor()).emit('health:changed', { ...health, serverNow: clock() }),
    stop: () => floorPublisher.stop(),
  };
}
