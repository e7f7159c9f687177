import type { Server as HttpServer } from 'node:http';
import type { Health } from '../shared/contracts/socket';
import type { Clock } from '../shared/time';
import type { Config } from './config';
import type { FloorService } from './floor/floorService';
import type { Log } from './log';
import type { CallEventReader } from './redis/callEventStream';
import type { RedisClient } from './redis/connections';
import type { FloorServer } from './realtime/floorServer';
import type { EgressReport } from './realtime/egressStats';

/** What createApp() needs: main.ts opens the connections, tests pass their own. */
export interface AppDeps {
  config: Config;
  /** Command connection (writes, health, pub). */
  redis: RedisClient;
  /** Makes a blocking-read connection; the reader replaces it after failures. */
  connectBlocking: () => RedisClient;
  /** Makes the pub/sub subscriber connection. */
  connectSubscriber: () => RedisClient;
  clock: Clock;
  log: Log;
  /** For tests: a short BLOCK so that stop() and stuck-read detection are quick. */
  readerBlockMs?: number;
}

/** A running floor server: what main.ts and the integration tests hold. */
export interface App {
  httpServer: HttpServer;
  io: FloorServer;
  floor: FloorService;
  reader(): CallEventReader | null;
  health(): Promise<Health>;
  /** Replays today's stream, then listens; resolves with the bound port. */
  start(): Promise<number>;
  stop(): Promise<void>;
  /** The gateway's egress delays per feed kind since the last call (the bench reads them over IPC). */
  takeEgress(): EgressReport;
}
