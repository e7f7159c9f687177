import type { Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import type { Redis } from 'ioredis';
import { Server } from 'socket.io';
import type { CallEvent } from '../shared/events/callEvent';
import type { Health } from '../shared/contracts/socket';
import { startOfDay } from '../shared/domain/day';
import { createLocalTime, MINUTE_MS, type Clock } from '../shared/time';
import type { StreamId } from '../shared/streamId';
import type { RosterEntry } from '../shared/domain/alerts';
import { createAccountRepo } from './redis/accountRepo';
import { createAlertMonitor } from './alerts/alertMonitor';
import { alertKeys, createAlertRepo } from './redis/alertRepo';
import { createKioskRepo } from './redis/kioskRepo';
import { createLoginThrottle } from './redis/loginThrottle';
import { createWriteLimiter, HTTP_WRITES, SOCKET_WRITES } from './redis/writeLimits';
import { createClientAddress } from './http/clientAddress';
import { createHttpServer } from './http/transport';
import { createSessionRepo } from './redis/sessionRepo';
import { createAuthenticator } from './auth/authenticate';
import { createBus, type Bus, type BusMessage } from './redis/bus';
import { createCoachingRepo } from './redis/coachingRepo';
import { createCoachingService } from './coaching/coachingService';
import type { Config } from './config';
import { createFloorServices } from './floorServices';
import { createCheckpoints, createCheckpointStore } from './days/checkpoint';
import type { FloorService } from './floor/floorService';
import { createHealthCheck } from './health';
import { createProcessMetrics } from './processMetrics';
import { createHttpRouter } from './http/router';
import { securityHeaders } from './http/securityHeaders';
import type { Log } from './log';
import { startCallEventReader, type CallEventReader } from './redis/callEventStream';
import { redisKeys } from './redis/keys';
import { createGateway, type FloorServer } from './realtime/gateway';

export interface AppDeps {
  config: Config;
  /** Command connection (writes, health, pub). */
  redis: Redis;
  /** Makes a blocking-read connection; the reader replaces it after failures. */
  connectBlocking: () => Redis;
  /** Makes the pub/sub subscriber connection. */
  connectSubscriber: () => Redis;
  clock: Clock;
  log: Log;
  /** For tests: a short BLOCK so that stop() and stuck-read detection are quick. */
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
  const { config, clock, log, redis } = deps;
  const keys = redisKeys(config);
  const localTime = createLocalTime(config.timeZone);
  const { settings, shift, targets, floor, trendRecorder, leaderboard, trends, dayBook } = createFloorServices({
    config,
    redis,
    keys,
    localTime,
    clock,
    log,
  });
  const accounts = createAccountRepo(redis, config.keyPrefix);
  const sessions = createSessionRepo(redis, config.keyPrefix, { ttlMs: config.sessionTtlMs });
  const kiosks = createKioskRepo(redis, config.keyPrefix);
  const authenticate = createAuthenticator({ sessions, accounts, kiosks });
  const notes = createCoachingRepo(redis, keys);
  // The bus exists once start() subscribed; until then nothing can publish (no requests yet).
  let bus: Bus | null = null;
  const busProxy: Bus = {
    publish: (message) => (bus ? bus.publish(message) : Promise.reject(new Error('not started'))),
    stop: async () => bus?.stop(),
  };
  const coaching = createCoachingService({ repo: notes, floor, bus: busProxy, clock });
  // The rep accounts are the floor's roster: who should be logged in at shift start.
  let roster: RosterEntry[] = [];
  async function refreshRoster(): Promise<void> {
    roster = (await accounts.list()).flatMap((u) => (u.role === 'rep' && u.rep ? [{ rep: u.rep, team: u.team }] : []));
  }
  const alerts = createAlertMonitor({
    floor,
    repo: createAlertRepo(redis, alertKeys(config.keyPrefix)),
    clock,
    localTime,
    shift,
    roster: () => roster,
    emit: {
      raised: (alert) => gateway.alertRaised(alert),
      updated: (alert) => gateway.alertUpdated(alert),
      goodNews: (news) => gateway.goodNews(news),
    },
    bus: busProxy,
  });

  const checkpoints = createCheckpoints({
    store: createCheckpointStore({
      redis,
      key: keys.checkpoint,
      hasEntry: async (id) => (await redis.xrange(keys.events, id, id)).length === 1,
      log: log.child('checkpoint'),
    }),
    floor,
    trendRecorder,
  });

  let reader: CallEventReader | null = null;
  let live = false;
  let ingestionLagMs: number | null = null;
  let lastHealth: Health = { redis: 'up', lagMs: null, lastReadAt: null, stale: false, deadLetters: 0 };
  const health = createHealthCheck({
    redis,
    deadLetterKey: keys.deadLetters,
    reader: () => reader?.status() ?? null,
    ingestionLagMs: () => ingestionLagMs,
    clock,
    staleAfterMs: config.staleAfterMs,
  });

  const processMetrics = createProcessMetrics();
  const clientAddress = createClientAddress(config.trustProxy);
  const web = express();
  web.disable('x-powered-by');
  web.set('trust proxy', clientAddress.expressSetting);
  web.use(securityHeaders);
  web.use(
    createHttpRouter({
      ...{ accounts, sessions, kiosks, authenticate, floor, notes, coaching, targets, settings, shift, clock, log },
      ...{ leaderboard, trends, alerts, redis, deadLetterStream: config.deadLetterStream },
      throttle: createLoginThrottle({ redis, keys, addressFailures: config.loginAddressFailures }),
      writes: createWriteLimiter(redis, keys, 'http', HTTP_WRITES),
      clientAddress,
      allowedOrigins: config.allowedOrigins,
      bus: busProxy,
      sessionTtlMs: config.sessionTtlMs,
      minuteOfDay: localTime.minuteOfDay,
      defaults: config.defaultTargets,
      health,
      processMetrics: () => processMetrics.read(),
      socketCount: () => io?.engine.clientsCount ?? 0,
      cursor: () => floor.cursor(),
      clientDir: config.clientDir,
      metricsToken: config.metricsToken,
    }),
  );
  const httpServer = createHttpServer(web, config, clientAddress, log.child('http'));
  const io: FloorServer = new Server(httpServer, {
    transports: ['websocket'],
    maxHttpBufferSize: 16 * 1024,
    // Notice a vanished client within ~20 s instead of 45 s: what we keep for it is freed sooner.
    pingInterval: 10_000,
    pingTimeout: 10_000,
    serveClient: false,
  });
  const gateway = createGateway({
    io,
    floor,
    coaching,
    authenticate,
    allowedOrigins: config.allowedOrigins,
    settings,
    health: () => lastHealth,
    clock,
    log: log.child('gateway'),
    floorDeltaIntervalMs: config.floorDeltaIntervalMs,
    socketWrites: createWriteLimiter(redis, keys, 'socket', SOCKET_WRITES),
    clientAddress,
    caps: {
      perSession: config.socketsPerSession,
      perWallboard: config.socketsPerWallboard,
      perAddress: config.connectionsPerAddress,
    },
  });

  async function refreshTargets(): Promise<void> {
    await targets.reload(floor.state().day ?? localTime.dayOf(clock()));
    gateway.publishChanges(floor.refreshAll(), []);
  }

  function onBatch(events: CallEvent[], cursor: StreamId): void {
    // Good news compares with the figures before the batch; not needed while replaying the day.
    const beforeViews = live
      ? new Map(floor.repViews([...new Set(events.map((e) => e.rep))]).map((v) => [v.id, v]))
      : null;
    const beforeTotals = live ? floor.totals() : null;
    // The trend recorder folds the batch in quarter-hour runs; its result is the floor's next state.
    const { changed, removed, closedDay } = floor.apply(events, cursor, (state, batch) =>
      trendRecorder.record(state, batch),
    );
    if (changed.length > 0 && beforeViews && beforeTotals)
      alerts
        .afterBatch(changed, beforeViews, beforeTotals)
        .catch((error: unknown) => log.warn('alerts failed', { error: String(error) }));
    if (events.length > 0) ingestionLagMs = Math.max(0, clock() - Math.max(...events.map((e) => e.at)));
    if (changed.length > 0 || removed.length > 0) gateway.publishChanges(changed, removed);
    if (closedDay) {
      // Keep yesterday for month-to-date targets, then re-spread today's.
      void dayBook
        .dayEnded(closedDay.day, closedDay.reps)
        .then(refreshTargets)
        .catch((error: unknown) => log.warn('closing the day failed', { error: String(error) }));
    }
  }

  function onBusMessage(message: BusMessage): void {
    if (message.type === 'note:added') gateway.noteAdded(message.note);
    else if (message.type === 'note:acked') gateway.noteAcked(message.note);
    else if (message.type === 'sessions:ended') gateway.endSessions(message.keys, message.reason);
    else if (message.type === 'alert:acked' || message.type === 'alertSettings:changed')
      alerts.onBus(message).catch((error: unknown) => log.warn('alert bus message failed', { error: String(error) }));
    else if (message.type === 'targets:changed')
      refreshTargets().catch((error: unknown) => log.warn('reloading targets failed', { error: String(error) }));
  }

  const timers: NodeJS.Timeout[] = [];
  let lastHealthSentAt = 0;
  async function tickHealth(): Promise<void> {
    const next = await health();
    const changed = next.stale !== lastHealth.stale || next.redis !== lastHealth.redis;
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
      bus = await createBus({
        redis,
        subscriber: deps.connectSubscriber(),
        channel: keys.bus,
        log: log.child('bus'),
        onMessage: onBusMessage,
      });
      // Wallboard tokens from the environment are listed and revoked like created ones.
      await kiosks.adopt(config.wallboardTokens, clock());
      await dayBook.closeYesterday();
      await dayBook.trim();
      await targets.reload(localTime.dayOf(clock()));
      await refreshRoster();
      await alerts.start();
      // Today's state is rebuilt from the stream itself, from the last checkpoint if there is one;
      // else from a quarter-hour before midnight, for entries stamped today that Redis accepted a
      // little earlier.
      const restored = await checkpoints.restore(localTime.dayOf(clock()));
      const from = restored ?? `${startOfDay(clock(), localTime.dayOf) - 15 * MINUTE_MS}-0`;
      reader = startCallEventReader(
        {
          connect: deps.connectBlocking,
          redis,
          keys,
          clock,
          log: log.child('reader'),
          onBatch,
          ...(deps.readerBlockMs !== undefined ? { blockMs: deps.readerBlockMs } : {}),
        },
        from,
      );
      await reader.caughtUp;
      log.info('replayed today', {
        reps: floor.state().reps.size,
        cursor: floor.cursor(),
        ...(restored ? { fromCheckpoint: restored } : {}),
      });
      // Only now: the replay must neither raise old alerts afresh nor celebrate old sales.
      alerts.goLive();
      live = true;
      await alerts.evaluate();
      await tickHealth();
      const quietly = (task: () => Promise<void>) => () => void task().catch(() => {});
      timers.push(setInterval(quietly(tickHealth), 1000));
      // Ranks move with nearly every dial on a big floor: a rep page hears its rank every 2 s at most.
      timers.push(setInterval(quietly(gateway.publishRanks), 2000));
      timers.push(setInterval(quietly(dayBook.saveToday), 30_000));
      // A restart folds only what came after the last checkpoint (a deploy: after stop()'s).
      timers.push(setInterval(quietly(checkpoints.save), 60_000));
      timers.push(setInterval(quietly(dayBook.trim), 3600_000));
      // A client that stops reading must not hold the server's memory: 4 MB unsent and it goes.
      timers.push(setInterval(() => gateway.dropSlowConsumers(4 * 1024 * 1024), 2000));
      timers.push(setInterval(quietly(alerts.evaluate), 1000));
      timers.push(setInterval(quietly(refreshRoster), 60_000));
      // A reconnect storm is thousands of connects at once: with Node's default backlog (511) the
      // kernel drops the rest and their screens wait out TCP's SYN retries (1, 3, 7 s).
      await new Promise<void>((resolve) =>
        httpServer.listen({ port: config.port, host: config.host, backlog: 4096 }, resolve),
      );
      // A kill -9 from now on needs to fold only what comes after this.
      void checkpoints.save().catch((error: unknown) => log.warn('checkpoint failed', { error: String(error) }));
      return (httpServer.address() as AddressInfo).port;
    },
    async stop() {
      for (const timer of timers) clearInterval(timer);
      gateway.stop();
      await reader?.stop();
      await dayBook.saveToday().catch(() => {});
      await checkpoints.save().catch(() => {});
      await bus?.stop();
      processMetrics.stop();
      await io.close(); // also closes httpServer
    },
  };
}
