import { loadConfig, type Config } from '../config';
import type { Log } from '../log';
import { createCommandConnection } from '../redis/connections';
import { redisKeys } from '../redis/keys';
import { MAX_SOURCE_CHARS, createSourceHealthRepo } from '../redis/sourceHealthRepo';
import { createHealthTracker } from './healthTracker';
import { ADAPTERS } from './registry';
import { createDryRunSink, createStreamSink } from './sinks';
import type { Adapter, AdapterContext, AdapterLog } from './types';
import { AdapterUsageError } from './usage';

export const RUNNER_USAGE = `Usage: npm run adapter -- <source> [--dry-run] [--name NAME] [source flags]
       npm run adapter -- --help | <source> --help

Turns a phone system's own events into Floorboard's ingestion contract and writes them to the
stream (REDIS_URL, FLOORBOARD_STREAM, FLOORBOARD_KEY_PREFIX: the server's settings).
  --dry-run    print each contract event as a JSON line on stdout; write nothing, no Redis needed
  --name NAME  the source's name on the health view (default: the source), e.g. asterisk-site2`;

export interface RunnerOptions {
  argv: readonly string[];
  env: Record<string, string | undefined>;
  /** stdout: dry-run events and help. */
  out: (line: string) => void;
  log: Log;
  signal: AbortSignal;
  adapters?: Readonly<Record<string, () => Promise<Adapter>>>;
  /** How often the source's health is written while nothing changes (ms). */
  healthEveryMs?: number;
}

/** Runs one adapter to its end; resolves with the process's exit code (0 done, 1 failed, 2 usage). */
export async function runAdapterCli(o: RunnerOptions): Promise<number> {
  const adapters = o.adapters ?? ADAPTERS;
  const [source, ...rest] = o.argv;
  if (!source || source === '--help' || source === '-h') {
    const usages = await Promise.all(Object.values(adapters).map(async (load) => (await load()).usage));
    o.out(`${RUNNER_USAGE}\n\nSources:\n${usages.map((u) => `  ${u.replace(/\n/g, '\n  ')}`).join('\n\n')}`);
    return source ? 0 : 2;
  }
  const load = Object.hasOwn(adapters, source) ? adapters[source] : undefined;
  if (!load) {
    o.log.error(`unknown source "${source.slice(0, 40)}"; sources: ${Object.keys(adapters).join(', ')}`);
    return 2;
  }
  const adapter = await load();
  if (rest.includes('--help') || rest.includes('-h')) return (o.out(adapter.usage), 0);
  const dryRun = rest.includes('--dry-run');
  const nameAt = rest.indexOf('--name');
  const name = nameAt >= 0 ? rest[nameAt + 1] : source;
  if (!name || !/^[A-Za-z0-9._-]+$/.test(name) || name.length > MAX_SOURCE_CHARS) {
    o.log.error(`--name must be 1-${MAX_SOURCE_CHARS} chars of A-Za-z0-9._-`);
    return 2;
  }
  const argv = rest.filter((arg, i) => arg !== '--dry-run' && !(nameAt >= 0 && (i === nameAt || i === nameAt + 1)));
  const log = o.log.child(name);
  const adapterLog: AdapterLog = { info: (m) => log.info(m), warn: (m) => log.warn(m) };
  const health = createHealthTracker(name);

  let stop = async () => {};
  let sink: AdapterContext['sink'];
  if (dryRun) {
    sink = createDryRunSink(o.out, health, adapterLog);
  } else {
    let config: Config;
    try {
      config = loadConfig(o.env, { clientDir: null });
    } catch (error) {
      log.error((error as Error).message); // e.g. REDIS_URL: must be a redis:// or rediss:// URL
      return 2;
    }
    const redis = createCommandConnection(config);
    redis.on('error', () => {}); // the sink's retries report a lost Redis
    const repo = createSourceHealthRepo(redis, redisKeys(config));
    const save = () => repo.save(health.snapshot()).catch(() => {});
    health.onChange(() => void save());
    const timer = setInterval(() => void save(), o.healthEveryMs ?? 5000);
    sink = createStreamSink({ redis, stream: config.stream, health, log: adapterLog, signal: o.signal });
    stop = async () => {
      clearInterval(timer);
      await save();
      await redis.quit().catch(() => redis.disconnect());
    };
  }
  try {
    await adapter.run(argv, { sink, health, log: adapterLog, signal: o.signal, env: o.env });
    health.ended(); // a silent-source alert is for a source lost, not for one done or stopped
    return 0;
  } catch (error) {
    if (error instanceof AdapterUsageError) {
      log.error(`${error.message}\n\n${adapter.usage}`);
      return 2;
    }
    log.error(error instanceof Error ? error.message : String(error));
    return 1;
  } finally {
    await stop();
  }
}
