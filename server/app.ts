import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import type { Redis } from 'ioredis';
import { Server } from 'socket.io';
import type { CallEvent } from '../shared/events/callEvent';
import type { FloorSettings, Health } from '../shared/contracts/socket';
import { startOfDay } from '../shared/domain/day';
import { createLocalTime, MINUTE_MS, type Clock } from '../shared/time';
import type { StreamId } from '../shared/streamId';
import { createWallboardAuth } from './auth/wallboardAuth';
import type { Config } from './config';
import { createFloorService, type FloorService } from './floor/floorService';
import { createHealthCheck } from './health';
import { createHttpRouter } from './http/router';
import { securityHeaders } from './http/securityHeaders';
import type { Log } from './log';
import { startCallEventReader, type CallEventReader } from './redis/callEventStream';
import { redisKeys } from './redis/keys';
import { createGateway, type FloorServer } from './realtime/gateway';

export interface AppDeps {
  config: Config;
  /** Command connection (dead letters, health). */
  redis: Redis;
  /** Makes a blocking-read connection; the reader replaces it after failures. */
  connectBlocking: () => Redis;
  clock: Clock;
  log: Log;
  /** Options for tests: a short BLOCK so that stop() and stuck-read detection are quick. */
  readerBlockMs?: number;
}

export interface App {
  httpServer: HttpServer;
  io: FloorServer;
  floor: FloorService;
  reader(): CallEventReader | null;
  health(): Promise<Health>;
  /** Replays today's stream, then listens; resolves with the bound port. */
  start(): Promise<number>;
  stop(): Promise<void>;
}

/** Wires the pieces together; main.ts and the integration tests are its only callers. */
export function createApp(deps: AppDeps): App {
  const { config, clock, log } = deps;
  const keys = redisKeys(config);
  const localTime = createLocalTime(config.timeZone);
  const settings: FloorSettings = {
    timeZone: config.timeZone,
    shiftStart: config.shiftStart,
    shiftEnd: config.shiftEnd,
    effectiveCallSeconds: config.effectiveCallSeconds,
  };
  const floor = createFloorService({
    rules: { effectiveCallMs: config.effectiveCallSeconds * 1000, dayOf: localTime.dayOf },
    targetsFor: () => config.defaultTargets,
    today: localTime.dayOf(clock()),
  });
  let reader: CallEventReader | null = null;
  let ingestionLagMs: number | null = null;
  const health = createHealthCheck({
    redis: deps.redis,
    deadLetterKey: keys.deadLetters,
    reader: () => reader?.status() ?? null,
    ingestionLagMs: () => ingestionLagMs,
    clock,
    staleAfterMs: config.staleAfterMs,
  });

  const web = express();
  web.disable('x-powered-by');
  web.use(securityHeaders);
  web.use(
    createHttpRouter({
      floor,
      authenticate: createWallboardAuth(config.wallboardTokens),
      allowedOrigins: config.allowedOrigins,
      settings,
      health,
      cursor: () => floor.cursor(),
      clock,
      clientDir: config.clientDir,
    }),
  );
  const httpServer = createServer(web);
  const io: FloorServer = new Server(httpServer, {
    transports: ['websocket'],
    maxHttpBufferSize: 16 * 1024,
    serveClient: false,
  });
  let lastHealth: Health | null = null;
  const gateway = createGateway({
    io,
    floor,
    authenticate: createWallboardAuth(config.wallboardTokens),
    allowedOrigins: config.allowedOrigins,
    snapshotExtras: () => ({
      settings,
      health: lastHealth ?? { redis: 'up', lagMs: ingestionLagMs, lastReadAt: null, stale: false, deadLetters: 0 },
    }),
    clock,
    log: log.child('gateway'),
    floorDeltaIntervalMs: config.floorDeltaIntervalMs,
  });

  function onBatch(events: CallEvent[], cursor: StreamId): void {
    const { changed, removed } = floor.apply(events, cursor);
    if (events.length > 0) ingestionLagMs = Math.max(0, clock() - Math.max(...events.map((e) => e.at)));
    if (changed.length > 0 || removed.length > 0) gateway.publishChanges(changed, removed);
  }

  let healthTimer: NodeJS.Timeout | null = null;
  let lastHealthSentAt = 0;
  async function tickHealth(): Promise<void> {
    const next = await health();
    const changed = !lastHealth || next.stale !== lastHealth.stale || next.redis !== lastHealth.redis;
    lastHealth = next;
    // A heartbeat every 10 s lets a screen tell "quiet floor" from "frozen server".
    if (changed || clock() - lastHealthSentAt >= 10_000) {
      lastHealthSentAt = clock();
      gateway.publishHealth(next);
    }
  }

  return {
    httpServer,
    io,
    floor,
    reader: () => reader,
    health,
    async start() {
      // Today's state is rebuilt from the stream itself; a quarter-hour before midnight
      // catches entries stamped today that Redis accepted a little earlier.
      const from = startOfDay(clock(), localTime.dayOf) - 15 * MINUTE_MS;
      reader = startCallEventReader(
        {
          connect: deps.connectBlocking,
          redis: deps.redis,
          keys,
          clock,
          log: log.child('reader'),
          onBatch,
          ...(deps.readerBlockMs !== undefined ? { blockMs: deps.readerBlockMs } : {}),
        },
        `${from}-0`,
      );
      await reader.caughtUp;
      log.info('replayed today', { reps: floor.state().reps.size, cursor: floor.cursor() });
      await tickHealth();
      healthTimer = setInterval(() => void tickHealth().catch(() => {}), 1000);
      await new Promise<void>((resolve) => httpServer.listen(config.port, config.host, resolve));
      return (httpServer.address() as AddressInfo).port;
    },
    async stop() {
      if (healthTimer) clearInterval(healthTimer);
      gateway.stop();
      await reader?.stop();
      await io.close(); // also closes httpServer
    },
  };
}
