import { createServer, type Server as HttpServer } from 'node:http';
import express from 'express';
import type { Redis } from 'ioredis';
import { Server } from 'socket.io';
import type { Health } from '../shared/contracts/socket';
import { createLocalTime, type Clock } from '../shared/time';
import { createAlertMonitor } from './alerts/alertMonitor';
import { createRoster } from './alerts/roster';
import { createBusDispatch } from './bus/busDispatch';
import type { Config } from './config';
import { createCheckpoints } from './days/checkpoint';
import type { FloorService } from './floor/floorService';
import { createHealthCheck } from './health';
import { createHttpRouter } from './http/router';
import { securityHeaders } from './http/securityHeaders';
import { createIngest } from './ingest/ingest';
import { createRepAdmission } from './ingest/repAdmission';
import { floorJobs } from './jobs';
import { createLifecycle } from './lifecycle';
import type { Log } from './log';
import { createProcessMetrics } from './processMetrics';
import { subscribeToBus } from './redis/bus';
import { startCallEventReader, type CallEventReader } from './redis/callEventStream';
import { createStores } from './redis/stores';
import type { FloorServer } from './realtime/floorServer';
import { createGateway } from './realtime/gateway';
import { createHealthBeat } from './realtime/healthBeat';
import { startSchedule } from './schedule';
import { createServices } from './services';
import { createTargetRefresh } from './targets/refreshTargets';

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

/** Wires the pieces together (no logic, no timers); main.ts and the integration tests are its only callers. */
export function createApp(deps: AppDeps): App {
  const { config, clock, log, redis } = deps;
  const localTime = createLocalTime(config.timeZone);
  const stores = createStores(redis, config);
  const { keys } = stores;
  const services = createServices({ config, stores, localTime, clock });
  const { settings, shift, targets, floor, trendRecorder, dayBook, authenticate, coaching } = services;
  const health = createHealthCheck({
    ...{ redis, deadLetters: stores.deadLetters, clock, staleAfterMs: config.staleAfterMs },
    reader: () => lifecycle.reader()?.status() ?? null,
    ingestionLagMs: () => ingest.lagMs(),
  });
  const web = express().disable('x-powered-by').use(securityHeaders);
  const httpServer = createServer(web);
  // Notice a vanished client within ~20 s instead of 45 s: what we keep for it is freed sooner.
  const socketOptions = { transports: ['websocket' as const], maxHttpBufferSize: 16 * 1024, serveClient: false };
  const io: FloorServer = new Server(httpServer, { ...socketOptions, pingInterval: 10_000, pingTimeout: 10_000 });
  const healthBeat = createHealthBeat({ check: health, publish: (h) => gateway.publishHealth(h), clock });
  const gateway = createGateway({
    ...{ io, floor, coaching, authenticate, allowedOrigins: config.allowedOrigins, settings, clock },
    ...{ health: healthBeat.current, log: log.child('gateway'), floorDeltaIntervalMs: config.floorDeltaIntervalMs },
  });
  const roster = createRoster(stores.accounts);
  const alerts = createAlertMonitor({
    ...{ floor, repo: stores.alerts, clock, localTime, shift, roster: roster.current, bus: stores.bus },
    emit: { raised: gateway.alertRaised, updated: gateway.alertUpdated, goodNews: gateway.goodNews },
  });
  const publish = gateway.publishChanges;
  const reloadTargets = createTargetRefresh({ targets, floor, publish, dayOf: localTime.dayOf, clock });
  // Targets move every rep's pace: the 1 s alert tick looks only at reps due by time.
  const refreshTargets = () => reloadTargets().then(alerts.evaluate);
  const ingest = createIngest({
    ...{ rules: services.rules, floor, trendRecorder, alerts, publish, clock, log: log.child('ingest') },
    dayEnded: (day, reps) => dayBook.dayEnded(day, reps).then(refreshTargets),
  });
  const checkpoints = createCheckpoints({
    ...{ repo: stores.checkpoints, hasEntry: stores.archive.hasEntry, floor, trendRecorder },
    log: log.child('checkpoint'),
  });
  const processMetrics = createProcessMetrics();
  web.use(
    createHttpRouter({
      ...{ ...stores, ...services, alerts, redis, clock, log, health },
      ...{ throttle: stores.loginThrottle, allowedOrigins: config.allowedOrigins, bus: stores.bus },
      ...{ sessionTtlMs: config.sessionTtlMs, minuteOfDay: localTime.minuteOfDay, defaults: config.defaultTargets },
      processMetrics: () => processMetrics.read(),
      socketCount: () => io.engine.clientsCount,
      cursor: () => floor.cursor(),
      clientDir: config.clientDir,
    }),
  );
  const onBusMessage = createBusDispatch(
    {
      noteAdded: ({ note }) => gateway.noteAdded(note),
      noteAcked: ({ note }) => gateway.noteAcked(note),
      sessionsEnded: ({ keys: sessions, reason }) => gateway.endSessions(sessions, reason),
      alertAcked: (message) => alerts.onBus(message),
      alertSettingsChanged: (message) => alerts.onBus(message),
      targetsChanged: refreshTargets,
    },
    (message, error) => log.warn('bus message failed', { type: message.type, error: String(error) }),
  );
  const jobs = floorJobs({
    ...{ checkHealth: healthBeat.tick, publishRanks: gateway.publishRanks, evaluateAlerts: alerts.tick },
    ...{ saveToday: dayBook.saveToday, saveCheckpoint: checkpoints.save, refreshRoster: roster.refresh },
    dropSlowConsumers: () => void gateway.dropSlowConsumers(4 * 1024 * 1024),
    trimStream: dayBook.trim,
  });
  const lifecycle = createLifecycle({
    ...{ httpServer, listen: { port: config.port, host: config.host }, clock, dayOf: localTime.dayOf, log },
    subscribe: () =>
      subscribeToBus({ subscriber: deps.connectSubscriber(), channel: keys.bus, log, onMessage: onBusMessage }),
    prepare: async () => {
      await Promise.all([targets.reload(localTime.dayOf(clock())), roster.refresh()]);
      await alerts.start();
    },
    restoreCheckpoint: checkpoints.restore,
    replayStart: dayBook.replayStart,
    beginFloor: (state) => floor.restore(state, null),
    startReader: (from) =>
      startCallEventReader(
        {
          ...{ connect: deps.connectBlocking, keys, clock, log: log.child('reader'), onBatch: ingest.onBatch },
          deadLetters: stores.deadLetters,
          admission: createRepAdmission({
            cap: config.maxReps,
            isKnown: (rep) => floor.state().reps.has(rep),
            count: () => floor.state().reps.size,
          }),
          dayOf: localTime.dayOf,
          ...(deps.readerBlockMs !== undefined ? { blockMs: deps.readerBlockMs } : {}),
        },
        from,
      ),
    daysSettled: ingest.settled,
    goLive: async () => {
      alerts.goLive();
      ingest.goLive();
      await alerts.evaluate();
      await healthBeat.tick();
    },
    startSchedule: () => startSchedule(jobs, log.child('schedule')),
    afterListening: async () => {
      await checkpoints.save(); // a kill -9 from now on needs to fold only what comes after this
      await dayBook.trim();
    },
    beforeStop: gateway.stop,
    finalSave: async () => {
      await dayBook.saveToday().catch(() => {});
      await checkpoints.save().catch(() => {});
      processMetrics.stop();
    },
    close: () => io.close(), // also closes httpServer
  });
  return { httpServer, io, floor, reader: lifecycle.reader, health, start: lifecycle.start, stop: lifecycle.stop };
}
