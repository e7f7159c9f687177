import { dimensionsLine } from './options';
import { mb, ms, pad, type BenchResult } from './report';

/**
 * The cost of the dimensions: two runs at the same load, with and without them, side by side.
 * Each figure is the server's (CPU % of a core, peak RSS and heap, event-loop p99 and ingestion
 * lag p99) or Redis's memory; a difference inside the runs' noise is just that.
 */
export function formatDimensionsCost(withDims: BenchResult, without: BenchResult): string {
  const rows: [string, number, number, (v: number) => string][] = [
    ['server CPU (% core)', withDims.server.cpuAvgPct, without.server.cpuAvgPct, (v) => v.toFixed(0)],
    ['server RSS', withDims.server.rssMaxBytes, without.server.rssMaxBytes, mb],
    ['server heap', withDims.server.heapMaxBytes, without.server.heapMaxBytes, mb],
    ['event loop p99 (ms)', withDims.server.eventLoopP99MaxMs, without.server.eventLoopP99MaxMs, ms],
    ['ingestion lag p99 (ms)', withDims.server.ingestionLagP99Ms, without.server.ingestionLagP99Ms, ms],
    ['redis used_memory', withDims.redis.usedMemoryBytes, without.redis.usedMemoryBytes, mb],
  ];
  const widths = [24, 12, 12, 12, 8];
  const out = [
    `Cost of the dimensions (${withDims.options.rate} events/s, ${withDims.options.reps} reps): ${dimensionsLine(withDims.options)}`,
    pad(['', 'with', 'without', 'difference', ''], widths),
  ];
  for (const [name, a, b, f] of rows) {
    const diff = a - b;
    const pct = b > 0 ? `${diff >= 0 ? '+' : ''}${((diff / b) * 100).toFixed(0)} %` : 'n/a';
    out.push(pad([name, f(a), f(b), `${diff >= 0 ? '+' : '−'}${f(Math.abs(diff))}`, pct], widths));
  }
  if (withDims.options.rate !== without.options.rate || withDims.options.reps !== without.options.reps)
    out.push('WARNING: the two runs differ in load; the difference is not the dimensions alone');
  return out.join('\n');
}
