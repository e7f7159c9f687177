/**
 * The in-page recorder, installed with `page.addInitScript` before the app loads. It is plain
 * JavaScript in a string on purpose: functions handed to Playwright are serialised with
 * `toString()`, and tsx's esbuild transform may wrap inner functions in a `__name` helper that
 * does not exist in the page.
 *
 * Always on from the first script: `longtask` and `long-animation-frame` observers (buffered),
 * a MutationObserver on the document. `window.__fbBench.start()` opens the window (rAF loop,
 * counters reset), `window.__fbBench.stop()` closes it and returns a `ProbeResult`.
 */

export interface Distribution {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
}

export interface ScriptShare {
  /** `invoker` of the script entry (e.g. `WebSocket.onmessage`, `FrameRequestCallback`), and source function. */
  name: string;
  totalMs: number;
  count: number;
}

export interface ProbeResult {
  windowMs: number;
  /** rAF callback timestamp deltas (ms): the interval between frames the page produced. */
  frameIntervals: Distribution;
  /** Intervals above 1.5 × the median interval (a missed frame at a steady refresh rate). */
  framesOverBudget: number;
  /** From the start of a rAF callback to the first task after that frame (a MessageChannel message): script of the frame + style, layout, paint on the main thread. */
  frameWork: Distribution;
  longTasks: { count: number; maxMs: number; totalMs: number; over100: number };
  /** Long Animation Frames (frames over 50 ms), with where their script time went. */
  loaf: {
    count: number;
    maxMs: number;
    totalMs: number;
    /** Sum over LoAFs of forced and regular style + layout time (end − styleAndLayoutStart). */
    styleLayoutMs: number;
    /** Sum of attributed script durations. */
    scriptMs: number;
    topScripts: ScriptShare[];
  };
  mutations: { records: number; perSecond: number; tilesTouchedPerSecond: number; maxTilesInOneBatch: number };
  heap: { startBytes: number | null; endBytes: number | null; limitBytes: number | null };
  dom: { nodesStart: number; nodesEnd: number; tiles: number };
}

/** What the probe adds to `window`. */
export interface ProbeWindow {
  __fbBench: { start(): number; stop(): ProbeResult };
}

export const PROBE_SCRIPT = String.raw`
(() => {
  if (window.__fbBench) return;
  const long = [];
  const loafs = [];
  try {
    new PerformanceObserver((list) => { for (const e of list.getEntries()) long.push({ start: e.startTime, duration: e.duration }); })
      .observe({ type: 'longtask', buffered: true });
  } catch (e) {}
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        loafs.push({
          start: e.startTime,
          duration: e.duration,
          styleLayout: e.styleAndLayoutStart > 0 ? e.startTime + e.duration - e.styleAndLayoutStart : 0,
          scripts: (e.scripts || []).map((s) => ({
            name: (s.invoker || s.invokerType || '?') + ' ' + (s.sourceFunctionName || '') + ' ' +
              String(s.sourceURL || '').replace(/^.*\//, '') + (s.sourceCharPosition >= 0 ? ':' + s.sourceCharPosition : ''),
            duration: s.duration,
          })),
        });
      }
    }).observe({ type: 'long-animation-frame', buffered: true });
  } catch (e) {}

  let recording = false;
  let t0 = 0;
  let records = 0;
  let tilesTouched = 0;
  let maxTiles = 0;
  const mo = new MutationObserver((list) => {
    if (!recording) return;
    records += list.length;
    const tiles = new Set();
    for (const m of list) {
      let n = m.target;
      if (n && n.nodeType !== 1) n = n.parentElement;
      const tile = n && n.closest ? n.closest('[data-rep]') : null;
      if (tile) tiles.add(tile);
    }
    tilesTouched += tiles.size;
    if (tiles.size > maxTiles) maxTiles = tiles.size;
  });
  const observeDoc = () => mo.observe(document.documentElement, { subtree: true, childList: true, characterData: true, attributes: true });
  if (document.documentElement) observeDoc(); else document.addEventListener('DOMContentLoaded', observeDoc);

  let intervals = [];
  let work = [];
  let last = -1;
  const channel = new MessageChannel();
  channel.port1.onmessage = (ev) => { if (recording) work.push(performance.now() - ev.data); };
  const frame = (ts) => {
    if (!recording) return;
    if (last >= 0) intervals.push(ts - last);
    last = ts;
    channel.port2.postMessage(performance.now());
    requestAnimationFrame(frame);
  };

  const dist = (xs) => {
    const s = xs.slice().sort((a, b) => a - b);
    const q = (p) => (s.length ? s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)] : 0);
    const sum = s.reduce((a, b) => a + b, 0);
    return { count: s.length, p50: q(0.5), p95: q(0.95), p99: q(0.99), max: s.length ? s[s.length - 1] : 0, mean: s.length ? sum / s.length : 0 };
  };
  const heap = () => (performance.memory ? performance.memory.usedJSHeapSize : null);
  let heapStart = null;
  let nodesStart = 0;

  window.__fbBench = {
    start() {
      intervals = []; work = []; last = -1; records = 0; tilesTouched = 0; maxTiles = 0;
      heapStart = heap();
      nodesStart = document.getElementsByTagName('*').length;
      t0 = performance.now();
      recording = true;
      requestAnimationFrame(frame);
      return t0;
    },
    stop() {
      recording = false;
      const t1 = performance.now();
      const ms = t1 - t0;
      const inWindow = (e) => e.start >= t0 && e.start < t1;
      const lt = long.filter(inWindow);
      const lf = loafs.filter(inWindow);
      const scripts = new Map();
      let scriptMs = 0;
      for (const f of lf) for (const s of f.scripts) {
        scriptMs += s.duration;
        const cur = scripts.get(s.name) || { name: s.name, totalMs: 0, count: 0 };
        cur.totalMs += s.duration; cur.count++;
        scripts.set(s.name, cur);
      }
      const fi = dist(intervals);
      return {
        windowMs: ms,
        frameIntervals: fi,
        framesOverBudget: intervals.filter((x) => x > 1.5 * fi.p50).length,
        frameWork: dist(work),
        longTasks: {
          count: lt.length,
          maxMs: lt.reduce((m, e) => Math.max(m, e.duration), 0),
          totalMs: lt.reduce((m, e) => m + e.duration, 0),
          over100: lt.filter((e) => e.duration > 100).length,
        },
        loaf: {
          count: lf.length,
          maxMs: lf.reduce((m, e) => Math.max(m, e.duration), 0),
          totalMs: lf.reduce((m, e) => m + e.duration, 0),
          styleLayoutMs: lf.reduce((m, e) => m + e.styleLayout, 0),
          scriptMs,
          topScripts: [...scripts.values()].sort((a, b) => b.totalMs - a.totalMs).slice(0, 8),
        },
        mutations: { records, perSecond: (records * 1000) / ms, tilesTouchedPerSecond: (tilesTouched * 1000) / ms, maxTilesInOneBatch: maxTiles },
        heap: { startBytes: heapStart, endBytes: heap(), limitBytes: performance.memory ? performance.memory.jsHeapSizeLimit : null },
        dom: { nodesStart, nodesEnd: document.getElementsByTagName('*').length, tiles: document.querySelectorAll('[data-rep]').length },
      };
    },
  };
})();
`;
