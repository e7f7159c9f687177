/**
 * The report fields of issue #13: bytes and frames per role, bytes per changed rep, the server's
 * own egress delay per feed kind (read over IPC), per-instance CPU and RSS, the subscribers' CPU,
 * and the bare pipeline's figures with our/bare ratios.
 */
import type { EgressReport } from '../../server/realtime/egressStats';
import { ROLES, type Role, type RoleResult } from './common';
import { Histogram } from './histogram';
import type { ProcStats } from './procStats';
import type { BenchResult, StormFigures } from './report';

interface PhaseFigures {
  roles: RoleResult[];
  storm: StormFigures | null;
  /** Every server's event-loop p99 per measured second (the bare pipeline's figure for its goal). */
  loops: number[];
  procStats: ProcStats[];
  measuredSeconds: number;
  egressReports: EgressReport[];
  instanceNames: string[];
}

export interface WireRole {
  role: Role;
  bytesPerSecPerClient: number;
  framesPerSecPerClient: number;
  /** Of those, per Socket.IO event name, busiest first. */
  framesPerSecByEvent: [event: string, perSecPerClient: number][];
  /** `floor:delta` bytes ÷ rep patches they carried. */
  bytesPerChangedRep: number;
  p99: number;
  lostRows: number;
}

export interface WireFigures {
  roles: WireRole[];
  egress: { instance: string; report: EgressReport }[];
  instances: { name: string; cpuAvg: number; cpuMax: number; rssMaxBytes: number }[];
  /** CPU of the subscriber processes together (% of one core). */
  subscribersCpuAvg: number;
  bare: {
    roles: WireRole[];
    cpuAvg: number;
    rssMaxBytes: number;
    subscribersCpuAvg: number;
    /** Worst one-second event-loop p99 over the measured window. */
    eventLoopP99MaxMs: number;
    /** The same reconnect storm against the bare pipeline (with `--storm`). */
    storm: StormFigures | null;
  } | null;
  /** ours ÷ bare: p99 per role, server CPU, server RSS, the storm's time to the last fresh snapshot. */
  ratios: { p99: Partial<Record<Role, number>>; cpu: number; rss: number; storm: number | null } | null;
}

function byEvent(parts: RoleResult[]): [string, number][] {
  const counts = new Map<string, number>();
  for (const part of parts)
    for (const [event, n] of Object.entries(part.framesByEvent)) counts.set(event, (counts.get(event) ?? 0) + n);
  return [...counts].sort((a, b) => b[1] - a[1]);
}

function rolesOf(phase: PhaseFigures): WireRole[] {
  return ROLES.map((role) => {
    const parts = phase.roles.filter((r) => r.role === role);
    const sum = (f: (r: RoleResult) => number) => parts.reduce((s, r) => s + f(r), 0);
    const clients = Math.max(
      1,
      sum((r) => r.clients),
    );
    const delay = new Histogram();
    parts.forEach((p) => delay.merge(p.cursorDelay));
    const secs = phase.measuredSeconds;
    return {
      role,
      bytesPerSecPerClient: sum((r) => r.bytes) / clients / secs,
      framesPerSecPerClient: sum((r) => r.frames) / clients / secs,
      framesPerSecByEvent: byEvent(parts).map(([event, n]): [string, number] => [event, n / clients / secs]),
      bytesPerChangedRep:
        sum((r) => r.deltaBytes) /
        Math.max(
          1,
          sum((r) => r.deltaReps),
        ),
      p99: delay.summary().p99,
      lostRows: sum((r) => r.mismatchedRows),
    };
  });
}

const servers = (phase: PhaseFigures) => phase.procStats.filter((p) => phase.instanceNames.includes(p.name));
const subscribers = (phase: PhaseFigures) =>
  phase.procStats.filter((p) => p.name.startsWith('clients')).reduce((s, p) => s + p.cpuAvg, 0);

export function withWire(
  result: BenchResult,
  ours: PhaseFigures,
  bare: PhaseFigures | null,
): BenchResult & { wire: WireFigures } {
  const instances = servers(ours).map((p) => ({
    ...{ name: p.name, cpuAvg: p.cpuAvg, cpuMax: p.cpuMax, rssMaxBytes: p.rssMaxBytes },
  }));
  const roles = rolesOf(ours);
  const wire: WireFigures = {
    roles,
    egress: ours.egressReports.map((report, k) => ({ instance: ours.instanceNames[k]!, report })),
    instances,
    subscribersCpuAvg: subscribers(ours),
    bare: null,
    ratios: null,
  };
  if (bare) {
    const bareServer = servers(bare)[0];
    const bareRoles = rolesOf(bare);
    wire.bare = {
      roles: bareRoles,
      cpuAvg: bareServer?.cpuAvg ?? 0,
      rssMaxBytes: bareServer?.rssMaxBytes ?? 0,
      subscribersCpuAvg: subscribers(bare),
      eventLoopP99MaxMs: Math.max(0, ...bare.loops),
      storm: bare.storm,
    };
    const cpu = instances.reduce((s, i) => s + i.cpuAvg, 0);
    const rss = instances.reduce((s, i) => s + i.rssMaxBytes, 0);
    wire.ratios = {
      p99: Object.fromEntries(
        roles.map((r, k) => [r.role, bareRoles[k]!.p99 > 0 ? r.p99 / bareRoles[k]!.p99 : 0] as const),
      ),
      cpu: wire.bare.cpuAvg > 0 ? cpu / wire.bare.cpuAvg : 0,
      rss: wire.bare.rssMaxBytes > 0 ? rss / wire.bare.rssMaxBytes : 0,
      storm: ours.storm && bare.storm && bare.storm.allMs > 0 ? ours.storm.allMs / bare.storm.allMs : null,
    };
  }
  return { ...result, wire };
}

const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MB`;
const f1 = (v: number) => (v >= 100 ? v.toFixed(0) : v.toFixed(1));

export function formatWire(w: WireFigures): string {
  const out: string[] = ['', 'wire (issue #13)'];
  for (const r of w.roles) {
    if (r.framesPerSecPerClient === 0) continue;
    out.push(
      `  ${r.role.padEnd(9)} ${f1(r.bytesPerSecPerClient / 1024)} KB/s and ${f1(r.framesPerSecPerClient)} frames/s per client (${r.framesPerSecByEvent
        .slice(0, 4)
        .map(([event, n]) => `${event} ${f1(n)}`)
        .join(', ')}); ${f1(r.bytesPerChangedRep)} bytes per changed rep`,
    );
  }
  for (const { instance, report } of w.egress)
    out.push(
      `  egress ${instance}: ${(['floor', 'team', 'rep'] as const)
        .map(
          (k) =>
            `${k} p50 ${f1(report[k].p50)} / p99 ${f1(report[k].p99)} / max ${f1(report[k].max)} ms (${report[k].count})`,
        )
        .join('; ')}`,
    );
  for (const i of w.instances)
    out.push(`  ${i.name}: CPU ${i.cpuAvg.toFixed(0)} % (max ${i.cpuMax.toFixed(0)} %), RSS ${mb(i.rssMaxBytes)}`);
  out.push(`  subscribers' CPU ${w.subscribersCpuAvg.toFixed(0)} % (all client processes)`);
  if (w.bare && w.ratios) {
    const b = w.bare;
    out.push(
      `  bare pipeline: p99 ${b.roles.map((r) => `${r.role} ${f1(r.p99)}`).join(', ')} ms; CPU ${b.cpuAvg.toFixed(0)} %, RSS ${mb(b.rssMaxBytes)}; event-loop p99 worst second ${f1(b.eventLoopP99MaxMs)} ms; subscribers ${b.subscribersCpuAvg.toFixed(0)} %; frames/s per client ${b.roles.map((r) => `${r.role} ${f1(r.framesPerSecPerClient)}`).join(', ')}`,
    );
    if (b.storm)
      out.push(
        `  bare pipeline's reconnect storm: ${b.storm.resnapped}/${b.storm.sockets} sockets held a fresh snapshot ${(b.storm.allMs / 1000).toFixed(1)} s after all were dropped; event-loop p99 worst second ${f1(b.storm.eventLoopP99MaxMs)} ms`,
      );
    out.push(
      `  ours ÷ bare: p99 ${Object.entries(w.ratios.p99)
        .map(([role, x]) => `${role} ${x.toFixed(1)}×`)
        .join(
          ', ',
        )}; CPU ${w.ratios.cpu.toFixed(2)}×; RSS ${w.ratios.rss.toFixed(2)}×${w.ratios.storm === null ? '' : `; storm ${w.ratios.storm.toFixed(2)}×`}`,
    );
  }
  return out.join('\n');
}
