/**
 * What the campaign, list and caller-ID dimensions cost the fold itself, without Redis, sockets or
 * subscribers: a micro-benchmark that runs on a busy machine (issue #13, DIMSPERF). It folds the
 * bench's floor (5,000 reps; 20 campaigns, 200 lists, 500 caller IDs) in batches of the size the
 * live reader sees at 2,000 events/s, with the dimensions on and off, and prints per batch the
 * CPU time, the mean, median and p99 wall time, the GC time, and the heap the final state retains.
 *
 *   node --expose-gc --import tsx tests/bench/foldDims.ts [--batches 2000] [--batch 20]
 *     [--warmup 60000] [--reps 5000] [--rounds 2] [--campaigns 20] [--lists 200] [--callerIds 500]
 *     [--base /path/to/another/checkout]
 *
 * `--base` folds the same events with another checkout's fold too (e.g. main's, extracted with
 * `git archive main shared | tar -x -C /tmp/base && ln -s $PWD/node_modules /tmp/base/`): every
 * (checkout, dimensions) pair runs in a fresh child process, interleaved `--rounds` times, so a
 * busy machine slows both sides alike. The events always come from this checkout's simulator.
 */
import { fork } from 'node:child_process';
import { resolve } from 'node:path';
import { PerformanceObserver } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { createFloorModel } from '../../server/dev/simulator/model';
import { isFault } from '../../server/dev/simulator/events';
import type { CallEvent } from '../../shared/events/callEvent';
import type { FloorState } from '../../shared/domain/repState';
import type { FoldRules } from '../../shared/domain/callRecord';
import type { foldCallEvents } from '../../shared/domain/fold';
import { createLocalTime, MINUTE_MS } from '../../shared/time';
import { BENCH_DIMENSIONS } from './options';

/** The fold of whichever checkout is measured (same signature on both sides). */
type Fold = typeof foldCallEvents;

interface Options {
  batches: number;
  batch: number;
  warmup: number;
  reps: number;
  rounds: number;
  /** Distinct values of the floor (default BENCH_DIMENSIONS: 20, 200, 500). */
  campaigns: number;
  lists: number;
  callerIds: number;
  base: string | null;
}

interface Job {
  root: string;
  label: string;
  dimensions: boolean;
  options: Options;
}

interface Result {
  label: string;
  dimensions: boolean;
  meanMs: number;
  /** CPU time of the process over the measured batches, per batch: what a busy machine distorts least. */
  cpuMs: number;
  p50Ms: number;
  p99Ms: number;
  gcMsPerBatch: number;
  retainedBytes: number;
  distinct: string;
}

const here = fileURLToPath(import.meta.url);
const ownRoot = resolve(here, '../../..');

function parse(argv: string[]): Options {
  const o: Options = {
    ...{ batches: 2000, batch: 20, warmup: 60_000, reps: 5000, rounds: 2, base: null },
    ...{ campaigns: BENCH_DIMENSIONS.campaigns, lists: BENCH_DIMENSIONS.lists, callerIds: BENCH_DIMENSIONS.callerIds },
  };
  for (let i = 0; i < argv.length; i++) {
    const [flag, value] = [argv[i], argv[i + 1]];
    if (flag === '--base' && value) [o.base, i] = [resolve(value), i + 1];
    else if (flag?.startsWith('--') && value && Object.hasOwn(o, flag.slice(2)) && Number.isFinite(Number(value))) {
      (o as unknown as Record<string, number>)[flag.slice(2)] = Number(value);
      i++;
    } else throw new Error(`unknown option ${flag}`);
  }
  return o;
}

/** The same floor day for every run: the model is seeded, its clock fixed. */
function events(o: Options, dimensions: boolean): CallEvent[] {
  const startAt = Date.UTC(2026, 10, 23, 10, 0);
  const model = createFloorModel({
    ...{ reps: o.reps, teams: 26, seed: 42, startAt, shiftStartAt: startAt - 60 * MINUTE_MS, shiftMinutes: 720 },
    dimensions: dimensions
      ? { ...BENCH_DIMENSIONS, campaigns: o.campaigns, lists: o.lists, callerIds: o.callerIds }
      : false,
  });
  const want = o.warmup + o.batches * o.batch;
  const out: CallEvent[] = [];
  for (let t = startAt; out.length < want && !model.done; t += 1000)
    for (const e of model.nextEvents(t)) if (!isFault(e)) out.push({ ...e, id: `${out.length + 1}-0` } as CallEvent);
  if (out.length < want) throw new Error(`the model ended after ${out.length} events`);
  return out.slice(0, want);
}

const gc = (): void => {
  const collect = (globalThis as { gc?: () => void }).gc;
  if (!collect) throw new Error('run with node --expose-gc');
  collect();
  collect();
};

async function child(job: Job): Promise<Result> {
  const { foldCallEvents } = (await import(`${job.root}/shared/domain/fold.ts`)) as { foldCallEvents: Fold };
  const { emptyFloor } = (await import(`${job.root}/shared/domain/repState.ts`)) as { emptyFloor: () => FloorState };
  const rules: FoldRules = { effectiveCallMs: 60_000, dayOf: createLocalTime('UTC').dayOf };
  const { options: o } = job;
  const all = events(o, job.dimensions);
  gc();
  const heapBefore = process.memoryUsage().heapUsed;
  let state: FloorState = emptyFloor();
  for (let i = 0; i < o.warmup; i += o.batch) state = foldCallEvents(state, all.slice(i, i + o.batch), rules);
  const batches = Array.from({ length: o.batches }, (_, b) =>
    all.slice(o.warmup + b * o.batch, o.warmup + (b + 1) * o.batch),
  );
  gc();
  let gcMs = 0;
  const observer = new PerformanceObserver((list) => list.getEntries().forEach((e) => (gcMs += e.duration)));
  observer.observe({ entryTypes: ['gc'] });
  const times: number[] = [];
  const cpu0 = process.cpuUsage();
  for (const batch of batches) {
    const t0 = performance.now();
    state = foldCallEvents(state, batch, rules);
    times.push(performance.now() - t0);
  }
  const cpu = process.cpuUsage(cpu0);
  await new Promise((r) => setTimeout(r, 200)); // let the observer report the last collections
  observer.disconnect();
  batches.length = 0;
  gc();
  const retainedBytes = process.memoryUsage().heapUsed - heapBefore;
  times.sort((a, b) => a - b);
  const d = state.dims;
  return {
    label: job.label,
    dimensions: job.dimensions,
    meanMs: times.reduce((s, t) => s + t, 0) / times.length,
    cpuMs: (cpu.user + cpu.system) / 1000 / o.batches,
    p50Ms: times[Math.floor(times.length / 2)]!,
    p99Ms: times[Math.floor(times.length * 0.99)]!,
    gcMsPerBatch: gcMs / o.batches,
    retainedBytes,
    distinct: `${d.counts.campaigns.size}/${d.counts.lists.size}/${d.counts.callerIds.size}`,
  };
}

function runChild(job: Job): Promise<Result> {
  return new Promise((done, fail) => {
    const proc = fork(here, ['--child'], {
      execArgv: ['--expose-gc', '--import', 'tsx'],
      env: { ...process.env, FOLD_DIMS_JOB: JSON.stringify(job) },
    });
    proc.once('message', (m) => done(m as Result));
    proc.once('exit', (code) => code !== 0 && fail(new Error(`${job.label} exited with ${code}`)));
  });
}

async function main(): Promise<void> {
  if (process.argv.includes('--child')) {
    const result = await child(JSON.parse(process.env.FOLD_DIMS_JOB!) as Job);
    process.send!(result, () => process.exit(0));
    return;
  }
  const options = parse(process.argv.slice(2));
  const roots: [string, string][] = [
    ['this', ownRoot],
    ...(options.base ? [['base', options.base] as [string, string]] : []),
  ];
  console.log(
    `fold micro-benchmark: ${options.reps} reps, ${options.batches} batches of ${options.batch} events after ${options.warmup} ` +
      `(dims on: ${options.campaigns} campaigns, ${options.lists} lists, ${options.callerIds} caller IDs)` +
      (options.base ? `\n  this = ${ownRoot}\n  base = ${options.base}` : ''),
  );
  const results: Result[] = [];
  for (let round = 0; round < options.rounds; round++)
    for (const dimensions of [true, false])
      for (const [label, root] of round % 2 === 0 ? roots : [...roots].reverse())
        results.push(await runChild({ root, label, dimensions, options }));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(12) : c.padStart(11))).join('');
  console.log(line(['', 'dims', 'cpu ms', 'mean ms', 'p50 ms', 'p99 ms', 'gc ms', 'heap MB', 'c/l/id']));
  for (const [label] of roots)
    for (const dimensions of [true, false]) {
      const runs = results.filter((r) => r.label === label && r.dimensions === dimensions);
      const best = <K extends keyof Result>(k: K) => Math.min(...runs.map((r) => r[k] as number));
      console.log(
        line([
          label,
          dimensions ? 'on' : 'off',
          best('cpuMs').toFixed(3),
          best('meanMs').toFixed(3),
          best('p50Ms').toFixed(3),
          best('p99Ms').toFixed(3),
          best('gcMsPerBatch').toFixed(3),
          (best('retainedBytes') / 1024 / 1024).toFixed(1),
          runs[0]!.distinct,
        ]),
      );
    }
  console.log(`(best of ${options.rounds} rounds per row; per batch; heap = retained by the final state after GC)`);
}

await main();
