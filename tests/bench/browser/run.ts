/**
 * `npm run bench:browser`: the floor wallboard in Debian's Chromium (headless, through
 * playwright-core) with N rep tiles while the open-loop generator writes events at a rate;
 * the page measures itself with its own performance APIs (rAF, longtask, long-animation-frame,
 * MutationObserver, performance.memory) and CDP adds Performance.getMetrics, the WebSocket
 * frames received and, with `--profile`, a CPU profile mapped to the client's sources.
 * `runBrowserBench(options)` is the same run for a test.
 */
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Redis } from 'ioredis';
import { chromium, type Browser } from 'playwright-core';
import { toStreamFields } from '../../../shared/events/parseCallEvent';
import { startRedisServer, type RedisServerHandle } from '../../../server/dev/redisServer';
import { terminate } from '../../../server/dev/processes';
import { CHROMIUM_ARGS, ensureChromiumInstalled } from '../../support/chromium';
import { nextMessage, repId, sleep, spawnTs, teamOf, type GeneratorCommand, type GeneratorResult } from '../common';
import { createProcSampler, readMachine } from '../procStats';
import { ensureBuilt, startServer, STREAM } from '../setup';
import { parseArgs } from './args';
import { ensureClientBuilt, rendererMetrics, runToStderr, type ClientBuild } from './build';
import { PROBE_SCRIPT, type ProbeWindow } from './probe';
import { summarizeProfile, type CpuProfile, type ProfileSummary } from './profile';
import { chromiumProcesses, strayProcesses } from './procs';
import { formatBrowserReport } from './report';
import {
  BROWSER_DEFAULTS,
  GOAL,
  type BrowserBenchOptions,
  type BrowserBenchResult,
  type RendererMetrics,
} from './options';

export async function runBrowserBench(input: Partial<BrowserBenchOptions> = {}): Promise<BrowserBenchResult> {
  const o: BrowserBenchOptions = { ...BROWSER_DEFAULTS, log: () => {}, ...input };
  const children: ChildProcess[] = [];
  const register = (c: ChildProcess) => void children.push(c);
  const warnings: string[] = [];
  let redisServer: RedisServerHandle | null = null;
  let redis: Redis | null = null;
  let browser: Browser | null = null;
  let profileDir: string | null = null;
  const onSignal = () => void cleanup().finally(() => process.exit(130));
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  async function cleanup(): Promise<void> {
    await browser?.close().catch(() => {});
    browser = null;
    await Promise.all(children.map((c) => terminate(c)));
    redis?.disconnect();
    redis = null;
    await redisServer?.stop();
    redisServer = null;
    if (profileDir) await rm(profileDir, { recursive: true, force: true });
  }

  try {
    const executablePath = await ensureChromiumInstalled();
    await ensureBuilt(o.log);
    let client: ClientBuild = o.clientDir ? 'given dir' : await ensureClientBuilt(o.log);
    if (o.profile && !o.clientDir) {
      profileDir = await mkdtemp(join(tmpdir(), 'floorboard-bench-client-'));
      o.log(`--profile: building the client with source maps into ${profileDir}`);
      const code = await runToStderr('npx', ['vite', 'build', '--sourcemap', '--outDir', profileDir, '--emptyOutDir']);
      if (code !== 0) throw new Error('vite build --sourcemap failed');
      client = 'profile build';
    }

    redisServer = await startRedisServer();
    redis = new Redis(redisServer.url, { maxRetriesPerRequest: 3 });
    // Every rep logs in first, so that the floor has N tiles before the load starts.
    const at = Date.now();
    const logins = redis.pipeline();
    for (let i = 0; i < o.reps; i++) {
      const rep = repId(i, o.reps);
      const event = { type: 'rep.login', rep, at, name: `Rep ${i + 1}`, team: teamOf(i, o.reps, o.teams) } as const;
      logins.xadd(STREAM, '*', ...toStreamFields(event));
    }
    await logins.exec();

    const token = randomBytes(24).toString('hex');
    // startServer passes this process's environment on: the profile build is served from its dir.
    const previousClientDir = process.env.FLOORBOARD_CLIENT_DIR;
    const served = profileDir ?? o.clientDir;
    if (served) process.env.FLOORBOARD_CLIENT_DIR = served;
    const server = await startServer(redisServer.url, token, register).finally(() => {
      if (previousClientDir === undefined) delete process.env.FLOORBOARD_CLIENT_DIR;
      else process.env.FLOORBOARD_CLIENT_DIR = previousClientDir;
    });
    o.log(`server ${server.url} (pid ${server.child.pid}); ${o.reps} reps logged in`);

    const args = [...CHROMIUM_ARGS, '--enable-precise-memory-info', ...o.extraArgs];
    browser = await chromium.launch({ executablePath, headless: true, args });
    const version = browser.version();
    // The app's CSP (style-src 'self') refuses a <style> element: --css needs the CSP bypassed.
    const context = await browser.newContext({
      viewport: { width: o.width, height: o.height },
      bypassCSP: o.css !== null,
    });
    await context.addInitScript({ content: PROBE_SCRIPT });
    if (o.css) {
      const css = JSON.stringify(o.css);
      const add = `const s=document.createElement('style');s.textContent=${css};document.documentElement.appendChild(s);`;
      await context.addInitScript({
        content: `document.addEventListener('DOMContentLoaded',()=>{${add}});`,
      });
    }
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable', { timeDomain: 'timeTicks' });
    await cdp.send('Network.enable');
    let counting = false;
    let frames = 0;
    let deltas = 0;
    let deltaBytes = 0;
    let deltaReps = 0;
    cdp.on('Network.webSocketFrameReceived', ({ response }) => {
      if (!counting) return;
      frames++;
      const data = response.payloadData;
      if (!data.startsWith('42["floor:delta"')) return;
      deltas++;
      deltaBytes += data.length;
      // Patches are arrays ([id, mask, ...values]): count them from the decoded frame.
      deltaReps += (JSON.parse(data.slice(2)) as [string, { reps: unknown[] }])[1].reps.length;
    });

    const openedAt = Date.now();
    await page.goto(`${server.url}/wallboard/${token}`);
    await page.waitForURL(/\/floor$/, { timeout: 30_000 });
    // Functions, not strings: the app's CSP (script-src 'self') forbids eval in the page.
    await page.waitForFunction((n) => document.querySelectorAll('[data-rep]').length >= n, o.reps, {
      timeout: 120_000,
      polling: 100,
    });
    const firstTilesMs = Date.now() - openedAt;
    o.log(`${o.reps} tiles in ${firstTilesMs} ms (Chromium ${version}, ${o.width}×${o.height})`);

    // spawnTs resolves the file against tests/bench/common.ts.
    const generator = spawnTs('./generator.ts', [], {
      BENCH_GENERATOR: JSON.stringify({
        redisUrl: redisServer.url,
        stream: STREAM,
        ...{ reps: o.reps, teams: o.teams, rate: o.rate, seed: o.seed, tickMs: o.tickMs, timeZone: 'UTC' },
      }),
    });
    register(generator);
    await nextMessage(generator, 'ready', 30_000);
    const gen = (cmd: GeneratorCommand) => generator.send(cmd);
    const procs = () => [
      { name: 'server', pid: server.child.pid! },
      { name: 'generator', pid: generator.pid! },
      ...chromiumProcesses(),
    ];
    const sampler = createProcSampler(procs);

    o.log(`generating ${o.rate} events/s: ${o.warmup} s warm-up, ${o.duration} s measured …`);
    gen({ type: 'start' });
    await sleep(o.warmup * 1000);
    gen({ type: 'measure' });
    sampler.mark();
    const machineAtMark = readMachine();
    if (o.profile) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 250 });
      await cdp.send('Profiler.start');
    }
    if (o.traceOut) {
      const categories = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute'];
      await browser.startTracing(page, { path: o.traceOut, categories });
    }
    const metricsStart = await rendererMetrics(cdp);
    counting = true;
    const windowStart = performance.now();
    await page.evaluate(() => (window as unknown as ProbeWindow).__fbBench.start());
    await sleep(o.duration * 1000);
    const probe = await page.evaluate(() => (window as unknown as ProbeWindow).__fbBench.stop());
    counting = false;
    if (o.traceOut) await browser.stopTracing();
    if (o.screenshotOut) await page.screenshot({ path: o.screenshotOut });
    const windowSeconds = (performance.now() - windowStart) / 1000;
    const metricsEnd = await rendererMetrics(cdp);
    let profile: ProfileSummary | null = null;
    if (o.profile) {
      const { profile: raw } = await cdp.send('Profiler.stop');
      if (o.profileOut) await writeFile(o.profileOut, JSON.stringify(raw));
      profile = await summarizeProfile(raw as unknown as CpuProfile, profileDir ?? o.clientDir);
    }
    const procStats = sampler.finish();
    const machineAtEnd = readMachine();
    const resultReply = nextMessage<{ type: 'result'; result: GeneratorResult }>(generator, 'result', 60_000);
    gen({ type: 'stop' });
    const generated = (await resultReply).result;

    const d = (name: string) => (metricsEnd[name] ?? 0) - (metricsStart[name] ?? 0);
    const renderer: RendererMetrics = {
      taskMs: d('TaskDuration') * 1000,
      scriptMs: d('ScriptDuration') * 1000,
      recalcStyleMs: d('RecalcStyleDuration') * 1000,
      layoutMs: d('LayoutDuration') * 1000,
      recalcStyleCount: d('RecalcStyleCount'),
      layoutCount: d('LayoutCount'),
      mainThreadBusyPct: (d('TaskDuration') * 100) / Math.max(0.001, d('Timestamp') || windowSeconds),
      jsHeapUsedEndBytes: metricsEnd.JSHeapUsedSize ?? 0,
      nodesEnd: metricsEnd.Nodes ?? 0,
    };
    const cores = cpus().length;
    const machineCpuPct =
      ((machineAtEnd.busy - machineAtMark.busy) / Math.max(1, machineAtEnd.total - machineAtMark.total)) * 100 * cores;

    if (probe.dom.tiles < o.reps) warnings.push(`only ${probe.dom.tiles} of ${o.reps} tiles at the end`);
    if (generated.rateMeasured < o.rate * 0.95)
      warnings.push(`generator wrote ${generated.rateMeasured.toFixed(0)}/s of ${o.rate}/s`);
    if (machineCpuPct > 90 * cores)
      warnings.push(`machine saturated: ${machineCpuPct.toFixed(0)} % of ${cores * 100} % CPU over the window`);
    const ours = procStats.reduce((s, p) => s + p.cpuAvg, 0);
    if (machineCpuPct - ours > 20)
      warnings.push(`processes outside the benchmark used ~${(machineCpuPct - ours).toFixed(0)} % of a core`);
    if (client === 'stale (build failed)') warnings.push('dist/client is older than client/: the build failed');

    const { log: _log, ...settings } = o;
    const met =
      probe.frameIntervals.p95 <= GOAL.frameP95Ms + GOAL.vsyncJitterMs && probe.longTasks.maxMs <= GOAL.longTaskMs;
    return {
      options: settings,
      chromium: version,
      client,
      firstTilesMs,
      probe,
      renderer,
      socket: {
        deltasPerSecond: deltas / windowSeconds,
        framesPerSecond: frames / windowSeconds,
        deltaBytesMean: deltas ? deltaBytes / deltas : 0,
        deltaRepsMean: deltas ? deltaReps / deltas : 0,
      },
      generator: {
        rateMeasured: generated.rateMeasured,
        maxBehind: generated.maxBehind,
        xaddErrors: generated.xaddErrors,
      },
      procs: procStats,
      machineCpuPct,
      profile,
      goal: { frameP95Ms: probe.frameIntervals.p95, longTaskMaxMs: probe.longTasks.maxMs, met },
      warnings,
    };
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await cleanup();
    const stray = strayProcesses();
    if (stray.length) o.log(`processes still running after cleanup: ${stray.join('; ')}`);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  try {
    const { options, json } = parseArgs(process.argv.slice(2));
    const result = await runBrowserBench({ ...options, log: (line) => console.error(`bench:browser: ${line}`) });
    // With --json the table goes to stderr, so that stdout is the one JSON object.
    if (json) {
      console.error(formatBrowserReport(result));
      console.log(JSON.stringify(result));
    } else console.log(formatBrowserReport(result));
    // Leftover handles must not keep the command alive; the verdict is in the table and the JSON.
    process.exit(0);
  } catch (error) {
    console.error(`bench:browser failed: ${(error as Error).stack ?? String(error)}`);
    process.exit(1);
  }
}
