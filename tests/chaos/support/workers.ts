/** The parent's side of viewerWorker.ts: N processes sharing a pool of sockets. */
import type { ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { spawn } from 'node:child_process';
import { ROOT, nextMessage } from '../../bench/common';
import { stopChild, type Tracker } from './floor';
import type { ConvergeResult } from './viewers';

export type WorkerCommand =
  | { type: 'init'; url: string; token: string; count: number; concurrency: number }
  | { type: 'storm' }
  | { type: 'converge'; expected: Record<string, string>; timeoutMs: number; since: number }
  | { type: 'exit' };

export type WorkerMessage =
  | { type: 'connected'; connected: number; failed: number; firstError?: string }
  | { type: 'stormed' }
  | ({ type: 'converged' } & ConvergeResult);

export interface WorkerPool {
  connect(
    url: string,
    token: string,
    count: number,
  ): Promise<{ connected: number; failed: number; firstError?: string }>;
  storm(): Promise<void>;
  waitConverged(expected: Record<string, string>, timeoutMs: number, since: number): Promise<ConvergeResult>;
  pids(): number[];
  close(): Promise<void>;
}

export function createWorkerPool(processes: number, tracker: Tracker): WorkerPool {
  const file = fileURLToPath(new URL('./viewerWorker.ts', import.meta.url));
  const children: ChildProcess[] = Array.from({ length: processes }, () =>
    tracker.child(
      spawn(process.execPath, ['--import', 'tsx', file], {
        cwd: ROOT,
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      }),
    ),
  );
  const all = <T extends WorkerMessage>(
    type: T['type'],
    cmd: WorkerCommand | ((k: number) => WorkerCommand),
    timeoutMs: number,
  ) => {
    const replies = children.map((c) => nextMessage<T>(c, type, timeoutMs));
    children.forEach((c, k) => c.send(typeof cmd === 'function' ? cmd(k) : cmd));
    return Promise.all(replies);
  };
  return {
    async connect(url, token, count) {
      const share = (k: number) => Math.floor(count / processes) + (k < count % processes ? 1 : 0);
      const r = await all<Extract<WorkerMessage, { type: 'connected' }>>(
        'connected',
        (k) => ({ type: 'init', url, token, count: share(k), concurrency: 100 }),
        300_000,
      );
      return {
        connected: r.reduce((s, x) => s + x.connected, 0),
        failed: r.reduce((s, x) => s + x.failed, 0),
        ...(r.find((x) => x.firstError) ? { firstError: r.find((x) => x.firstError)!.firstError! } : {}),
      };
    },
    async storm() {
      await all('stormed', { type: 'storm' }, 60_000);
    },
    async waitConverged(expected, timeoutMs, since) {
      const r = await all<Extract<WorkerMessage, { type: 'converged' }>>(
        'converged',
        { type: 'converge', expected, timeoutMs, since },
        timeoutMs + 60_000,
      );
      const ms = r.some((x) => x.ms === null) ? null : Math.max(...r.map((x) => x.ms!));
      const example = r.find((x) => x.example)?.example;
      return {
        ms,
        matched: r.reduce((s, x) => s + x.matched, 0),
        total: r.reduce((s, x) => s + x.total, 0),
        ...(example ? { example } : {}),
      };
    },
    pids: () => children.map((c) => c.pid!).filter(Boolean),
    async close() {
      for (const c of children) if (c.connected) c.send({ type: 'exit' } satisfies WorkerCommand);
      await Promise.all(
        children.map((c) =>
          Promise.race([new Promise((r) => c.once('exit', r)), new Promise((r) => setTimeout(r, 3000))]),
        ),
      );
      await Promise.all(children.map((c) => stopChild(c, 2000)));
    },
  };
}
