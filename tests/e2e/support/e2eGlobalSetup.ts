import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import type { TestProject } from 'vitest/node';
import { ensureChromiumInstalled } from '../../support/chromium';
import { noonZone } from '../../support/noonZone';
import { ensureRedisServerInstalled, findFreePort, startRedisServer } from '../../../server/dev/redisServer';
import { SERVER_NODE_ARGS } from '../../../server/dev/serverCommand';

declare module 'vitest' {
  export interface ProvidedContext {
    e2e: { baseUrl: string; token: string; redisUrl: string; stream: string; dayStart: number };
  }
}

/** The built product, as a user runs it: a private redis-server and `node dist/server/main.js`. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  await ensureChromiumInstalled();
  await ensureRedisServerInstalled();
  if (!existsSync('dist/server/main.js') || !existsSync('dist/client/index.html')) {
    const build = spawnSync('npm', ['run', 'build'], { stdio: 'inherit' });
    if (build.status !== 0) throw new Error('npm run build failed');
  }
  const redis = await startRedisServer({ appendOnly: true });
  const port = await findFreePort();
  const token = randomBytes(24).toString('base64url');
  const stream = 'floorboard:events';
  const { timeZone, dayStart } = noonZone(Date.now());
  const server = spawn('node', SERVER_NODE_ARGS, {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      REDIS_URL: redis.url,
      FLOORBOARD_STREAM: stream,
      FLOORBOARD_WALLBOARD_TOKENS: token,
      FLOORBOARD_TZ: timeZone,
      // Chat-app targets on 127.0.0.1 (the chat apps e2e): private addresses are refused otherwise.
      FLOORBOARD_WEBHOOK_ALLOW_PRIVATE: '1',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (server.exitCode !== null) throw new Error(`server exited with ${server.exitCode}`);
    const ok = await fetch(`${baseUrl}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    if (Date.now() > deadline) throw new Error('server did not answer /healthz within 20 s');
    await new Promise((r) => setTimeout(r, 100));
  }
  project.provide('e2e', { baseUrl, token, redisUrl: redis.url, stream, dayStart });
  return async () => {
    server.kill('SIGTERM');
    await new Promise((resolve) => (server.exitCode !== null ? resolve(null) : server.once('exit', resolve)));
    await redis.stop();
  };
}
