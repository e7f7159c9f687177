import type { Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { emptyFloor } from '../shared/domain/repState';
import type { StreamId } from '../shared/streamId';
import type { Clock, DayKey, EpochMs } from '../shared/time';
import type { AlertMonitor } from './alerts/alertMonitor';
import type { DayBook } from './days/dayBook';
import type { FloorService } from './floor/floorService';
import type { Ingest } from './ingest/ingest';
import type { Log } from './log';
import type { CallEventReader } from './redis/callEventStream';
import type { Gateway } from './realtime/gateway';
import type { KioskRepo } from './redis/kioskRepo';
import type { TargetsService } from './targets/targetsService';

interface Stoppable {
  stop(): void;
}

/** The steps of starting and stopping, in the order that keeps the floor right. */
export function createLifecycle(deps: {
  httpServer: HttpServer;
  listen: { port: number; host: string };
  clock: Clock;
  dayOf: (at: EpochMs) => DayKey;
  log: Log;
  floor: Pick<FloorService, 'restore'>;
  ingest: Pick<Ingest, 'settled' | 'goLive'>;
  alerts: Pick<AlertMonitor, 'start' | 'goLive' | 'evaluate'>;
  dayBook: Pick<DayBook, 'replayStart' | 'saveToday' | 'trim'>;
  checkpoints: { restore(today: DayKey): Promise<StreamId | null>; save(): Promise<void> };
  gateway: Pick<Gateway, 'stop'>;
  kiosks: Pick<KioskRepo, 'adopt'>;
  /** Wallboard tokens of the environment: listed and revocable like created ones. */
  wallboardTokens: readonly string[];
  targets: Pick<TargetsService, 'reload'>;
  roster: { refresh(): Promise<void> };
  subscribeToBus: () => Promise<Stoppable>;
  startReader: (from: StreamId) => CallEventReader;
  checkHealth: () => Promise<void>;
  startSchedule: () => Stoppable;
  /** Closes the sockets and the HTTP server. */
  close: () => Promise<void>;
}) {
  const { clock, log, dayBook, checkpoints, alerts } = deps;
  let reader: CallEventReader | null = null;
  let bus: Stoppable | null = null;
  let schedule: Stoppable | null = null;
  return {
    reader: () => reader,
    async start(): Promise<number> {
      bus = await deps.subscribeToBus();
      // What the floor needs before the first event.
      await deps.kiosks.adopt(deps.wallboardTokens, clock());
      await Promise.all([deps.targets.reload(deps.dayOf(clock())), deps.roster.refresh()]);
      await alerts.start();
      // Today's state is rebuilt from the stream itself: from the last checkpoint if there is one,
      // else from the start of the previous day with entries (server/days/dayBook.ts says why).
      const restored = await checkpoints.restore(deps.dayOf(clock()));
      let from = restored;
      if (from === null) {
        const start = await dayBook.replayStart();
        deps.floor.restore({ ...emptyFloor(), day: start.day }, null);
        from = start.from;
      }
      reader = deps.startReader(from);
      await reader.caughtUp;
      await deps.ingest.settled();
      log.info('replayed today', { from, ...(restored ? { fromCheckpoint: restored } : {}) });
      // Only now: the replay must neither raise old alerts afresh nor celebrate old sales.
      alerts.goLive();
      deps.ingest.goLive();
      await alerts.evaluate();
      await deps.checkHealth();
      // A kill -9 from now on needs to fold only what comes after this checkpoint. After a whole
      // day was folded (no checkpoint), it is saved before the first screen is served: written in
      // turns while serving, a crash in the first seconds (a crash loop) left none, and every start
      // folded the whole day again (38.5 s instead of 3 s for a day of 1,000,000 events, npm run
      // bench:restart). From a checkpoint, a crash folds again only the short tail after it.
      const saved = checkpoints
        .save()
        .catch((error: unknown) => log.warn('checkpoint after start failed', { error: String(error) }));
      if (restored === null) await saved;
      schedule = deps.startSchedule();
      // A reconnect storm is thousands of connects at once: with Node's default backlog (511) the
      // kernel drops the rest and their screens wait out TCP's SYN retries (1, 3, 7 s).
      await new Promise<void>((resolve) => deps.httpServer.listen({ ...deps.listen, backlog: 4096 }, resolve));
      void saved.then(dayBook.trim).catch((error: unknown) => log.warn('after start failed', { error: String(error) }));
      return (deps.httpServer.address() as AddressInfo).port;
    },
    async stop(): Promise<void> {
      schedule?.stop();
      deps.gateway.stop();
      await reader?.stop();
      // What a restart would otherwise fold again.
      await dayBook.saveToday().catch(() => {});
      await checkpoints.save().catch(() => {});
      bus?.stop();
      await deps.close();
    },
  };
}
