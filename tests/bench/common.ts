import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { HistogramData } from './histogram';

/** Repository root (tests/bench/../..). */
export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Rep ids as the simulator's model names them (rep-001 … rep-5000 → rep-0001). */
export function repId(index: number, reps: number): string {
  return `rep-${String(index + 1).padStart(Math.max(3, String(reps).length), '0')}`;
}

/** The benchmark's own team layout (the model knows 26 teams at most): contiguous blocks of reps. */
export function teamOf(index: number, reps: number, teams: number): string {
  return `team-${String(Math.floor((index * teams) / reps) + 1).padStart(2, '0')}`;
}

export type Role = 'wallboard' | 'console' | 'rep';
export const ROLES: readonly Role[] = ['wallboard', 'console', 'rep'];

/** One headless subscriber: its token and what it may see. */
export interface ClientSpec {
  role: Role;
  token: string;
  /** Console: its team; rep page: its rep. */
  team?: string;
  rep?: string;
  /** The server instance this subscriber connects to (default: the init command's url). */
  url?: string;
}

/** Generator totals per rep: [team, dials, connects, effectiveCalls, leads, deals, revenue]. */
export type RepTotals = [string | null, number, number, number, number, number, number];

export interface GeneratorResult {
  written: number;
  lastId: string | null;
  /** Achieved rate over the measured window (events/s). */
  rateMeasured: number;
  /** Largest amount the generator fell behind its open-loop schedule (events). */
  maxBehind: number;
  xaddErrors: number;
  totals: Record<string, RepTotals>;
}

export interface RoleResult {
  role: Role;
  clients: number;
  connected: number;
  /** Delay receipt − ms part of delta.cursor, per delta. */
  cursorDelay: HistogramData;
  /** Delay receipt − statusSince, per row whose status changed. */
  statusDelay: HistogramData;
  /** Messages (deltas, snapshots, rank changes) received in the measured window, all clients. */
  messages: number;
  /** Highest message count of one client in the window. */
  maxClientMessages: number;
  gaps: number;
  resyncs: number;
  /** Clients with at least one rep differing from the generator's totals. */
  mismatchedClients: number;
  /** Rep rows (client × rep) differing from the generator's totals, incl. missing and extra. */
  mismatchedRows: number;
  checkedRows: number;
  examples: string[];
  /** Frames (every event, pings aside) and their bytes received in the measured window, all clients. */
  frames: number;
  bytes: number;
  /** Of those, `floor:delta` frames: their bytes and the rep patches they carried. */
  deltaBytes: number;
  deltaReps: number;
  /** Frames by Socket.IO event name (`floor:delta`, `alert:raised`, …), all clients. */
  framesByEvent: Record<string, number>;
}

export type ClientsMessage =
  | { type: 'connected'; connected: number; failed: number; firstError?: string }
  | { type: 'result'; roles: RoleResult[] }
  | { type: 'stormed'; sockets: number; resnapped: number; latestMs: number };

export type ClientsCommand =
  | { type: 'init'; url: string; specs: ClientSpec[]; concurrency: number }
  | { type: 'measure'; at: number }
  | { type: 'stopMeasure'; at: number }
  | { type: 'compare'; totals: Record<string, RepTotals> }
  | { type: 'storm' }
  | { type: 'exit' };

export type GeneratorMessage = { type: 'ready' } | { type: 'result'; result: GeneratorResult };
export type GeneratorCommand = { type: 'start' } | { type: 'measure' } | { type: 'stop' };

/** Starts `node --import tsx <file>` with an IPC channel; the caller registers it for cleanup. */
export function spawnTs(file: string, args: string[], env: NodeJS.ProcessEnv = {}): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL(file, import.meta.url)), ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
}

/** Resolves with the first IPC message of `child` matching `type` (rejects if the child exits first). */
export function nextMessage<T extends { type: string }>(
  child: ChildProcess,
  type: T['type'],
  timeoutMs: number,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => done(new Error(`no '${type}' message within ${timeoutMs} ms`)), timeoutMs);
    const onMessage = (msg: T) => msg?.type === type && done(null, msg);
    const onExit = (code: number | null) => done(new Error(`child exited (${code}) before sending '${type}'`));
    function done(error: Error | null, msg?: T): void {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
      if (error) reject(error);
      else resolve(msg!);
    }
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
