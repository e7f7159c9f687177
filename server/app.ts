import { createSourceList } from './sources/sourceList';
import { createLocalTime } from '../shared/time';
import type { App, AppDeps } from './appTypes';
import { createAlertMonitor } from './alerts/alertMonitor';
import { createRoster } from './alerts/roster';
import { createBusDispatch } from './bus/busDispatch';
import { busHandlers } from './bus/busHandlers';
import { createCheckpoints } from './days/checkpoint';
import { createHealthCheck } from './health';
import { createHttpRouter } from './http/router';
import { createWebServer } from './http/webServer';
import { createIngest } from './ingest/ingest';
import { readerStarter } from './ingest/startReader';
import { floorJobs } from './jobs';
import { createLifecycle } from './lifecycle';
import { createProcessMetrics } from './processMetrics';
import { subscribeToBus } from './redis/bus';
import { createStores } from './redis/stores';
import { createGateway } from './realtime/gateway';
import { socketCapsOf } from './realtime/socketCaps';
import { createHealthBeat } from './realtime/healthBeat';
import { createSocketServer } from './realtime/socketServer';
import { startSchedule } from './schedule';
import { createServices } from './services';
import { createReviewService } from './review/reviewService';
import { createTargetRefresh } from './targets/refreshTargets';
import { createCallbackService } from './callbacks/callbackService';
import { createCallbackLedgerEdge } from './ingest/callbackLedger';
import { createCallbackRepo } from './redis/callbackRepo';
import { createFeedbackLedgerEdge } from './ingest/feedbackLedger';
import { createFeedbackService } from './feedback/feedbackService';
import { combineAlertSources, createContactMemory, createRepAlertSource } from './alerts/repAlerts';
import { createContactLedgerEdge } from './ingest/contactLedger';
import { createContactRepo } from './redis/contactRepo';
import { createListStore } from './campaigns/listStore';
import { createCampaignService } from './campaigns/campaignService';
import { createHandoffService, WINDOW_MS as HANDOFF_WINDOW_MS } from './handoffs/handoffService';
import { createHandoffLedgerEdge } from './ingest/handoffLedger';
import { createHandoffRepo } from './redis/handoffRepo';
import { handoffAlertSource } from './alerts/handoffAlerts';
import { createChatService } from './webhooks/chatService';
import { createSummaryFacts } from './webhooks/summaryFacts';
import { createExportService } from './exports/exportService';
import { wallClock } from './exports/exportTable';

/** Wires the pieces together (no logic, no timers); main.ts and the integration tests are its only callers. */
export function createApp(deps: AppDeps): App {
  const { config, clock, log, redis } = deps;
  const localTime = createLocalTime(config.timeZone, config.dayStartMinute);
  const stores = createStores(redis, config);
  const services = createServices({ config, stores, redis, localTime, clock });
  const { settings, shift, targets, floor, trendRecorder, dayBook, authenticate } = services;
  const health = createHealthCheck({
    ...{ redisReady: () => redis.status === 'ready', deadLetters: stores.deadLetters, clock },
    staleAfterMs: config.staleAfterMs,
    reader: () => lifecycle.reader()?.status() ?? null,
    ingestionLagMs: () => ingest.lagMs(),
  });
  const { web, httpServer, clientAddress } = createWebServer(config, log);
  const io = createSocketServer(httpServer);
  const healthBeat = createHealthBeat({ check: health, publish: (h) => gateway.publishHealth(h), clock });
  const gateway = createGateway({
    ...{ io, floor, authenticate, allowedOrigins: config.allowedOrigins, settings, clock },
    ...{ health: healthBeat.current, log: log.child('gateway'), floorDeltaIntervalMs: config.floorDeltaIntervalMs },
    ...{ clientAddress, caps: socketCapsOf(config) },
  });
  const roster = createRoster(stores.accounts);
  const sources = createSourceList(stores);
  const rosterEntry = (rep: string) => roster.current().find((e) => e.rep === rep);
  const onFloor = (rep: string) => floor.state().reps.get(rep);
  const repName = (rep: string) => onFloor(rep)?.name || rep;
  const callbacks = createCallbackService({
    ...{ repo: createCallbackRepo(redis, stores.keys), bus: stores.bus, clock },
    graceMinutes: config.callbackGraceMinutes,
    teamOf: (rep) => onFloor(rep)?.team ?? rosterEntry(rep)?.team ?? null,
    knownRep: (rep) => onFloor(rep) !== undefined || rosterEntry(rep) !== undefined,
    nameOf: repName,
    changed: (reps) => void alerts.touch(reps).catch(() => {}),
  });
  const contacts = createContactMemory();
  const contactRepo = createContactRepo(redis, stores.keys);
  // A restart folds from a checkpoint on: the day's repeat dials before it come from Redis.
  const loadContacts = async () => {
    const day = localTime.dayOf(clock());
    contacts.add(day, await contactRepo.repeats(day));
  };
  const handoffRepo = createHandoffRepo(redis, stores.keys, { windowMs: HANDOFF_WINDOW_MS });
  const handoffs = createHandoffService({
    ...{ repo: handoffRepo, bus: stores.bus, clock, settings: () => alerts.currentSettings() },
    nameOf: repName,
    changed: (reps) => void alerts.touch(reps).catch(() => {}),
  });
  const lists = createListStore({ redis, keys: stores.keys, dayOf: localTime.dayOf, log: log.child('lists') });
  const campaigns = createCampaignService({
    ...{ floor, rules: services.rules, lists, clock },
    callerIdThresholds: () => alerts.currentSettings().floor,
    targetOf: (campaign) => targets.campaignTargetOf(campaign),
  });
  const alerts = createAlertMonitor({
    ...{ floor, repo: stores.alerts, clock, localTime, shift, roster: roster.current, bus: stores.bus },
    extra: combineAlertSources(
      {
        reps: callbacks.repsWithCallbacks,
        conditions: callbacks.overdueConditions,
        nextDue: callbacks.nextOverdueAt,
      },
      // Issue #15: missing outcomes (the fold's calls) and contact frequency (the contact ledger).
      createRepAlertSource({
        ...{ state: floor.state, contacts, dayOf: localTime.dayOf },
        teamOf: (rep) => rosterEntry(rep)?.team ?? null,
      }),
      handoffAlertSource(handoffs, () => alerts.currentSettings(), repName),
    ),
    // Issue #15: the floor's figures per list and caller ID.
    campaignFigures: { load: campaigns.figures },
    sources: { load: sources.adapters, silentMs: config.sourceSilentMs },
    emit: {
      // Chat apps hear raised alerts too: queued in memory, routed and sent by their job (never here).
      raised: (alert) => (gateway.alertRaised(alert), chat.alertRaised(alert)),
      // ... and escalations (a warning raised to critical), once per alert and severity.
      updated: (alert) => (gateway.alertUpdated(alert), chat.alertUpdated(alert)),
      goodNews: gateway.goodNews,
    },
  });
  const publish = gateway.publishChanges;
  const reloadTargets = createTargetRefresh({ targets, floor, publish, dayOf: localTime.dayOf, clock });
  // Targets move every rep's pace: the 1 s alert tick looks only at reps due by time.
  const refreshTargets = () => reloadTargets().then(alerts.evaluate);
  const ingest = createIngest({
    lists,
    ...{ rules: services.rules, floor, trendRecorder, alerts, publish, clock, log: log.child('ingest') },
    dayEnded: (day, reps, closed) => dayBook.dayEnded(day, reps, closed).then(refreshTargets),
    callbacks: createCallbackLedgerEdge({
      ...{ repo: createCallbackRepo(redis, stores.keys), mirror: callbacks.mirror, clock },
      log: log.child('callbacks'),
    }),
    handoffs: createHandoffLedgerEdge({
      repo: handoffRepo,
      mirror: handoffs.mirror,
      clock,
      log: log.child('handoffs'),
    }),
    teamOf: (rep) => onFloor(rep)?.team ?? rosterEntry(rep)?.team ?? null,
    feedback: createFeedbackLedgerEdge({
      ...{ repo: stores.feedbackCounts, dayOf: services.rules.dayOf, log: log.child('feedback') },
    }),
    contacts: createContactLedgerEdge({
      ...{ repo: contactRepo, dayOf: localTime.dayOf, log: log.child('contacts') },
      repeated: (day, dials) => void alerts.touch(contacts.add(day, dials)).catch(() => {}),
    }),
  });
  const feedback = createFeedbackService({
    ...{ repo: stores.feedbackCounts, catalogue: stores.reasonCatalogue, dayOf: services.rules.dayOf, clock },
  });
  const chat = createChatService({
    ...{ repo: stores.chat, clock, localTime, publicUrl: config.publicUrl, log: log.child('chat-apps') },
    summaryFacts: createSummaryFacts({
      ...{ floor, feedback, callbacks, handoffs, currency: config.currency },
      catalogue: () => stores.reasonCatalogue.get(),
    }),
    teamName: async (team) => (await stores.teamNames.all()).get(team) ?? null,
    allowLocalHttp: config.webhookAllowLocalHttp,
    allowPrivate: config.webhookAllowPrivate,
    limits: { timeoutMs: config.webhookTimeoutMs, maxResponseBytes: 64 * 1024 },
    retry: { baseMs: config.webhookRetryBaseMs, capMs: 15 * 60_000, maxAttempts: 8 },
  });
  const { checkpoints: repo, archive } = stores;
  const checkpoints = createCheckpoints({
    ...{ repo, hasEntry: archive.hasEntry, floor, trendRecorder, log },
    dayStartMinute: config.dayStartMinute,
  });
  // Issue #17: the daily review (reads only).
  const review = createReviewService({
    ...{ floor, dayReplay: services.dayReplay, dayTotals: stores.dayTotals, targetsFor: targets.targetsFor },
    ...{ callbacks: createCallbackRepo(redis, stores.keys), handoffs: handoffRepo, alerts: stores.alerts },
    ...{ alertSettings: () => alerts.currentSettings(), feedback: stores.feedbackCounts, rules: services.rules },
    ...{ localTime, shift, graceMinutes: config.callbackGraceMinutes, clock },
  });
  const processMetrics = createProcessMetrics();
  const exportService = createExportService({
    ...{ redis, keys: stores.keys, floor, dayTotals: stores.dayTotals, campaignDays: services.campaignDays },
    ...{ dayReplay: services.dayReplay, dayOf: localTime.dayOf, clock, retentionDays: config.retentionDays },
    callbackGraceMinutes: config.callbackGraceMinutes,
  });
  web.use(
    createHttpRouter({
      ...{ ...stores, ...services, alerts, clock, log, health, throttle: stores.loginThrottle, clientAddress },
      ...{ allowedOrigins: config.allowedOrigins, metricsToken: config.metricsToken, clientDir: config.clientDir },
      ...{
        sessionTtlMs: config.sessionTtlMs,
        currency: config.currency,
        minuteOfDay: localTime.minuteOfDay,
        defaults: config.defaultTargets,
        calendarSource: config.calendar.source,
      },
      ...{ processMetrics: processMetrics.read, socketCount: () => io.engine.clientsCount, cursor: floor.cursor },
      callbacks,
      campaigns,
      handoffs,
      callbacksOf: callbacks.openOf,
      feedback,
      chat,
      review,
      ...{ sources, sourceSilentMs: config.sourceSilentMs, maxTsAheadMs: config.maxTsAheadMs },
      exports: { service: exportService, wallClock: wallClock(config.timeZone) },
    }),
  );
  const onBusMessage = createBusDispatch(
    busHandlers({
      ...{ gateway, alerts, refreshTargets },
      callbackChanged: (call) => callbacks.reload(call).then(alerts.evaluate),
      handoffChanged: (lead) => handoffs.reload(lead),
    }),
    (message, error) => log.warn('bus message failed', { type: message.type, error: String(error) }),
  );
  const jobs = floorJobs({ checkHealth: healthBeat.tick, gateway, alerts, dayBook, checkpoints, roster, chat });
  const lifecycle = createLifecycle({
    ...{ httpServer, listen: { port: config.port, host: config.host }, clock, dayOf: localTime.dayOf, log },
    ...{ floor, ingest, dayBook, checkpoints, gateway, checkHealth: healthBeat.tick },
    // The ledger's mirror first: the replay and the first evaluation build on it.
    alerts: {
      ...alerts,
      start: () => Promise.all([callbacks.start(), loadContacts(), handoffs.start()]).then(alerts.start),
    },
    ...{ kiosks: stores.kiosks, wallboardTokens: config.wallboardTokens, targets, roster },
    subscribeToBus: () =>
      subscribeToBus({ subscriber: deps.connectSubscriber(), channel: stores.keys.bus, log, onMessage: onBusMessage }),
    startReader: readerStarter({
      ...{ connect: deps.connectBlocking, keys: stores.keys, deadLetters: stores.deadLetters, ingest, floor, config },
      ...{ clock, log: log.child('reader'), dayOf: localTime.dayOf, blockMs: deps.readerBlockMs },
      maxTsAheadMs: config.maxTsAheadMs,
    }),
    startSchedule: () => startSchedule(jobs, log.child('schedule')),
    close: async () => {
      processMetrics.stop();
      await io.close(); // also closes httpServer
    },
  });
  return {
    ...{ httpServer, io, floor, reader: lifecycle.reader, health, start: lifecycle.start, stop: lifecycle.stop },
    takeEgress: gateway.takeEgress,
  };
}
