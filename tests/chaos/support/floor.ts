/**
 * One private floor per case: a redis-server with AOF, the built server as a child process on a
 * fixed port (so that it can be killed and started again where the clients expect it), and a
 * plain ioredis client for writing and reading the stream. Everything started is registered with
 * the tracker, which stops it on the way out (also on errors and Ctrl+C).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import type { FloorResponse, HealthResponse } from '../../../shared/contracts/http';
import { findFreePort, startRedisServer, type RedisServerHandle } from '../../../server/dev/redisServer';
import { eachLine } from '../../../server/dev/processes';
import { ROOT, sleep } from '../../bench/common';
import { SERVER_NODE_ARGS } from '../../../server/dev/serverCommand';
import { METRICS_TOKEN } from '../../bench/setup';

export const PREFIX = 'chaos:';
export const STREAM = 'chaos:events';

/** What a run started and must stop: child processes and async closers, stopped newest first. */
export class Tracker {
  private readonly children = new Set<ChildProcess>();
  private readonly closers: { name: string; close: () => Promise<void> | void }[] = [];

  child(c: ChildProcess): ChildProcess {
    this.children.add(c);
    c.once('exit', () => this.children.delete(c));
    return c;
  }

  /** Returns a function that runs the closer once and forgets it. */
  closer(name: string, close: () => Promise<void> | void): () => Promise<void> {
    const entry = { name, close };
    this.closers.push(entry);
    return async () => {
      const i = this.closers.indexOf(entry);
      if (i < 0) return;
      this.closers.splice(i, 1);
      await close();
    };
  }

  async stopAll(): Promise<void> {
    for (const entry of this.closers.splice(0).reverse()) {
      try {
        await entry.close();
      } catch {
        // keep stopping the rest
      }
    }
    await Promise.all([...this.children].map((c) => stopChild(c)));
  }

  /** Synchronous last resort (process 'exit'): SIGKILL every child still running. */
  killAllNow(): void {
    for (const c of this.children) {
      c.kill('SIGCONT');
      c.kill('SIGKILL');
    }
  }
}

export async function stopChild(c: ChildProcess, graceMs = 5000): Promise<void> {
  if (c.exitCode !== null || c.signalCode !== null) return;
  const exited = new Promise((r) => c.once('exit', r));
  c.kill('SIGTERM');
  const timer = setTimeout(() => c.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}

export interface ServerProc {
  child: ChildProcess;
  pid: number;
  /** performance.now() when it logged "listening on". */
  listeningAt: number;
}

export interface Floor {
  redis: RedisServerHandle;
  /** A plain client, as a dialer adapter would use (offline queue on, waits through restarts). */
  cmd: Redis;
  token: string;
  port: number;
  url: string;
  server(): ServerProc | null;
  /** Starts the server and resolves once it listens (ms it took). */
  startServer(): Promise<number>;
  /** SIGKILL, no goodbye. */
  kill9(): Promise<void>;
  /** Every line the server processes wrote (last 5,000). */
  serverLog(): string[];
  health(): Promise<HealthResponse | null>;
  floorView(): Promise<FloorResponse>;
  /** Polls /healthz until the server's cursor is `id`; ms waited, or null on timeout. */
  waitCursor(id: string, timeoutMs: number): Promise<number | null>;
  close(): Promise<void>;
}

export interface FloorOptions {
  tracker: Tracker;
  env?: Record<string, string>;
  log: (line: string) => void;
  /** Redis started by the case (e.g. a Sentinel group) and its client; the case stops it. */
  redis?: { handle: RedisServerHandle; cmd: Redis };
}

export async function openFloor(o: FloorOptions): Promise<Floor> {
  const redis = o.redis?.handle ?? (await startRedisServer({ appendOnly: true }));
  const closeRedis = o.tracker.closer('redis-server', async () => {
    redis.resume();
    await redis.stop();
  });
  const cmd = o.redis?.cmd ?? new Redis(redis.url, { maxRetriesPerRequest: null, enableAutoPipelining: false });
  cmd.on('error', () => {});
  const closeCmd = o.tracker.closer('redis client', () => cmd.disconnect());
  const token = randomBytes(24).toString('hex');
  const port = await findFreePort();
  const url = `http://127.0.0.1:${port}`;
  let current: ServerProc | null = null;
  let lines: string[] = [];
  const keep = (line: string) => {
    lines.push(line);
    if (lines.length > 6000) lines = lines.slice(-5000);
  };

  async function startServer(): Promise<number> {
    const t0 = performance.now();
    const env = {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      REDIS_URL: redis.url,
      FLOORBOARD_STREAM: STREAM,
      FLOORBOARD_KEY_PREFIX: PREFIX,
      FLOORBOARD_TZ: 'UTC',
      FLOORBOARD_WALLBOARD_TOKENS: token,
      // Thousands of screens from one address and one wallboard token: lift the per-client caps.
      FLOORBOARD_CONNECTIONS_PER_ADDRESS: '1000000',
      FLOORBOARD_METRICS_TOKEN: METRICS_TOKEN,
      FLOORBOARD_SOCKETS_PER_WALLBOARD: '100000',
      ...o.env,
    };
    // BENCH_SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" profiles the server alone.
    const nodeArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
    const child = spawn(process.execPath, [...nodeArgs, ...SERVER_NODE_ARGS], {
      cwd: ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    o.tracker.child(child);
    eachLine(child.stdout, keep);
    eachLine(child.stderr, keep);
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`server did not listen within 60 s`)), 60_000);
      const check = (chunk: Buffer) => {
        if (!chunk.toString().includes('listening on')) return;
        clearTimeout(timer);
        resolve();
      };
      child.stdout?.on('data', check);
      child.stderr?.on('data', check);
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`server exited (${signal ?? code}) before listening:\n${lines.slice(-20).join('\n')}`));
      });
    });
    current = { child, pid: child.pid!, listeningAt: performance.now() };
    return current.listeningAt - t0;
  }

  async function health(): Promise<HealthResponse | null> {
    try {
      const res = await fetch(`${url}/healthz`, {
        signal: AbortSignal.timeout(5000),
        headers: { authorization: `Bearer ${METRICS_TOKEN}` },
      });
      return (await res.json()) as HealthResponse;
    } catch {
      return null;
    }
  }

  const floor: Floor = {
    redis,
    cmd,
    token,
    port,
    url,
    server: () => current,
    startServer,
    async kill9() {
      const c = current?.child;
      current = null;
      if (!c || c.exitCode !== null || c.signalCode !== null) return;
      const exited = new Promise((r) => c.once('exit', r));
      c.kill('SIGKILL');
      await exited;
    },
    serverLog: () => lines,
    health,
    async floorView() {
      const res = await fetch(`${url}/api/floor`, {
        headers: { authorization: `Bearer ${token}` },
        signal: AbortSignal.timeout(10_000),
      });
      if (res.status !== 200) throw new Error(`GET /api/floor: ${res.status}`);
      return (await res.json()) as FloorResponse;
    },
    async waitCursor(id, timeoutMs) {
      const t0 = performance.now();
      while (performance.now() - t0 < timeoutMs) {
        const h = await health();
        if (h?.cursor === id) return performance.now() - t0;
        await sleep(50);
      }
      return null;
    },
    async close() {
      const c = current?.child;
      current = null;
      if (c) await stopChild(c);
      await closeCmd();
      await closeRedis();
    },
  };
  return floor;
}

/** Redis's own process id (for /proc figures). */
export async function redisPid(cmd: Redis): Promise<number> {
  return Number(/process_id:(\d+)/.exec(await cmd.info('server'))?.[1] ?? 0);
}
