import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { Redis } from 'ioredis';
import { createAccountRepo } from '../../server/redis/accountRepo';
import { createSessionRepo } from '../../server/redis/sessionRepo';
import { findFreePort } from '../../server/dev/redisServer';
import { eachLine, newestMtime, oldestMtime } from '../../server/dev/processes';
import { ROOT, repId, type ClientSpec } from './common';
import { SERVER_NODE_ARGS } from '../../server/dev/serverCommand';

export const PREFIX = 'bench:';
export const STREAM = 'bench:events';
/** The server's FLOORBOARD_METRICS_TOKEN: /healthz gives its figures only to a supervisor or this token. */
export const METRICS_TOKEN = 'bench-metrics-token-0123456789';
export const metricsHeaders = { authorization: `Bearer ${METRICS_TOKEN}` };

/** Runs a command with its output on stderr (stdout stays the report's, or the JSON's). */
function runToStderr(command: string, args: string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: ROOT, stdio: ['ignore', 2, 2] });
    child.once('error', reject);
    child.once('exit', (code) => resolve(code ?? 1));
  });
}

/** Builds dist/server/main.js when it is missing or older than server/ or shared/. */
export async function ensureBuilt(log: (line: string) => void): Promise<void> {
  const built = await oldestMtime([join(ROOT, 'dist/server/main.js')]);
  const sources = await newestMtime([join(ROOT, 'server'), join(ROOT, 'shared')], new Set(['node_modules']));
  if (built !== null && built >= sources) return;
  log('dist/server is missing or stale: npm run build');
  if ((await runToStderr('npm', ['run', 'build'])) === 0) return;
  // The client may be mid-edit by someone else; the benchmark needs only the server bundle.
  log('npm run build failed; building the server bundle alone (esbuild)');
  const args = ['esbuild', 'server/main.ts', '--bundle', '--platform=node', '--format=esm', '--packages=external'];
  args.push('--target=node20', '--sourcemap', '--outfile=dist/server/main.js');
  if ((await runToStderr('npx', args)) !== 0) throw new Error('cannot build dist/server/main.js');
}

const teamName = (i: number) => `team-${String(i + 1).padStart(2, '0')}`;

/**
 * One account per role through the repo (scrypt), the others written directly with the same
 * fields and hash, then one session per client; wallboards use an environment token.
 */
export async function createViewers(
  redis: Redis,
  o: { reps: number; teams: number; wallboards: number; consoles: number; repPages: number },
  wallboardToken: string,
): Promise<ClientSpec[]> {
  const accounts = createAccountRepo(redis, PREFIX);
  const sessions = createSessionRepo(redis, PREFIX, { ttlMs: 12 * 3600_000 });
  const password = randomBytes(12).toString('hex');
  const now = Date.now();
  const users: { username: string; role: 'lead' | 'rep'; team: string; rep: string }[] = [];
  for (let i = 0; i < o.consoles; i++) {
    users.push({
      username: `lead-${String(i + 1).padStart(3, '0')}`,
      role: 'lead',
      team: teamName(i % o.teams),
      rep: '',
    });
  }
  for (let i = 0; i < o.repPages; i++) {
    const rep = repId(i % o.reps, o.reps);
    users.push({ username: `u${i + 1}-${rep}`, role: 'rep', team: '', rep });
  }
  const hashes = new Map<string, string>();
  for (const role of ['lead', 'rep'] as const) {
    const first = users.find((u) => u.role === role);
    if (!first) continue;
    await accounts.add(
      {
        username: first.username,
        password,
        role,
        ...(first.team ? { team: first.team } : {}),
        ...(first.rep ? { rep: first.rep } : {}),
      },
      now,
    );
    hashes.set(role, (await redis.hget(`${PREFIX}user:${first.username}`, 'passwordHash'))!);
  }
  for (let i = 0; i < users.length; i += 1000) {
    const pipeline = redis.pipeline();
    for (const u of users.slice(i, i + 1000)) {
      const fields = { username: u.username, role: u.role, team: u.team, rep: u.rep };
      pipeline.hset(`${PREFIX}user:${u.username}`, { ...fields, passwordHash: hashes.get(u.role)!, createdAt: now });
      pipeline.sadd(`${PREFIX}users`, u.username);
    }
    await pipeline.exec();
  }
  const specs: ClientSpec[] = [];
  for (let i = 0; i < o.wallboards; i++) specs.push({ role: 'wallboard', token: wallboardToken });
  for (let i = 0; i < users.length; i += 500) {
    const made = await Promise.all(users.slice(i, i + 500).map((u) => sessions.create(u.username, now)));
    made.forEach(({ token }, k) => {
      const u = users[i + k]!;
      specs.push(u.role === 'lead' ? { role: 'console', token, team: u.team } : { role: 'rep', token, rep: u.rep });
    });
  }
  return specs;
}

const hhmm = (minute: number) =>
  `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;

/** Starts `node dist/server/main.js` and resolves once it logs "listening on". */
export async function startServer(
  redisUrl: string,
  wallboardToken: string,
  register: (c: ChildProcess) => void,
): Promise<{ child: ChildProcess; url: string; tail: () => string }> {
  const port = await findFreePort();
  const d = new Date();
  const minute = d.getUTCHours() * 60 + d.getUTCMinutes();
  const env = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    REDIS_URL: redisUrl,
    FLOORBOARD_STREAM: STREAM,
    FLOORBOARD_KEY_PREFIX: PREFIX,
    FLOORBOARD_TZ: 'UTC',
    FLOORBOARD_WALLBOARD_TOKENS: wallboardToken,
    // Thousands of screens from one address and one wallboard token: lift the per-client caps.
    FLOORBOARD_CONNECTIONS_PER_ADDRESS: '1000000',
    FLOORBOARD_METRICS_TOKEN: METRICS_TOKEN,
    FLOORBOARD_BENCH_IPC: '1',
    FLOORBOARD_SOCKETS_PER_WALLBOARD: '100000',
    // A shift around now, so that pace is defined.
    FLOORBOARD_SHIFT_START: hhmm(Math.max(0, minute - 60)),
    FLOORBOARD_SHIFT_END: hhmm(Math.min(23 * 60 + 59, minute + 120)),
  };
  // BENCH_SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" profiles the server alone.
  const nodeArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, ...SERVER_NODE_ARGS], {
    cwd: ROOT,
    env,
    // The IPC channel carries the egress histogram (FLOORBOARD_BENCH_IPC): no route exposes it.
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  register(child);
  let lines: string[] = [];
  const keep = (line: string) => (lines = [...lines.slice(-40), line]);
  eachLine(child.stdout, keep);
  eachLine(child.stderr, keep);
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`server did not listen within 60 s:\n${lines.join('\n')}`)),
      60_000,
    );
    const check = (chunk: Buffer) => {
      if (!chunk.toString().includes('listening on')) return;
      clearTimeout(timer);
      resolve();
    };
    child.stdout?.on('data', check);
    child.stderr?.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited (${code}) before listening:\n${lines.join('\n')}`));
    });
  });
  return { child, url: `http://127.0.0.1:${port}`, tail: () => lines.join('\n') };
}
