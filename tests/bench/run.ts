/**
 * `npm run bench`: a private redis-server, the built server in its own process, an open-loop
 * load generator and headless subscribers; prints per-role delays, loss, rates, server figures
 * and this machine's ceilings. `runBench(options)` is the same run for a test.
 */
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpus } from 'node:os';
import { pathToFileURL } from 'node:url';
import { Redis } from 'ioredis';
import { startRedisServer, type RedisServerHandle } from '../../server/dev/redisServer';
import { fanoutRate, redisXaddRate, type Ceilings } from './ceilings';
import {
  nextMessage,
  sleep,
  spawnTs,
  type ClientsCommand,
  type ClientsMessage,
  type GeneratorCommand,
  type GeneratorResult,
  type RoleResult,
} from './common';
import { formatDimensionsCost } from './dimensionsCost';
import { createProcSampler, readMachine } from './procStats';
import { reconnectStorm } from './storm';
import { buildResult, formatReport, type BenchResult, type HealthSample, type StormFigures } from './report';
import { formatWire, withWire, type WireFigures } from './wire';
import type { EgressReport } from '../../server/realtime/egressStats';
import { createViewers, ensureBuilt, metricsHeaders, startServer, STREAM } from './setup';
import { BENCH_DIMENSIONS, DEFAULTS, QUICK, type BenchOptions } from './options';

export type { BenchResult } from './report';

export async function runBench(input: Partial<BenchOptions> = {}): Promise<BenchResult & { wire: WireFigures }> {
  const o: BenchOptions = { ...DEFAULTS, log: () => {}, ...input };
  const children: ChildProcess[] = [];
  const register = (c: ChildProcess) => void children.push(c);
  let redisServer: RedisServerHandle | null = null;
  let redis: Redis | null = null;
  const onSignal = () => void cleanup().finally(() => process.exit(130));
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  async function stopAll(list: ChildProcess[]): Promise<void> {
    await Promise.all(
      list.map(async (c) => {
        if (c.exitCode !== null || c.signalCode !== null) return;
        const exited = new Promise((r) => c.once('exit', r));
        c.kill('SIGTERM');
        const timer = setTimeout(() => c.kill('SIGKILL'), 5000);
        await exited;
        clearTimeout(timer);
      }),
    );
  }

  async function cleanup(): Promise<void> {
    await stopAll(children);
    redis?.disconnect();
    await redisServer?.stop();
  }

  try {
    await ensureBuilt(o.log);
    redisServer = await startRedisServer();
    redis = new Redis(redisServer.url, { maxRetriesPerRequest: 3 });
    const ceilings: Ceilings = { redisXaddPerSec: null, fanoutFramesPerSec: null, fanoutClients: 0, notes: [] };
    const totalClients = o.wallboards + o.consoles + o.repPages;
    if (o.ceilings) {
      o.log('ceilings: redis-benchmark XADD …');
      ceilings.redisXaddPerSec = await redisXaddRate(redisServer.port, register);
      await redis.del('bench:ceiling');
      ceilings.fanoutClients = Math.max(1, Math.min(o.fanoutClients, totalClients));
      o.log(`ceilings: bare Socket.IO fan-out to ${ceilings.fanoutClients} clients …`);
      ceilings.fanoutFramesPerSec = await fanoutRate(ceilings.fanoutClients, 3, register);
    }

    o.log(`accounts and sessions for ${totalClients} clients …`);
    const wallboardToken = randomBytes(24).toString('hex');
    const specs = await createViewers(redis, o, wallboardToken);
    const redisPid = Number(/process_id:(\d+)/.exec(await redis.info('server'))?.[1] ?? 0);

    /** One measured run against our server(s) or the bare pipeline: same load, same subscribers. */
    async function phase(kind: 'ours' | 'bare') {
      const phaseChildren: ChildProcess[] = [];
      const own = (c: ChildProcess) => (register(c), phaseChildren.push(c));
      await redis!.del(STREAM);
      const servers: {
        name: string;
        child: ChildProcess;
        url: string;
        healthz: () => Promise<HealthSample>;
        /**
         * The event-loop p99 (ms) of the window since the previous read, with ours' whole /healthz
         * (the bare pipeline answers over IPC and has no /healthz). Each read starts a new window.
         */
        sample: () => Promise<{ health: HealthSample | null; loopMs: number }>;
      }[] = [];
      if (kind === 'ours') {
        for (let k = 0; k < o.instances; k++) {
          const server = await startServer(redisServer!.url, wallboardToken, own);
          const name = o.instances > 1 ? `server-${k + 1}` : 'server';
          const healthz = async () =>
            (await (await fetch(`${server.url}/healthz`, { headers: metricsHeaders })).json()) as HealthSample;
          await healthz(); // resets the event-loop window
          const sample = async () => {
            const health = await healthz();
            return { health, loopMs: health.process.eventLoopDelayP99Ms };
          };
          servers.push({ name, child: server.child, url: server.url, healthz, sample });
          o.log(`${name} ${server.url} (pid ${server.child.pid})`);
        }
      } else {
        const child = spawnTs('./bare.ts', [], {
          BENCH_BARE: JSON.stringify({ redisUrl: redisServer!.url, stream: STREAM }),
        });
        own(child);
        const { port } = await nextMessage<{ type: 'listening'; port: number }>(child, 'listening', 30_000);
        const healthz = () => Promise.reject(new Error('the bare pipeline has no /healthz'));
        const sample = () => {
          const reply = nextMessage<{ type: 'eventLoop'; p99Ms: number }>(child, 'eventLoop', 10_000);
          child.send({ type: 'eventLoop' });
          return reply.then((m) => ({ health: null, loopMs: m.p99Ms }));
        };
        await sample(); // resets the event-loop window
        servers.push({ name: 'bare', child, url: `http://127.0.0.1:${port}`, healthz, sample });
        o.log(`bare pipeline http://127.0.0.1:${port} (pid ${child.pid})`);
      }
      const placed = specs.map((spec, i) => ({ ...spec, url: servers[i % servers.length]!.url }));

      o.log(`connecting ${specs.length} subscribers in ${o.clientProcs} processes …`);
      const clientProcs = Array.from({ length: o.clientProcs }, () => spawnTs('./clients.ts', []));
      clientProcs.forEach(own);
      const tell = (cmd: ClientsCommand) => clientProcs.forEach((c) => c.send(cmd));
      const connectedAt = Date.now();
      const connected = clientProcs.map((c) =>
        nextMessage<Extract<ClientsMessage, { type: 'connected' }>>(c, 'connected', 300_000),
      );
      clientProcs.forEach((c, k) => {
        const share = placed.filter((_, i) => i % o.clientProcs === k);
        c.send({ type: 'init', url: servers[0]!.url, specs: share, concurrency: 100 } satisfies ClientsCommand);
      });
      const connections = await Promise.all(connected);
      const failed = connections.reduce((s, c) => s + c.failed, 0);
      o.log(
        `connected in ${Date.now() - connectedAt} ms (${failed} failed${failed ? `: ${connections.find((c) => c.firstError)?.firstError}` : ''})`,
      );

      const generator = spawnTs('./generator.ts', [], {
        BENCH_GENERATOR: JSON.stringify({
          redisUrl: redisServer!.url,
          stream: STREAM,
          ...{ reps: o.reps, teams: o.teams, rate: o.rate, seed: o.seed, tickMs: o.tickMs, timeZone: 'UTC' },
          dimensions: o.dimensions ? BENCH_DIMENSIONS : false,
        }),
      });
      own(generator);
      await nextMessage(generator, 'ready', 30_000);
      const gen = (cmd: GeneratorCommand) => generator.send(cmd);
      const procs = [
        ...servers.map((x) => ({ name: x.name, pid: x.child.pid! })),
        { name: 'redis-server', pid: redisPid },
        { name: 'generator', pid: generator.pid! },
        ...clientProcs.map((c, k) => ({ name: `clients-${k + 1}`, pid: c.pid! })),
      ].filter((p) => p.pid > 0);
      const sampler = createProcSampler(() => procs);
      const health: HealthSample[] = [];
      const healthBy = new Map<string, HealthSample[]>(servers.map((x) => [x.name, []]));
      let measuring = false;
      const loops: number[] = []; // every server's event-loop p99, per measured second
      const poll = setInterval(() => {
        for (const x of servers)
          void x
            .sample()
            .then(({ health: h, loopMs }) => {
              if (!measuring) return;
              loops.push(loopMs);
              if (!h) return;
              health.push(h);
              healthBy.get(x.name)!.push(h);
            })
            .catch(() => {});
      }, 1000);
      const egress = (child: ChildProcess) => {
        const reply = nextMessage<{ type: 'egress'; egress: EgressReport }>(child, 'egress', 10_000);
        child.send({ type: 'egress' });
        return reply.then((m) => m.egress);
      };

      o.log(`${kind}: generating ${o.rate} events/s: ${o.warmup} s warm-up, ${o.duration} s measured …`);
      gen({ type: 'start' });
      await sleep(o.warmup * 1000);
      if (kind === 'ours') await Promise.all(servers.map((x) => egress(x.child))); // starts the window
      const measureAt = Date.now();
      gen({ type: 'measure' });
      tell({ type: 'measure', at: measureAt });
      sampler.mark();
      const machineAtMark = readMachine();
      measuring = true;
      await sleep(o.duration * 1000);
      const resultReply = nextMessage<{ type: 'result'; result: GeneratorResult }>(generator, 'result', 120_000);
      gen({ type: 'stop' });
      tell({ type: 'stopMeasure', at: Date.now() });
      const egressReports = kind === 'ours' ? await Promise.all(servers.map((x) => egress(x.child))) : [];
      const measuredSeconds = (Date.now() - measureAt) / 1000;
      const procStats = sampler.finish();
      const machineAtEnd = readMachine();
      // Whole-machine CPU over the window, in % of one core (100 × cores when all are busy).
      const cores = cpus().length;
      const machineCpuPct =
        ((machineAtEnd.busy - machineAtMark.busy) / Math.max(1, machineAtEnd.total - machineAtMark.total)) *
        100 *
        cores;
      measuring = false;
      const generated = (await resultReply).result;

      // Drain: every server has read the last entry written, then the last coalesced deltas go out.
      const drainStart = Date.now();
      let caughtUp = kind === 'bare';
      while (!caughtUp && Date.now() - drainStart < 60_000) {
        const hs = await Promise.all(servers.map((x) => x.healthz().catch(() => null)));
        if (hs.every((h) => h && h.cursor === generated.lastId)) caughtUp = true;
        else await sleep(50);
      }
      const drainMs = Date.now() - drainStart;
      await sleep(kind === 'bare' ? 1000 : 500);
      clearInterval(poll);

      // The bare pipeline weathers the same storm: its time is what the sockets and the
      // subscribers' own reconnecting cost, the baseline for ours.
      let storm: StormFigures | null = null;
      if (o.storm) {
        o.log(`${kind}: reconnect storm: every one of ${specs.length} sockets dropped at once …`);
        storm = await reconnectStorm(servers, clientProcs);
        await sleep(500);
      }

      const results = clientProcs.map((c) =>
        nextMessage<Extract<ClientsMessage, { type: 'result' }>>(c, 'result', 120_000),
      );
      tell({ type: 'compare', totals: generated.totals });
      const roles: RoleResult[][] = (await Promise.all(results)).map((r) => r.roles);
      const info = await redis!.info('memory');
      const usedMemory = Number(/used_memory:(\d+)/.exec(info)?.[1] ?? 0);
      tell({ type: 'exit' });
      await stopAll(phaseChildren);
      return {
        ...{ roles: roles.flat(), generated, procStats, health, healthBy, measuredSeconds, drainMs, caughtUp },
        ...{ redisUsedMemory: usedMemory, connectFailures: failed, machineCpuPct, storm, egressReports, loops },
        instanceNames: servers.map((x) => x.name),
      };
    }

    const ours = await phase('ours');
    const bare = o.bare ? await phase('bare') : null;
    const result = buildResult({ options: o, ceilings, ...ours });
    return withWire(result, ours, bare);
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await cleanup();
  }
}

/** The command line of `npm run bench` (exported for its test). */
export function parseArgs(argv: string[]): { options: Partial<BenchOptions>; json: boolean } {
  const flags: Record<string, keyof BenchOptions> = {
    '--reps': 'reps',
    '--teams': 'teams',
    '--rate': 'rate',
    '--duration': 'duration',
    '--warmup': 'warmup',
    '--wallboards': 'wallboards',
    '--consoles': 'consoles',
    '--rep-pages': 'repPages',
    '--client-procs': 'clientProcs',
    '--tick-ms': 'tickMs',
    '--seed': 'seed',
    '--fanout-clients': 'fanoutClients',
    '--instances': 'instances',
  };
  const options: Partial<BenchOptions> = argv.includes('--quick') ? { ...QUICK } : {};
  let json = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--quick') continue;
    if (arg === '--json') json = true;
    else if (arg === '--no-ceilings') options.ceilings = false;
    else if (arg === '--storm') options.storm = true;
    else if (arg === '--no-bare') options.bare = false;
    else if (arg === '--no-dimensions') options.dimensions = false;
    else if (arg === '--dimensions-cost') options.compareDimensions = true;
    else if (arg === '--help') {
      console.log(
        `npm run bench -- [--quick] [--json] [--no-ceilings] [--no-dimensions | --dimensions-cost] ${Object.keys(flags)
          .map((f) => `[${f} N]`)
          .join(' ')}`,
      );
      process.exit(0);
    } else if (flags[arg] && Number.isFinite(Number(argv[i + 1])) && Number(argv[i + 1]) >= 0) {
      (options as Record<string, number>)[flags[arg]] = Number(argv[++i]);
    } else throw new Error(`unknown or invalid option ${arg} (see --help)`);
  }
  return { options, json };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  try {
    const { options, json } = parseArgs(process.argv.slice(2));
    const log = (line: string) => console.error(`bench: ${line}`);
    const result = await runBench({ ...options, log });
    // --dimensions-cost: the same run again with bare call events, and what the dimensions cost.
    const without = options.compareDimensions ? await runBench({ ...options, dimensions: false, log }) : null;
    // With --json the table goes to stderr, so that stdout is the one JSON object.
    const report =
      formatReport(result) +
      formatWire(result.wire) +
      (without ? `\n\n${formatReport(without)}\n\n${formatDimensionsCost(result, without)}` : '');
    if (json) {
      console.error(report);
      console.log(JSON.stringify(without ? { ...result, withoutDimensions: without } : result));
    } else console.log(report);
    // Leftover handles (sockets closing) must not keep the command alive.
    process.exit(0);
  } catch (error) {
    console.error(`bench failed: ${(error as Error).stack ?? String(error)}`);
    process.exit(1);
  }
}
