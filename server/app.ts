import express from 'express';
import { createLocalTime } from '../shared/time';
import type { App, AppDeps } from './appTypes';
import { createAlertMonitor } from './alerts/alertMonitor';
import { createRoster } from './alerts/roster';
import { createBusDispatch } from './bus/busDispatch';
import { busHandlers } from './bus/busHandlers';
import { createCheckpoints } from './days/checkpoint';
import { createHealthCheck } from './health';
import { createClientAddress } from './http/clientAddress';
import { createHttpRouter } from './http/router';
import { createHttpServer } from './http/transport';
import { securityHeaders } from './http/securityHeaders';
import { createIngest } from './ingest/ingest';
import { createRepAdmission } from './ingest/repAdmission';
import { floorJobs } from './jobs';
import { createLifecycle } from './lifecycle';
import { createProcessMetrics } from './processMetrics';
import { subscribeToBus } from './redis/bus';
import { startCallEventReader } from './redis/callEventStream';
import { createStores } from './redis/stores';
import { createGateway } from './realtime/gateway';
import { createHealthBeat } from './realtime/healthBeat';
import { createSocketServer } from './realtime/socketServer';
import { startSchedule } from './schedule';
import { createServices } from './services';
import { createTargetRefresh } from './targets/refreshTargets';

/** Wires the pieces together (no logic, no timers); main.ts and the integration tests are its only callers. */
export function createApp(deps: AppDeps): App {
  const { config, clock, log, redis } = deps;
  const localTime = createLocalTime(config.timeZone);
  const stores = createStores(redis, config);
  const { keys } = stores;
  const services = createServices({ config, stores, localTime, clock });
  const { settings, shift, targets, floor, trendRecorder, dayBook, authenticate } = services;
  const health = createHealthCheck({
    ...{ redisReady: () => redis.status === 'ready', deadLetters: stores.deadLetters, clock },
    staleAfterMs: config.staleAfterMs,
    reader: () => lifecycle.reader()?.status() ?? null,
    ingestionLagMs: () => ingest.lagMs(),
  });
  const clientAddress = createClientAddress(config.trustProxy);
  const web = express().disable('x-powered-by').set('trust proxy', clientAddress.expressSetting).use(securityHeaders);
  const httpServer = createHttpServer(web, config, clientAddress, log.child('http'));
  const io = createSocketServer(httpServer);
  const healthBeat = createHealthBeat({ check: health, publish: (h) => gateway.publishHealth(h), clock });
  const gateway = createGateway({
    ...{ io, floor, authenticate, allowedOrigins: config.allowedOrigins, settings, clock },
    ...{ health: healthBeat.current, log: log.child('gateway'), floorDeltaIntervalMs: config.floorDeltaIntervalMs },
    clientAddress,
    caps: {
      perSession: config.socketsPerSession,
      perWallboard: config.socketsPerWallboard,
      perAddress: config.connectionsPerAddress,
    },
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
      ...{ ...stores, ...services, alerts, clock, log, health },
      ...{ throttle: stores.loginThrottle, allowedOrigins: config.allowedOrigins, clientAddress },
      metricsToken: config.metricsToken,
      ...{ sessionTtlMs: config.sessionTtlMs, minuteOfDay: localTime.minuteOfDay, defaults: config.defaultTargets },
      processMetrics: () => processMetrics.read(),
      socketCount: () => io.engine.clientsCount,
      cursor: () => floor.cursor(),
      clientDir: config.clientDir,
    }),
  );
  const onBusMessage = createBusDispatch(busHandlers({ gateway, alerts, refreshTargets }), (message, error) =>
    log.warn('bus message failed', { type: message.type, error: String(error) }),
  );
  const jobs = floorJobs({ checkHealth: healthBeat.tick, gateway, alerts, dayBook, checkpoints, roster });
  const lifecycle = createLifecycle({
    ...{ httpServer, listen: { port: config.port, host: config.host }, clock, dayOf: localTime.dayOf, log },
    ...{ floor, ingest, alerts, dayBook, checkpoints, gateway, checkHealth: healthBeat.tick },
    prepare: async () => {
      // Wallboard tokens of the environment are listed and revocable like created ones.
      await stores.kiosks.adopt(config.wallboardTokens, clock());
      await Promise.all([targets.reload(localTime.dayOf(clock())), roster.refresh()]);
    },
    subscribeToBus: () =>
      subscribeToBus({ subscriber: deps.connectSubscriber(), channel: keys.bus, log, onMessage: onBusMessage }),
    startReader: (from) =>
      startCallEventReader(
        {
          ...{ connect: deps.connectBlocking, keys, clock, log: log.child('reader'), onBatch: ingest.onBatch },
          ...{ deadLetters: stores.deadLetters, dayOf: localTime.dayOf, blockMs: deps.readerBlockMs },
          admission: createRepAdmission({ cap: config.maxReps, reps: () => floor.state().reps }),
        },
        from,
      ),
    startSchedule: () => startSchedule(jobs, log.child('schedule')),
    close: async () => {
      processMetrics.stop();
      await io.close(); // also closes httpServer
    },
  });
  return { httpServer, io, floor, reader: lifecycle.reader, health, start: lifecycle.start, stop: lifecycle.stop };
}
