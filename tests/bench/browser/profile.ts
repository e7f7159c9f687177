/**
 * Summaries of a CDP CPU profile (`Profiler.stop`): self time per function, mapped back to the
 * client's sources when the bundle was built with source maps (`--profile` does that).
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { RawSourceMap, SourceMapConsumer } from 'source-map-js';
import { ROOT } from '../common';

export interface CpuProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}

export interface CpuProfile {
  nodes: CpuProfileNode[];
  startTime: number;
  endTime: number;
  samples?: number[];
  timeDeltas?: number[];
}

export interface SelfTime {
  /** `function (source:line)`, the source mapped when possible. */
  name: string;
  selfMs: number;
  /** Share of the profile's sampled time, in %. */
  pct: number;
}

export interface ProfileSummary {
  totalMs: number;
  /** Sampled time not idle and not `(program)` (the browser's own work outside JS is `(program)`). */
  busyMs: number;
  idleMs: number;
  programMs: number;
  gcMs: number;
  top: SelfTime[];
  /** Self time grouped by bundle area: vue runtime, app code by source file, other. */
  bySource: SelfTime[];
  /** Inclusive (total) time of the app's own functions (client/, shared/): where the work starts. */
  appInclusive: SelfTime[];
}

/** Maps `url:line:column` of the served bundle to the original position, when a map exists. */
type Mapper = (url: string, line: number, col: number) => Promise<string | null>;

function createMapper(clientDir: string | null): Mapper {
  const consumers = new Map<string, SourceMapConsumer | null>();
  return async (url, line, col) => {
    if (!clientDir || !url.includes('/assets/')) return null;
    const file = url.replace(/^.*\/assets\//, '').replace(/[?#].*$/, '');
    if (!consumers.has(file)) {
      const raw = await readFile(join(clientDir, 'assets', `${file}.map`), 'utf8').catch(() => null);
      // source-map-js comes with Vite (not a direct dependency): without it, no mapping.
      const lib = await import('source-map-js').catch(() => null);
      consumers.set(file, raw && lib ? new lib.SourceMapConsumer(JSON.parse(raw) as RawSourceMap) : null);
    }
    const consumer = consumers.get(file);
    if (!consumer) return null;
    const pos = consumer.originalPositionFor({ line: line + 1, column: col });
    if (!pos.source) return null;
    const source = pos.source
      .replace(/^(\.\.\/)+/, '')
      .replace(/^.*node_modules\//, 'node_modules/')
      .replace(ROOT.replace(/^\//, ''), '');
    return `${pos.name ? `${pos.name} ` : ''}(${source}:${pos.line})`;
  };
}

export async function summarizeProfile(
  profile: CpuProfile,
  clientDir: string | null,
  topN = 25,
): Promise<ProfileSummary> {
  const map = createMapper(clientDir);
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  // timeDeltas[i] is the time before sample i; attribute each interval to the sample that follows it.
  for (let i = 0; i < samples.length; i++) {
    const dt = (deltas[i + 1] ?? 0) / 1000;
    self.set(samples[i]!, (self.get(samples[i]!) ?? 0) + dt);
  }
  const totalMs = [...self.values()].reduce((a, b) => a + b, 0);
  const byName = new Map<string, number>();
  const bySource = new Map<string, number>();
  let idleMs = 0;
  let programMs = 0;
  let gcMs = 0;
  for (const [id, ms] of self) {
    const { functionName, url, lineNumber, columnNumber } = byId.get(id)!.callFrame;
    if (functionName === '(idle)') idleMs += ms;
    if (functionName === '(program)') programMs += ms;
    if (functionName === '(garbage collector)') gcMs += ms;
    const mapped = url ? await map(url, lineNumber, columnNumber) : null;
    const where =
      mapped ??
      (url
        ? `${functionName || '(anonymous)'} (${url.replace(/^.*\//, '')}:${lineNumber + 1}:${columnNumber + 1})`
        : functionName);
    byName.set(where, (byName.get(where) ?? 0) + ms);
    const source = mapped
      ? (/\(([^:]+):/.exec(mapped)?.[1] ?? 'app')
      : url
        ? 'bundle (unmapped)'
        : functionName || '(native)';
    const area = source.startsWith('node_modules/')
      ? source
          .split('/')
          .slice(0, source.startsWith('node_modules/@') ? 3 : 2)
          .join('/')
      : source;
    bySource.set(area, (bySource.get(area) ?? 0) + ms);
  }
  // Inclusive time of app functions: each sample counts once for every distinct app frame on its stack.
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const label = new Map<number, string | null>();
  for (const n of profile.nodes) {
    const { url, lineNumber, columnNumber } = n.callFrame;
    const mapped = url ? await map(url, lineNumber, columnNumber) : null;
    label.set(n.id, mapped && /\((client|shared)\//.test(mapped) ? mapped : null);
  }
  const inclusive = new Map<string, number>();
  for (let i = 0; i < samples.length; i++) {
    const dt = (deltas[i + 1] ?? 0) / 1000;
    const seen = new Set<string>();
    for (let id: number | undefined = samples[i]; id !== undefined; id = parent.get(id)) {
      const name = label.get(id);
      if (name && !seen.has(name)) {
        seen.add(name);
        inclusive.set(name, (inclusive.get(name) ?? 0) + dt);
      }
    }
  }
  const rows = (m: Map<string, number>) =>
    [...m]
      .map(([name, selfMs]) => ({ name, selfMs, pct: totalMs > 0 ? (100 * selfMs) / totalMs : 0 }))
      .sort((a, b) => b.selfMs - a.selfMs);
  return {
    totalMs,
    busyMs: totalMs - idleMs - programMs,
    idleMs,
    programMs,
    gcMs,
    top: rows(byName)
      .filter((r) => !['(idle)', '(program)'].includes(r.name))
      .slice(0, topN),
    bySource: rows(bySource)
      .filter((r) => !['(idle)', '(program)'].includes(r.name))
      .slice(0, topN),
    appInclusive: rows(inclusive).slice(0, topN),
  };
}
