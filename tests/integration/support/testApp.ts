import { randomBytes, randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { io as connectSocket, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '../../../shared/contracts/socket';
import type { SourceEvent } from '../../../shared/events/callEvent';
import { toStreamFields } from '../../../shared/events/parseCallEvent';
import { createApp } from '../../../server/app';
import type { App } from '../../../server/appTypes';
import { loadConfig, type Config } from '../../../server/config';
import { silentLog, type Log } from '../../../server/log';
import { createBlockingConnection, createCommandConnection } from '../../../server/redis/connections';

export type TestSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** Noon (UTC) of the current date, so no test straddles a day boundary. */
export function testDayNoon(): number {
  const now = new Date();
  return Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), 12);
}

/** A clock that starts at today's noon and runs at real speed. */
export function noonClock(): () => number {
  const noon = testDayNoon();
  const started = Date.now();
  return () => noon + (Date.now() - started);
}

export interface TestFloor {
  config: Config;
  token: string;
  /** FLOORBOARD_METRICS_TOKEN: reads the whole /healthz report and /metrics. */
  metricsToken: string;
  /** A plain Redis client, as a dialer adapter would use. */
  writer: Redis;
  add(event: SourceEvent): Promise<string>;
  addRaw(fields: string[]): Promise<string>;
}

/** A fresh stream name and wallboard token per test (tests share one redis-server). */
export function createTestFloor(redisUrl: string, env: Record<string, string> = {}): TestFloor {
  const token = randomBytes(24).toString('base64url');
  const metricsToken = randomBytes(24).toString('base64url');
  const prefix = `test:${randomUUID()}:`;
  const config = loadConfig(
    {
      PORT: '0',
      HOST: '127.0.0.1',
      REDIS_URL: redisUrl,
      FLOORBOARD_STREAM: `${prefix}events`,
      FLOORBOARD_KEY_PREFIX: prefix,
      FLOORBOARD_WALLBOARD_TOKENS: token,
      FLOORBOARD_METRICS_TOKEN: metricsToken,
      FLOORBOARD_FLOOR_DELTA_MS: '50',
      // The server's clock here is today's noon (noonClock), Redis's is the real one: before noon
      // UTC every event would look hours ahead of its arrival. A day covers any hour of the run.
      FLOORBOARD_MAX_TS_AHEAD_MINUTES: String(24 * 60),
      ...env,
    },
    { clientDir: null },
  );
  const writer = new Redis(redisUrl, { maxRetriesPerRequest: null });
  const addRaw = async (fields: string[]) => (await writer.xadd(config.stream, '*', ...fields)) as string;
  return { config, token, metricsToken, writer, addRaw, add: (event) => addRaw(toStreamFields(event)) };
}

export interface RunningApp {
  app: App;
  url: string;
  stop(): Promise<void>;
}

export async function startTestApp(config: Config, clock: () => number, log: Log = silentLog): Promise<RunningApp> {
  const redis = createCommandConnection(config.redisUrl);
  redis.on('error', () => {});
  const app = createApp({
    config,
    redis,
    connectBlocking: () => createBlockingConnection(config.redisUrl).on('error', () => {}),
    connectSubscriber: () => createBlockingConnection(config.redisUrl).on('error', () => {}),
    clock,
    log,
    readerBlockMs: 500,
  });
  const port = await app.start();
  return {
    app,
    url: `http://127.0.0.1:${port}`,
    async stop() {
      await app.stop();
      redis.disconnect();
    },
  };
}

export function connectClient(url: string, token: string | undefined, extra: { origin?: string } = {}): TestSocket {
  return connectSocket(url, {
    transports: ['websocket'],
    auth: token ? { token } : {},
    reconnectionDelay: 50,
    reconnectionDelayMax: 200,
    ...(extra.origin ? { extraHeaders: { origin: extra.origin } } : {}),
  });
}
