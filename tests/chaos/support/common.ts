/** Small helpers the cases share. */
import { sleep } from '../../bench/common';
import { openFloor, STREAM, type Floor } from './floor';
import { recompute, type Reference } from './reference';
import type { Checks } from './report';
import { fmtMs, type CaseContext, type CaseResult } from './report';
import { createViewerPool, type ConvergeResult, type Reconnection, type ViewerPool } from './viewers';

export { sleep, STREAM };

export type CaseOutcome = Omit<CaseResult, 'name' | 'durationMs' | 'passed'>;

export interface ChaosCase {
  name: string;
  /** One line: what it does. */
  title: string;
  run(ctx: CaseContext): Promise<CaseOutcome>;
}

/** A private floor (redis + server) and an in-process viewer pool, both closed afterwards. */
export async function withFloor<T>(
  ctx: CaseContext,
  env: Record<string, string>,
  body: (floor: Floor, viewers: (reconnection?: Reconnection) => ViewerPool) => Promise<T>,
): Promise<T> {
  const floor = await openFloor({ tracker: ctx.tracker, log: ctx.log, env });
  const pools: ViewerPool[] = [];
  const closePools = ctx.tracker.closer('viewers', () => pools.forEach((p) => p.close()));
  try {
    return await body(floor, (reconnection) => {
      const p = createViewerPool(floor.url, floor.token, reconnection);
      pools.push(p);
      return p;
    });
  } finally {
    await closePools();
    await floor.close();
  }
}

/** Records whether every client converged within `limitMs`. */
export function convergeCheck(checks: Checks, what: string, r: ConvergeResult, limitMs: number): void {
  checks.add(
    `${what} ≤ ${fmtMs(limitMs)}`,
    r.ms !== null && r.ms <= limitMs,
    `${r.matched}/${r.total} clients correct after ${fmtMs(r.ms)}${r.example ? ` (e.g. ${r.example})` : ''}`,
  );
}

/** Connects `count` viewers of the pool and records whether all of them got a snapshot. */
export async function connectViewers(checks: Checks, pool: ViewerPool, count: number): Promise<void> {
  const c = await pool.connect(count);
  checks.add('clients connected', c.failed === 0, `${c.connected} connected${c.firstError ? `, ${c.firstError}` : ''}`);
}

export async function xlen(floor: Floor): Promise<number> {
  return floor.cmd.xlen(STREAM);
}

export async function lastEntryId(floor: Floor): Promise<string | null> {
  return (await floor.cmd.xrevrange(STREAM, '+', '-', 'COUNT', 1))[0]?.[0] ?? null;
}

/** Waits until the server has read the newest entry of the stream; ms, or null. */
export async function caughtUp(floor: Floor, timeoutMs: number): Promise<number | null> {
  const last = await lastEntryId(floor);
  return last === null ? 0 : floor.waitCursor(last, timeoutMs);
}

export function outcome(checks: Checks, ref: Reference, convergeMs: number | null, convergeNote: string): CaseOutcome {
  return {
    written: ref.entries,
    counted: ref.counted,
    convergeMs,
    convergeNote,
    checks: checks.list,
    notes: checks.notes,
  };
}

export { recompute };
