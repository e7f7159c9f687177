import { execFileSync } from 'node:child_process';
import { cpus, totalmem } from 'node:os';
import type { Ceilings } from './ceilings';
import { ROLES, type GeneratorResult, type Role, type RoleResult } from './common';
import { Histogram, samplePercentile, type Percentiles } from './histogram';
import type { ProcStats } from './procStats';
import { dimensionsLine, type BenchOptions } from './options';

/** What GET /healthz returns (the part the benchmark reads). */
export interface HealthSample {
  lagMs: number | null;
  cursor: string | null;
  sockets: number;
  process: { rssBytes: number; heapUsedBytes: number; eventLoopDelayP99Ms: number; eventLoopDelayMaxMs: number };
}

export interface RoleFigures {
  role: Role;
  clients: number;
  connected: number;
  /** Messages per second per client: mean over clients, and the busiest client. */
  msgsPerSec: number;
  msgsPerSecMax: number;
  /** receipt − ms part of delta.cursor, per delta. */
  delay: Percentiles;
  /** receipt − statusSince, per rep row whose status changed. */
  statusDelay: Percentiles;
  gaps: number;
  resyncs: number;
  lost: { mismatchedClients: number; mismatchedRows: number; checkedRows: number; examples: string[] };
}

/** Every socket dropped at once (after the measured window): until each holds a fresh snapshot. */
export interface StormFigures {
  sockets: number;
  resnapped: number;
  /** From the drop to the last socket's new snapshot. */
  allMs: number;
  /** Worst one-second event-loop p99 of the server while it lasted. */
  eventLoopP99MaxMs: number;
}

export interface BenchResult {
  options: Omit<BenchOptions, 'log'>;
  storm: StormFigures | null;
  machine: { nproc: number; cpuModel: string; memoryBytes: number; node: string; redis: string };
  measuredSeconds: number;
  roles: RoleFigures[];
  generator: { targetRate: number; achievedRate: number; written: number; maxBehind: number; xaddErrors: number };
  server: {
    cpuAvgPct: number;
    cpuMaxPct: number;
    rssMaxBytes: number;
    heapMaxBytes: number;
    /**
     * Event-loop delay beyond the 10 ms sampling period of the server's histogram (/healthz
     * reports the whole interval): highest per-second p99, median of those p99s, and max.
     */
    eventLoopP99MaxMs: number;
    eventLoopP99MedianMs: number;
    eventLoopMaxMs: number;
    ingestionLagP99Ms: number;
    ingestionLagMaxMs: number;
    /** From stopping the generator to the server's cursor reaching the last entry written. */
    drainMs: number;
    caughtUp: boolean;
  };
  redis: { usedMemoryBytes: number; cpuAvgPct: number };
  /** Frames delivered to all subscribers per second (deltas, snapshots, rank changes). */
  framesPerSec: number;
  processes: ProcStats[];
  /** CPU of the whole machine during the window, and of processes not started by the benchmark (% of one core). */
  machineCpuPct: number;
  foreignCpuPct: number;
  ceilings: Ceilings;
  warnings: string[];
  checks: { goal: string; ok: boolean }[];
}

/** Sampling period of the server's event-loop histogram (server/processMetrics.ts). */

function redisVersion(): string {
  try {
    return /v=(\S+)/.exec(execFileSync('redis-server', ['--version']).toString())?.[1] ?? '?';
  } catch {
    return '?';
  }
}

export function buildResult(input: {
  options: BenchOptions;
  roles: RoleResult[];
  generated: GeneratorResult;
  procStats: ProcStats[];
  health: HealthSample[];
  ceilings: Ceilings;
  measuredSeconds: number;
  drainMs: number;
  caughtUp: boolean;
  redisUsedMemory: number;
  connectFailures: number;
  machineCpuPct: number;
  storm: StormFigures | null;
}): BenchResult {
  const { log: _log, ...options } = input.options;
  const secs = input.measuredSeconds;
  const roles = ROLES.map((role): RoleFigures => {
    const parts = input.roles.filter((r) => r.role === role);
    const delay = new Histogram();
    const status = new Histogram();
    parts.forEach((p) => (delay.merge(p.cursorDelay), status.merge(p.statusDelay)));
    const sum = (f: (r: RoleResult) => number) => parts.reduce((s, r) => s + f(r), 0);
    const clients = sum((r) => r.clients);
    return {
      role,
      clients,
      connected: sum((r) => r.connected),
      msgsPerSec: clients ? sum((r) => r.messages) / clients / secs : 0,
      msgsPerSecMax: Math.max(0, ...parts.map((r) => r.maxClientMessages)) / secs,
      delay: delay.summary(),
      statusDelay: status.summary(),
      gaps: sum((r) => r.gaps),
      resyncs: sum((r) => r.resyncs),
      lost: {
        mismatchedClients: sum((r) => r.mismatchedClients),
        mismatchedRows: sum((r) => r.mismatchedRows),
        checkedRows: sum((r) => r.checkedRows),
        examples: parts.flatMap((r) => r.examples).slice(0, 5),
      },
    };
  });
  // With --instances the servers are server-1, server-2 …: their CPU adds up, their RSS too.
  const servers = input.procStats.filter((p) => /^server(-\d+)?$/.test(p.name));
  const serverProc: ProcStats | undefined = servers.length
    ? {
        ...servers[0]!,
        name: 'server',
        cpuAvg: servers.reduce((s, p) => s + p.cpuAvg, 0),
        cpuMax: servers.reduce((s, p) => s + p.cpuMax, 0),
        rssMaxBytes: servers.reduce((s, p) => s + p.rssMaxBytes, 0),
      }
    : undefined;
  const proc = (name: string) => (name === 'server' ? serverProc : input.procStats.find((p) => p.name === name));
  const h = input.health;
  // /healthz already reports the delay beyond the server histogram's 10 ms sampling period.
  const p99s = h.map((s) => s.process.eventLoopDelayP99Ms);
  const lags = h.flatMap((s) => (s.lagMs === null ? [] : [s.lagMs]));
  const g = input.generated;
  const warnings: string[] = [];
  for (const p of input.procStats) {
    if (!/^(generator|clients)/.test(p.name) || (p.cpuAvg < 85 && p.cpuMax < 95)) continue;
    warnings.push(
      `harness process ${p.name} ran at ${p.cpuAvg.toFixed(0)} % CPU (max ${p.cpuMax.toFixed(0)} %): the harness, not the server, may bound the figures`,
    );
  }
  const cpuAll = input.procStats.reduce((s, p) => s + p.cpuAvg, 0);
  const nproc = cpus().length;
  const foreign = Math.max(0, input.machineCpuPct - cpuAll);
  if (foreign > 20)
    warnings.push(
      `processes outside the benchmark used ${foreign.toFixed(0)} % of a core during the window: the figures are not those of a quiet machine`,
    );
  if (cpuAll > nproc * 100 * 0.85)
    warnings.push(`the machine is saturated: all processes together used ${cpuAll.toFixed(0)} % of ${nproc * 100} %`);
  if (g.rateMeasured < options.rate * 0.97)
    warnings.push(`the generator wrote ${g.rateMeasured.toFixed(0)} events/s, short of the ${options.rate} asked`);
  if (input.connectFailures > 0) warnings.push(`${input.connectFailures} subscribers failed to connect`);
  if (!input.caughtUp) warnings.push('the server did not reach the last entry written within 60 s of the stop');
  const server = {
    cpuAvgPct: proc('server')?.cpuAvg ?? 0,
    cpuMaxPct: proc('server')?.cpuMax ?? 0,
    rssMaxBytes: Math.max(proc('server')?.rssMaxBytes ?? 0, ...h.map((s) => s.process.rssBytes)),
    heapMaxBytes: Math.max(0, ...h.map((s) => s.process.heapUsedBytes)),
    eventLoopP99MaxMs: Math.max(0, ...p99s),
    eventLoopP99MedianMs: samplePercentile(p99s, 50),
    eventLoopMaxMs: Math.max(0, ...h.map((s) => s.process.eventLoopDelayMaxMs)),
    ingestionLagP99Ms: samplePercentile(lags, 99),
    ingestionLagMaxMs: Math.max(0, ...lags),
    drainMs: input.drainMs,
    caughtUp: input.caughtUp,
  };
  const lost = roles.reduce((s, r) => s + r.lost.mismatchedRows, 0);
  const by = (role: Role) => roles.find((r) => r.role === role)!;
  const live = [by('rep'), by('console')].filter((r) => r.clients > 0);
  const checks: { goal: string; ok: boolean }[] = [];
  if (options.rate <= 2000) {
    for (const r of live) {
      checks.push({ goal: `${r.role} p99 ≤ 15 ms (${r.delay.p99.toFixed(1)})`, ok: r.delay.p99 <= 15 });
      checks.push({ goal: `${r.role} max ≤ 50 ms (${r.delay.max.toFixed(1)})`, ok: r.delay.max <= 50 });
    }
    const w = by('wallboard');
    if (w.clients > 0) {
      checks.push({ goal: `wallboard ≤ 10 msgs/s (${w.msgsPerSecMax.toFixed(1)})`, ok: w.msgsPerSecMax <= 10 });
      checks.push({ goal: `wallboard p99 ≤ 120 ms (${w.delay.p99.toFixed(1)})`, ok: w.delay.p99 <= 120 });
    }
    checks.push({ goal: `server RSS ≤ 250 MB (${mb(server.rssMaxBytes)})`, ok: server.rssMaxBytes <= 250 * 2 ** 20 });
    const el = server.eventLoopP99MaxMs;
    checks.push({ goal: `event-loop p99 ≤ 10 ms (worst second ${el.toFixed(1)})`, ok: el <= 10 });
  } else {
    for (const r of live)
      checks.push({ goal: `${r.role} p99 ≤ 25 ms (${r.delay.p99.toFixed(1)})`, ok: r.delay.p99 <= 25 });
    checks.push({ goal: `server CPU ≤ 35 % (${server.cpuAvgPct.toFixed(0)})`, ok: server.cpuAvgPct <= 35 });
  }
  checks.push({
    goal: `nothing lost (${lost} rows differ)`,
    ok: lost === 0 && roles.every((r) => r.connected === r.clients),
  });
  return {
    options,
    machine: {
      nproc,
      cpuModel: cpus()[0]?.model ?? '?',
      memoryBytes: totalmem(),
      node: process.version,
      redis: redisVersion(),
    },
    measuredSeconds: secs,
    roles,
    generator: {
      targetRate: options.rate,
      achievedRate: g.rateMeasured,
      written: g.written,
      maxBehind: g.maxBehind,
      xaddErrors: g.xaddErrors,
    },
    server,
    redis: { usedMemoryBytes: input.redisUsedMemory, cpuAvgPct: proc('redis-server')?.cpuAvg ?? 0 },
    framesPerSec: roles.reduce((s, r) => s + r.msgsPerSec * r.clients, 0),
    processes: input.procStats,
    machineCpuPct: input.machineCpuPct,
    foreignCpuPct: foreign,
    ceilings: input.ceilings,
    storm: input.storm,
    warnings,
    checks: input.storm
      ? [
          ...checks,
          {
            goal: `storm: ${input.storm.resnapped}/${input.storm.sockets} fresh snapshots ≤ 10 s (${(input.storm.allMs / 1000).toFixed(1)} s)`,
            ok: input.storm.resnapped === input.storm.sockets && input.storm.allMs <= 10_000,
          },
          {
            goal: `storm: event-loop p99 ≤ 100 ms (worst second ${input.storm.eventLoopP99MaxMs.toFixed(0)})`,
            ok: input.storm.eventLoopP99MaxMs <= 100,
          },
        ]
      : checks,
  };
}

export const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MB`;
export const ms = (v: number) => (v >= 100 ? v.toFixed(0) : v.toFixed(1));
export const pad = (cells: string[], widths: number[]) => cells.map((c, i) => c.padStart(widths[i]!)).join('  ');
const n0 = (v: number | null) => (v === null ? 'n/a' : Math.round(v).toLocaleString('en-US'));

export function formatReport(r: BenchResult): string {
  const o = r.options;
  const out: string[] = [];
  out.push(
    `Floorboard benchmark: ${o.reps} reps, ${o.teams} teams, ${o.rate} events/s, ${r.measuredSeconds.toFixed(1)} s measured after ${o.warmup} s warm-up`,
  );
  out.push(dimensionsLine(o));
  out.push(
    `machine: ${r.machine.nproc} × ${r.machine.cpuModel}, ${mb(r.machine.memoryBytes)}, Node ${r.machine.node}, Redis ${r.machine.redis}`,
  );
  out.push('');
  const widths = [9, 9, 9, 8, 8, 8, 8, 8, 8, 8, 8, 6, 10];
  const head = [
    'role',
    'clients',
    'msg/s/cl',
    'max/cl',
    'p50',
    'p99',
    'p99.9',
    'max',
    'st p50',
    'st p99',
    'st max',
    'gaps',
    'lost rows',
  ];
  out.push(pad(head, widths));
  for (const x of r.roles) {
    if (x.clients === 0) continue;
    const d = x.delay;
    const s = x.statusDelay;
    out.push(
      pad(
        [
          x.role,
          `${x.connected}/${x.clients}`,
          x.msgsPerSec.toFixed(1),
          x.msgsPerSecMax.toFixed(1),
          ...[d.p50, d.p99, d.p999, d.max, s.p50, s.p99, s.max].map(ms),
          String(x.gaps),
          `${x.lost.mismatchedRows}/${x.lost.checkedRows}`,
        ],
        widths,
      ),
    );
  }
  out.push(
    '  delays in ms; p50…max: receipt − delta.cursor time; st: receipt − statusSince of rows whose status changed',
  );
  out.push('');
  const s = r.server;
  const c = r.ceilings;
  out.push(
    `events written      ${n0(r.generator.achievedRate)}/s of ${n0(r.generator.targetRate)}/s asked   ceiling: ${c.redisXaddPerSec === null ? 'not measured (--no-ceilings)' : `redis-benchmark XADD ${n0(c.redisXaddPerSec)}/s`}`,
  );
  out.push(
    `frames delivered    ${n0(r.framesPerSec)}/s to all clients        ceiling: ${c.fanoutFramesPerSec === null ? 'not measured' : `bare Socket.IO fan-out ${n0(c.fanoutFramesPerSec)}/s (${c.fanoutClients} clients)`}`,
  );
  out.push(
    `server CPU          ${s.cpuAvgPct.toFixed(0)} % of a core (max 1 s: ${s.cpuMaxPct.toFixed(0)} %)     ceiling: 100 % (one Node thread)`,
  );
  out.push(`server memory       RSS ${mb(s.rssMaxBytes)}, heap ${mb(s.heapMaxBytes)}`);
  out.push(
    `event-loop delay    (beyond the 10 ms sampling period) p99 worst second ${ms(s.eventLoopP99MaxMs)} ms, median second ${ms(s.eventLoopP99MedianMs)} ms, max ${ms(s.eventLoopMaxMs)} ms`,
  );
  out.push(
    `ingestion lag       p99 ${ms(s.ingestionLagP99Ms)} ms, max ${ms(s.ingestionLagMaxMs)} ms; drained ${s.drainMs} ms after stop${s.caughtUp ? '' : ' (NOT caught up)'}`,
  );
  out.push(`redis               used_memory ${mb(r.redis.usedMemoryBytes)}, CPU ${r.redis.cpuAvgPct.toFixed(0)} %`);
  out.push(
    `processes (CPU % avg / max 1 s, RSS): ${r.processes.map((p) => `${p.name} ${p.cpuAvg.toFixed(0)}/${p.cpuMax.toFixed(0)} % ${mb(p.rssMaxBytes)}`).join('; ')}`,
  );
  out.push(
    `machine CPU         ${r.machineCpuPct.toFixed(0)} % of ${r.machine.nproc * 100} %, of which ${r.foreignCpuPct.toFixed(0)} % by processes outside the benchmark`,
  );
  for (const x of r.roles) for (const e of x.lost.examples) out.push(`  mismatch: ${e}`);
  if (r.storm)
    out.push(
      `reconnect storm     ${r.storm.resnapped}/${r.storm.sockets} sockets held a fresh snapshot ${(r.storm.allMs / 1000).toFixed(1)} s after all were dropped; event-loop p99 worst second ${ms(r.storm.eventLoopP99MaxMs)} ms`,
    );
  out.push('');
  for (const k of r.checks) out.push(`${k.ok ? 'PASS' : 'FAIL'}  ${k.goal}`);
  for (const w of r.warnings) out.push(`WARNING: ${w}`);
  return out.join('\n');
}
