import type { Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { StreamId } from '../shared/streamId';
import { emptyFloor } from '../shared/domain/repState';
import type { Clock, DayKey, EpochMs } from '../shared/time';
import type { Log } from './log';
import type { CallEventReader } from './redis/callEventStream';

/** The steps of starting and stopping, in the order that keeps the floor right. */
export function createLifecycle(deps: {
  httpServer: HttpServer;
  listen: { port: number; host: string };
  clock: Clock;
  dayOf: (at: EpochMs) => DayKey;
  log: Log;
  /** Subscribes to the bus; returns how to stop listening. */
  subscribe: () => Promise<{ stop(): void }>;
  /** Loads what the floor needs before the first event: targets, roster, alert state. */
  prepare: () => Promise<void>;
  restoreCheckpoint: (today: DayKey) => Promise<StreamId | null>;
  replayStart: () => Promise<{ from: StreamId; day: DayKey }>;
  beginFloor: (state: ReturnType<typeof emptyFloor>) => void;
  startReader: (from: StreamId) => CallEventReader;
  /** Resolves once every day that ended during the replay is saved. */
  daysSettled: () => Promise<void>;
  /** Replay done: from now on batches are news; the first evaluation and health check. */
  goLive: () => Promise<void>;
  startSchedule: () => { stop(): void };
  afterListening: () => Promise<void>;
  beforeStop: () => void;
  /** Saves what a restart would otherwise fold again (day totals, checkpoint), then closes sockets. */
  finalSave: () => Promise<void>;
  close: () => Promise<void>;
}) {
  let reader: CallEventReader | null = null;
  let bus: { stop(): void } | null = null;
  let schedule: { stop(): void } | null = null;
  return {
    reader: () => reader,
    async start(): Promise<number> {
      const { clock, log } = deps;
      bus = await deps.subscribe();
      await deps.prepare();
      // Today's state is rebuilt from the stream itself: from the last checkpoint if there is one,
      // else from the start of the previous day with entries (server/days/dayBook.ts says why).
      const restored = await deps.restoreCheckpoint(deps.dayOf(clock()));
      let from = restored;
      if (from === null) {
        const start = await deps.replayStart();
        deps.beginFloor({ ...emptyFloor(), day: start.day });
        from = start.from;
      }
      reader = deps.startReader(from);
      await reader.caughtUp;
      await deps.daysSettled();
      log.info('replayed today', { ...(restored ? { fromCheckpoint: restored } : { from }) });
      // Only now: the replay must neither raise old alerts afresh nor celebrate old sales.
      await deps.goLive();
      schedule = deps.startSchedule();
      // A reconnect storm is thousands of connects at once: with Node's default backlog (511) the
      // kernel drops the rest and their screens wait out TCP's SYN retries (1, 3, 7 s).
      await new Promise<void>((resolve) => deps.httpServer.listen({ ...deps.listen, backlog: 4096 }, resolve));
      void deps.afterListening().catch((error: unknown) => log.warn('after start failed', { error: String(error) }));
      return (deps.httpServer.address() as AddressInfo).port;
    },
    async stop(): Promise<void> {
      schedule?.stop();
      deps.beforeStop();
      await reader?.stop();
      await deps.finalSave();
      bus?.stop();
      await deps.close();
    },
  };
}
