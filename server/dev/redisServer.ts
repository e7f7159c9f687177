import { spawn, type ChildProcess } from 'node:child_process';
import { access, constants, mkdtemp, rm } from 'node:fs/promises';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';

export interface RedisServerOptions {
  /** Port to listen on; a free one when omitted. */
  port?: number;
  /** Data directory; a fresh temp dir (removed on stop) when omitted. */
  dir?: string;
  /** AOF persistence, so that restart() keeps the data (default false). */
  appendOnly?: boolean;
  /** Longest wait for the first PONG after a (re)start, in ms (default 10 s). */
  readyTimeoutMs?: number;
}

export interface RedisServerHandle {
  url: string;
  port: number;
  dir: string;
  stop(): Promise<void>;
  /** SIGSTOP: the server keeps its sockets open but answers nothing (a hung Redis). */
  pause(): void;
  resume(): void;
  /** Kills the server and starts it again on the same port and dir. */
  restart(): Promise<void>;
}

const MISSING = 'redis-server is missing: run "sudo apt-get install -y redis-server"';

async function findOnPath(command: string): Promise<string | null> {
  for (const dir of (process.env.PATH ?? '').split(delimiter).filter(Boolean)) {
    const candidate = join(dir, command);
    try {
      await access(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not in this directory
    }
  }
  return null;
}

function run(command: string, args: string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
    child.once('error', reject);
    child.once('exit', (code) => resolve(code ?? 1));
  });
}

/** Installs Debian's redis-server when it is missing and we may (root); else explains how. */
export async function ensureRedisServerInstalled(): Promise<string> {
  const found = await findOnPath('redis-server');
  if (found) return found;
  if (process.getuid?.() !== 0) throw new Error(MISSING);
  console.log('redis-server is missing; installing it with apt-get (root)...');
  const code = await run('sh', ['-c', 'apt-get update && apt-get install -y redis-server']);
  const installed = code === 0 ? await findOnPath('redis-server') : null;
  if (!installed) throw new Error(`${MISSING} (apt-get failed with exit code ${code})`);
  return installed;
}

export function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => (port ? resolve(port) : reject(new Error('no free port'))));
    });
  });
}

/** One PING over a raw socket: true only for +PONG (a loading server answers -LOADING). */
function ping(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ port, host: '127.0.0.1' });
    let reply = '';
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(500, () => done(false));
    socket.once('error', () => done(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.on('data', (chunk) => {
      reply += chunk.toString();
      if (reply.includes('\r\n')) done(reply.startsWith('+PONG'));
    });
  });
}

function waitForExit(child: ChildProcess, timeoutMs: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), timeoutMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

export async function startRedisServer(opts: RedisServerOptions = {}): Promise<RedisServerHandle> {
  const port = opts.port ?? (await findFreePort());
  const ownDir = opts.dir === undefined;
  const dir = opts.dir ?? (await mkdtemp(join(tmpdir(), 'floorboard-redis-')));
  const readyTimeoutMs = opts.readyTimeoutMs ?? 10_000;
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly'];
  args.push(opts.appendOnly ? 'yes' : 'no', '--dir', dir, '--protected-mode', 'yes', '--loglevel', 'warning');

  let child: ChildProcess | null = null;
  // A test runner or demo killed by an exception must not leave a redis-server behind.
  const killOnExit = () => child?.kill('SIGKILL');
  process.on('exit', killOnExit);

  async function launch(): Promise<void> {
    const proc = spawn('redis-server', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    child = proc;
    let output = '';
    const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000));
    proc.stdout?.on('data', keep);
    proc.stderr?.on('data', keep);
    let failure: Error | null = null;
    proc.once('error', (err) => (failure = err));
    proc.once('exit', (code, signal) => (failure ??= new Error(`redis-server exited (${signal ?? code})`)));
    const deadline = Date.now() + readyTimeoutMs;
    while (!(await ping(port))) {
      const timedOut = Date.now() > deadline;
      if (failure || timedOut) {
        proc.kill('SIGKILL');
        const why = failure ? (failure as Error).message : `no PONG within ${readyTimeoutMs} ms`;
        throw new Error(`redis-server on port ${port} did not start: ${why}\n${output.trim()}`);
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  async function kill(): Promise<void> {
    const proc = child;
    if (!proc) return;
    proc.kill('SIGCONT'); // a paused server cannot act on SIGTERM
    proc.kill('SIGTERM');
    if (!(await waitForExit(proc, 5000))) {
      proc.kill('SIGKILL');
      await waitForExit(proc, 5000);
    }
    child = null;
  }

  try {
    await launch();
  } catch (err) {
    process.off('exit', killOnExit);
    if (ownDir) await rm(dir, { recursive: true, force: true });
    throw err;
  }

  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    dir,
    async stop() {
      await kill();
      process.off('exit', killOnExit);
      if (ownDir) await rm(dir, { recursive: true, force: true });
    },
    pause: () => void child?.kill('SIGSTOP'),
    resume: () => void child?.kill('SIGCONT'),
    async restart() {
      await kill();
      await launch();
    },
  };
}
