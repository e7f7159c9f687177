import type { Distribution } from './probe';
import type { BrowserBenchResult } from './options';

const ms = (x: number) => (x >= 100 ? x.toFixed(0) : x.toFixed(1));
const mb = (b: number | null) => (b === null ? 'n/a' : `${(b / 1048576).toFixed(1)} MB`);
const dist = (d: Distribution) =>
  `p50 ${ms(d.p50)}  p95 ${ms(d.p95)}  p99 ${ms(d.p99)}  max ${ms(d.max)}  mean ${ms(d.mean)}  (n ${d.count})`;

/** The human table (the JSON is the BrowserBenchResult itself). */
export function formatBrowserReport(r: BrowserBenchResult): string {
  const o = r.options;
  const p = r.probe;
  const lines = [
    `Browser benchmark: ${o.reps} tiles, ${o.teams} teams, ${o.rate} events/s, ${o.duration} s + ${o.warmup} s warm-up, ${o.width}×${o.height}, Chromium ${r.chromium} headless, client ${r.client}`,
    ...(o.css ? [`  injected CSS: ${o.css}`] : []),
    ...(o.clientDir ? [`  client served from: ${o.clientDir}`] : []),
    ...(o.extraArgs.length ? [`  extra Chromium flags: ${o.extraArgs.join(' ')}`] : []),
    '',
    `  frame interval (rAF Δ, ms)   ${dist(p.frameIntervals)}`,
    `  frames over 1.5 × median     ${p.framesOverBudget} of ${p.frameIntervals.count}`,
    `  frame work (rAF → next task) ${dist(p.frameWork)}`,
    `  long tasks                   ${p.longTasks.count} (max ${ms(p.longTasks.maxMs)} ms, total ${ms(p.longTasks.totalMs)} ms, ${p.longTasks.over100} over 100 ms)`,
    `  long animation frames        ${p.loaf.count} (max ${ms(p.loaf.maxMs)} ms, total ${ms(p.loaf.totalMs)} ms; script ${ms(p.loaf.scriptMs)} ms, style+layout ${ms(p.loaf.styleLayoutMs)} ms)`,
    `  renderer main thread         busy ${r.renderer.mainThreadBusyPct.toFixed(0)} %: script ${ms(r.renderer.scriptMs)} ms, style ${ms(r.renderer.recalcStyleMs)} ms (${r.renderer.recalcStyleCount}×), layout ${ms(r.renderer.layoutMs)} ms (${r.renderer.layoutCount}×), all tasks ${ms(r.renderer.taskMs)} ms`,
    `  deltas received              ${r.socket.deltasPerSecond.toFixed(1)}/s (${r.socket.framesPerSecond.toFixed(1)} socket frames/s; ${r.socket.deltaRepsMean.toFixed(0)} reps, ${(r.socket.deltaBytesMean / 1024).toFixed(1)} KB per delta)`,
    `  DOM mutations                ${p.mutations.perSecond.toFixed(0)} records/s, ${p.mutations.tilesTouchedPerSecond.toFixed(0)} tiles touched/s (at most ${p.mutations.maxTilesInOneBatch} in one batch)`,
    `  JS heap                      ${mb(p.heap.startBytes)} → ${mb(p.heap.endBytes)} (CDP ${mb(r.renderer.jsHeapUsedEndBytes)})`,
    `  DOM                          ${p.dom.nodesStart} → ${p.dom.nodesEnd} elements, ${p.dom.tiles} tiles; first ${o.reps} tiles in ${r.firstTilesMs} ms`,
    `  generator                    ${r.generator.rateMeasured.toFixed(0)}/s of ${o.rate} (behind at most ${r.generator.maxBehind}, ${r.generator.xaddErrors} errors)`,
    `  CPU (% of a core)            machine ${r.machineCpuPct.toFixed(0)}; ${r.procs
      .filter((s) => s.cpuAvg >= 0.5 || !s.name.startsWith('chromium'))
      .map((s) => `${s.name} ${s.cpuAvg.toFixed(0)} (max ${s.cpuMax.toFixed(0)})`)
      .join(', ')}`,
  ];
  if (p.loaf.topScripts.length) {
    lines.push('', '  script time inside long animation frames (LoAF attribution):');
    for (const s of p.loaf.topScripts)
      lines.push(`    ${ms(s.totalMs).padStart(7)} ms ${String(s.count).padStart(5)}×  ${s.name}`);
  }
  if (r.profile) {
    const pr = r.profile;
    lines.push(
      '',
      `  CPU profile of the page: ${ms(pr.totalMs)} ms sampled, JS+GC ${ms(pr.busyMs)} ms (GC ${ms(pr.gcMs)}), browser work outside JS (program) ${ms(pr.programMs)} ms, idle ${ms(pr.idleMs)} ms`,
      '  self time by source:',
    );
    for (const s of pr.bySource.slice(0, 12))
      lines.push(`    ${ms(s.selfMs).padStart(7)} ms ${s.pct.toFixed(1).padStart(5)} %  ${s.name}`);
    lines.push('  app functions by total (inclusive) time:');
    for (const s of pr.appInclusive.slice(0, 15))
      lines.push(`    ${ms(s.selfMs).padStart(7)} ms ${s.pct.toFixed(1).padStart(5)} %  ${s.name}`);
    lines.push('  top functions by self time:');
    for (const s of pr.top.slice(0, 25))
      lines.push(`    ${ms(s.selfMs).padStart(7)} ms ${s.pct.toFixed(1).padStart(5)} %  ${s.name}`);
  }
  lines.push(
    '',
    `  goal (p95 frame ≤ 16.7 ms + 1 ms vsync jitter, no long task > 50 ms): ${r.goal.met ? 'MET' : 'NOT MET'} — p95 ${ms(r.goal.frameP95Ms)} ms, longest task ${ms(r.goal.longTaskMaxMs)} ms`,
  );
  for (const w of r.warnings) lines.push(`  warning: ${w}`);
  return lines.join('\n');
}
