/**
 * `npm run chaos`: the fault suite. Each case starts its own redis-server (AOF on) and the built
 * server as a child process, injects one fault while events flow, and ends by comparing the
 * server's totals (and every client's) with an independent recomputation from the raw stream.
 * Options: --only <case>[,<case>], --quick (short blackhole, 500-socket storm: for CI), --list.
 * `runChaos(options)` is the same run for a test.
 */
import { pathToFileURL } from 'node:url';
import { ensureRedisServerInstalled } from '../../server/dev/redisServer';
import { ensureBuilt } from '../bench/setup';
import { blackhole } from './cases/blackhole';
import { duplicates } from './cases/duplicates';
import { killServer } from './cases/killServer';
import { restartRedis } from './cases/restartRedis';
import { sentinelFailover } from './cases/sentinelFailover';
import { slowConsumer } from './cases/slowConsumer';
import { storm } from './cases/storm';
import type { ChaosCase } from './support/common';
import { Tracker } from './support/floor';
import { fmtMs, type CaseResult } from './support/report';

export const CASES: readonly ChaosCase[] = [
  killServer,
  restartRedis,
  sentinelFailover,
  blackhole,
  storm,
  slowConsumer,
  duplicates,
];

export interface ChaosOptions {
  /** Case names to run (all when empty). */
  only?: string[];
  quick?: boolean;
  log?: (line: string) => void;
}

export interface ChaosResult {
  cases: CaseResult[];
  passed: number;
  failed: number;
}

/** Waits out the last minutes of a UTC day: a case straddling midnight would see the day roll over. */
async function avoidMidnight(log: (line: string) => void): Promise<void> {
  const left = 86_400_000 - (Date.now() % 86_400_000);
  if (left > 5 * 60_000) return;
  log(`UTC midnight in ${Math.ceil(left / 1000)} s: waiting for the new day`);
  await new Promise((r) => setTimeout(r, left + 2000));
}

export async function runChaos(options: ChaosOptions = {}): Promise<ChaosResult> {
  const log = options.log ?? (() => {});
  const quick = options.quick ?? false;
  const only = (options.only ?? []).filter(Boolean);
  const unknown = only.filter((n) => !CASES.some((c) => c.name === n));
  if (unknown.length)
    throw new Error(`unknown case ${unknown.join(', ')} (cases: ${CASES.map((c) => c.name).join(', ')})`);
  const selected = CASES.filter((c) => only.length === 0 || only.includes(c.name));

  const tracker = new Tracker();
  const killNow = () => tracker.killAllNow();
  const onSignal = (signal: NodeJS.Signals) => {
    log(`${signal}: stopping everything the suite started`);
    void tracker.stopAll().finally(() => process.exit(130));
  };
  process.on('exit', killNow);
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const results: CaseResult[] = [];
  try {
    await ensureRedisServerInstalled();
    await ensureBuilt(log);
    for (const c of selected) {
      await avoidMidnight(log);
      log(`${c.name}: ${c.title}${quick ? ' (quick)' : ''} …`);
      const t0 = performance.now();
      let result: CaseResult;
      try {
        const out = await c.run({ quick, log: (line) => log(`${c.name}: ${line}`), tracker });
        result = { name: c.name, ...out, passed: out.checks.every((k) => k.ok), durationMs: performance.now() - t0 };
      } catch (error) {
        result = {
          name: c.name,
          passed: false,
          written: 0,
          counted: 0,
          convergeMs: null,
          convergeNote: '',
          checks: [],
          notes: [],
          durationMs: performance.now() - t0,
          error: (error as Error).stack ?? String(error),
        };
      } finally {
        await tracker.stopAll();
      }
      log(`${c.name}: ${result.passed ? 'passed' : 'FAILED'} in ${fmtMs(result.durationMs)}`);
      results.push(result);
    }
  } finally {
    await tracker.stopAll();
    process.off('exit', killNow);
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
  const passed = results.filter((r) => r.passed).length;
  return { cases: results, passed, failed: results.length - passed };
}

const pad = (s: string, n: number) => (s.length >= n ? s : s + ' '.repeat(n - s.length));
const lpad = (s: string, n: number) => (s.length >= n ? s : ' '.repeat(n - s.length) + s);

export function formatReport(result: ChaosResult): string {
  const lines: string[] = [];
  const head = ['case', 'result', 'events written', 'events counted', 'converged', 'time'];
  const rows = result.cases.map((r) => [
    r.name,
    r.passed ? 'pass' : 'FAIL',
    String(r.written),
    String(r.counted),
    fmtMs(r.convergeMs),
    fmtMs(r.durationMs),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const fmt = (row: string[]) =>
    row.map((cell, i) => (i >= 2 ? lpad(cell, widths[i]!) : pad(cell, widths[i]!))).join('  ');
  lines.push(fmt(head), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(fmt), '');
  lines.push('events written: entries in the stream (duplicates included); counted: events the reference counts once');
  lines.push('(rep events + the first of each type per call). converged: every client holds the recomputed totals.');
  for (const r of result.cases) {
    lines.push('', `${r.name} (${r.passed ? 'pass' : 'FAIL'}; converged measured ${r.convergeNote || '—'})`);
    for (const k of r.checks) lines.push(`  ${k.ok ? 'ok  ' : 'FAIL'} ${k.name}${k.detail ? `: ${k.detail}` : ''}`);
    for (const n of r.notes) lines.push(`  ·    ${n}`);
    if (r.error) lines.push(`  FAIL error: ${r.error}`);
  }
  lines.push('', `${result.passed} passed, ${result.failed} failed`);
  return lines.join('\n');
}

function parseArgs(argv: string[]): ChaosOptions {
  const options: ChaosOptions = { only: [], quick: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--quick') options.quick = true;
    else if (arg === '--only' && argv[i + 1]) options.only!.push(...argv[++i]!.split(','));
    else if (arg.startsWith('--only=')) options.only!.push(...arg.slice(7).split(','));
    else if (arg === '--list') {
      for (const c of CASES) console.log(`${pad(c.name, 14)} ${c.title}`);
      process.exit(0);
    } else if (arg === '--help') {
      console.log(
        `npm run chaos -- [--quick] [--only <case>[,<case>]] [--list]\ncases: ${CASES.map((c) => c.name).join(', ')}`,
      );
      process.exit(0);
    } else throw new Error(`unknown option ${arg} (see --help)`);
  }
  return options;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  try {
    const options = parseArgs(process.argv.slice(2));
    const result = await runChaos({ ...options, log: (line) => console.error(`chaos: ${line}`) });
    console.log(formatReport(result));
    process.exit(result.failed > 0 || result.cases.length === 0 ? 1 : 0);
  } catch (error) {
    console.error(`chaos failed: ${(error as Error).stack ?? String(error)}`);
    console.log('0 passed, 1 failed');
    process.exit(1);
  }
}
