/**
 * A Redis fail-over group on this machine: a primary, one replica and three sentinels (the same
 * redis-server binary with --sentinel: no extra package), quick to fail over (down after 1 s).
 * Every process is registered with the tracker; kill9Primary() is the fault.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { findFreePort, type RedisServerHandle } from '../../../server/dev/redisServer';
import { sleep } from '../../bench/common';
import type { Tracker } from './floor';

export const MASTER = 'floorboard';

export interface SentinelGroup {
  sentinels: { host: string; port: number }[];
  /** REDIS_SENTINELS / REDIS_SENTINEL_MASTER for the server. */
  env: Record<string, string>;
  primary: RedisServerHandle;
  replicaPort: number;
  /** A client that follows the primary through a fail-over, as a dialer adapter would. */
  client(): Redis;
  /** Port of the primary the sentinels name now. */
  primaryPort(): Promise<number>;
  kill9Primary(): Promise<void>;
  close(): Promise<void>;
}

async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check().catch(() => false)) return;
    if (Date.now() > deadline) throw new Error(`sentinel group: ${what} within ${timeoutMs} ms`);
    await sleep(100);
  }
}

export async function startSentinelGroup(tracker: Tracker, log: (line: string) => void): Promise<SentinelGroup> {
  const dir = await mkdtemp(join(tmpdir(), 'floorboard-sentinel-'));
  const children: ChildProcess[] = [];
  const output: string[] = [];
  const launch = (args: string[]) => {
    const child = spawn('redis-server', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout?.on('data', (c: Buffer) => output.push(c.toString()));
    child.stderr?.on('data', (c: Buffer) => output.push(c.toString()));
    tracker.child(child);
    children.push(child);
    return child;
  };
  const common = (port: number, name: string) => [
    ...['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'yes'],
    ...['--dir', join(dir, name), '--loglevel', 'warning'],
  ];
  const [primaryPort, replicaPort] = [await findFreePort(), await findFreePort()];
  for (const name of ['primary', 'replica']) await mkdir(join(dir, name));
  const primary = launch(common(primaryPort, 'primary'));
  launch([...common(replicaPort, 'replica'), '--replicaof', '127.0.0.1', String(primaryPort)]);

  const sentinels: { host: string; port: number }[] = [];
  for (let i = 0; i < 3; i++) {
    const port = await findFreePort();
    const conf = join(dir, `sentinel-${i}.conf`);
    // Sentinel rewrites its config file: one writable file each.
    await writeFile(
      conf,
      [
        `port ${port}`,
        'bind 127.0.0.1',
        `dir ${dir}`,
        `sentinel monitor ${MASTER} 127.0.0.1 ${primaryPort} 2`,
        `sentinel down-after-milliseconds ${MASTER} 1000`,
        `sentinel failover-timeout ${MASTER} 5000`,
        `sentinel parallel-syncs ${MASTER} 1`,
        '',
      ].join('\n'),
    );
    launch([conf, '--sentinel', '--loglevel', 'warning']);
    sentinels.push({ host: '127.0.0.1', port });
  }

  const admin = (port: number) => new Redis({ port, host: '127.0.0.1', lazyConnect: true, retryStrategy: () => null });
  const ask = async <T>(port: number, f: (r: Redis) => Promise<T>): Promise<T> => {
    const r = admin(port);
    r.on('error', () => {});
    try {
      await r.connect();
      return await f(r);
    } finally {
      r.disconnect();
    }
  };
  const sentinelSays = (i: number, ...args: string[]) =>
    ask(sentinels[i]!.port, (r) => r.call('SENTINEL', ...args) as Promise<unknown>);
  try {
    await waitFor(
      'replica in sync',
      async () => /master_link_status:up/.test(await ask(replicaPort, (r) => r.info('replication'))),
      15_000,
    );
    // Each sentinel knows the replica and the two other sentinels: a fail-over can be voted.
    await waitFor(
      'sentinels ready',
      async () => {
        for (let i = 0; i < 3; i++) {
          const replicas = (await sentinelSays(i, 'REPLICAS', MASTER)) as unknown[];
          const others = (await sentinelSays(i, 'SENTINELS', MASTER)) as unknown[];
          if (replicas.length !== 1 || others.length !== 2) return false;
        }
        return true;
      },
      30_000,
    );
  } catch (error) {
    throw new Error(`${(error as Error).message}\n${output.join('').slice(-2000)}`);
  }
  log(`primary :${primaryPort}, replica :${replicaPort}, sentinels ${sentinels.map((s) => `:${s.port}`).join(' ')}`);

  const stopAll = async () => {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    await rm(dir, { recursive: true, force: true });
  };
  const closeAll = tracker.closer('sentinel group', stopAll);
  const handle: RedisServerHandle = {
    url: `redis://127.0.0.1:${primaryPort}`,
    port: primaryPort,
    dir: join(dir, 'primary'),
    stop: async () => {},
    pause: () => void primary.kill('SIGSTOP'),
    resume: () => void primary.kill('SIGCONT'),
    restart: () => Promise.reject(new Error('the sentinel case does not restart its primary')),
  };
  return {
    sentinels,
    env: { REDIS_SENTINELS: sentinels.map((s) => `${s.host}:${s.port}`).join(','), REDIS_SENTINEL_MASTER: MASTER },
    primary: handle,
    replicaPort,
    client: () =>
      new Redis({ sentinels, name: MASTER, maxRetriesPerRequest: null, enableAutoPipelining: false }).on(
        'error',
        () => {},
      ),
    async primaryPort() {
      const [, port] = (await sentinelSays(0, 'GET-MASTER-ADDR-BY-NAME', MASTER)) as [string, string];
      return Number(port);
    },
    async kill9Primary() {
      const exited = new Promise((r) => primary.once('exit', r));
      primary.kill('SIGKILL');
      await exited;
    },
    close: closeAll,
  };
}
