import { fileURLToPath } from 'node:url';
import { createApp } from './app';
import { ConfigError, loadConfig } from './config';
import { createLog } from './log';
import { createBlockingConnection, createCommandConnection } from './redis/connections';

/** Composition root: the only place that reads the environment, opens connections and listens. */
async function main(): Promise<void> {
  // Pretty lines for the demo (pino-pretty is a dev dependency); JSON lines otherwise.
  const log = createLog('floorboard', undefined, { pretty: process.env.FLOORBOARD_LOG_PRETTY === '1' });
  let config;
  try {
    // Built: dist/server/main.js next to dist/client. From source (tsx): server/main.ts.
    const builtClient = new URL(import.meta.url.endsWith('.ts') ? '../dist/client' : '../client', import.meta.url);
    config = loadConfig(process.env, { clientDir: fileURLToPath(builtClient) });
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`floorboard: ${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
  const redis = createCommandConnection(config);
  redis.on('error', (error) => log.warn('redis', { error: String(error) }));
  const app = createApp({
    config,
    redis,
    connectBlocking: () => {
      const conn = createBlockingConnection(config);
      conn.on('error', () => {}); // the reader logs failed reads; avoid one line per retry
      return conn;
    },
    connectSubscriber: () => createBlockingConnection(config).on('error', () => {}),
    clock: Date.now,
    log,
  });
  const port = await app.start();
  log.info(`listening on http://${config.host}:${port}`, {
    redis: config.sentinel ? `sentinel ${config.sentinel.name}` : 'url',
  });

  // The bench (tests/bench) reads the egress histogram over its IPC channel: never an HTTP route.
  if (process.env.FLOORBOARD_BENCH_IPC === '1' && process.send) {
    process.on('message', (message: { type?: string }) => {
      if (message?.type === 'egress') process.send?.({ type: 'egress', egress: app.takeEgress() });
    });
  }

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info(`${signal}: stopping`);
    await app.stop();
    redis.disconnect();
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  process.stderr.write(`floorboard: failed to start: ${String(error)}\n`);
  process.exit(1);
});
