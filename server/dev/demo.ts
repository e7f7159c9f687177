import { spawn, type ChildProcess } from 'node:child_process';
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { randomInt } from 'node:crypto';
import { createLocalTime } from '../../shared/time';
import { seedHistory } from './simulator/history';
import { createDemoAccounts, describeDemoAccounts } from './demoAccounts';
import { startSimulation, type Simulation } from './simulator/session';
import { startAmiDemo } from './fakePbx/amiDemo';
import { startEslDemo } from './fakePbx/eslDemo';
import { formatShift, shiftAround, shiftSettings } from './simulator/shift';
import { eachLine, newestMtime, oldestMtime, pollUntil, runInherit, terminate } from './processes';
import { ensureRedisServerInstalled, startRedisServer, type RedisServerHandle } from './redisServer';
import { SERVER_NODE_ARGS } from './serverCommand';
import { startWebhookReceiver } from './webhookReceiver';
import { createDemoChatTarget } from './demoChat';

const HELP = `Usage: npm run demo -- [--reps 60] [--teams 4] [--speed 1] [--port 3000] [--host 127.0.0.1] [--dev]
                     [--source simulator|asterisk|freeswitch] [--shift 09:00-18:00] [--day-start 00:00]

Starts a private redis-server, builds the app when needed, runs the server and a simulated floor.
--dev (npm run dev): runs the server from source with reload and Vite's dev server (hot reload) on port 5173.
--source asterisk: the simulated floor is played by a fake Asterisk speaking AMI over TCP, and the real
  adapter (npm run adapter -- asterisk) writes the stream, instead of the simulator writing it.
--source freeswitch: likewise, played by a fake FreeSWITCH event socket and read by npm run adapter -- freeswitch.
--shift, --day-start: the shift and business day start (default FLOORBOARD_SHIFT_START/END, FLOORBOARD_DAY_START),
  handed to the server as those variables; a night shift: --shift 21:00-05:00 --day-start 06:00.
  Outside the shift's hours the demo plays a shift of the same length around now.`;
const root = fileURLToPath(new URL('../..', import.meta.url)); // server/dev/demo.ts -> the repository
// What the simulated floor achieves on an average day, so that pace shows a mix of ahead and behind.
const DEMO_TARGETS = {
  FLOORBOARD_TARGET_DIALS: '200',
  FLOORBOARD_TARGET_EFFECTIVE_CALLS: '50',
  FLOORBOARD_TARGET_TALK_MINUTES: '200',
  FLOORBOARD_TARGET_LEADS: '7',
  FLOORBOARD_TARGET_DEALS: '2',
  FLOORBOARD_TARGET_REVENUE: '2800',
};

function options() {
  const { values } = parseArgs({
    options: {
      reps: { type: 'string', default: '60' },
      teams: { type: 'string', default: '4' },
      speed: { type: 'string', default: '1' },
      port: { type: 'string', default: process.env.PORT || '3000' },
      host: { type: 'string', default: '127.0.0.1' },
      help: { type: 'boolean', short: 'h' },
      dev: { type: 'boolean', default: false },
      source: { type: 'string', default: 'simulator' },
      shift: { type: 'string' },
      'day-start': { type: 'string' },
    },
  });
  if (values.source !== 'simulator' && values.source !== 'asterisk' && values.source !== 'freeswitch')
    throw new Error('--source must be simulator, asterisk or freeswitch');
  const int = (name: 'reps' | 'teams' | 'port', min: number, max: number) => {
    const value = Number(values[name]);
    if (!Number.isInteger(value) || value < min || value > max) throw new Error(`--${name} must be ${min}-${max}`);
    return value;
  };
  const speed = Number(values.speed);
  if (!(speed >= 0.1 && speed <= 10_000)) throw new Error('--speed must be a number from 0.1 to 10000');
  const [reps, teams, port] = [int('reps', 1, 5000), int('teams', 1, 26), int('port', 1, 65535)];
  return {
    help: values.help ?? false,
    reps,
    teams,
    speed,
    port,
    host: values.host,
    dev: values.dev ?? false,
    source: values.source as 'simulator' | 'asterisk' | 'freeswitch',
    shift: values.shift,
    dayStart: values['day-start'],
  };
}

async function buildIfStale(): Promise<void> {
  const built = await oldestMtime([join(root, 'dist/server/main.js'), join(root, 'dist/client/index.html')]);
  const sources = ['server', 'shared', 'client', 'package.json', 'package-lock.json', 'vite.config.ts'];
  // Dev tooling (server/dev/: the simulator, this file) is not part of the build.
  const skip = new Set(['node_modules', 'dev']);
  if (
    built !== null &&
    built >=
      (await newestMtime(
        sources.map((p) => join(root, p)),
        skip,
      ))
  )
    return;
  console.log('Building the app (npm run build)...');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  if ((await runInherit(npm, ['run', 'build'], root)) !== 0) throw new Error('npm run build failed');
}

async function startServer(env: NodeJS.ProcessEnv, url: string, dev: boolean): Promise<ChildProcess> {
  const args = dev ? ['--import', 'tsx', '--watch', 'server/main.ts'] : SERVER_NODE_ARGS;
  const server = spawn(process.execPath, args, {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let ready = false;
  const tail: string[] = [];
  const onLine = (line: string) => {
    tail.push(line);
    if (tail.length > 30) tail.shift();
    if (line.includes('listening on')) ready = true;
    // Until ready, show everything; afterwards only what needs attention.
    if (!ready || /\b(warn|error)\b/i.test(line)) console.log(`  server | ${line}`);
  };
  eachLine(server.stdout, onLine);
  eachLine(server.stderr, onLine);
  const exited = new Promise<boolean>((resolve) => server.once('exit', () => resolve(false)));
  const healthy = async () => ready || (await fetch(`${url}/healthz`)).status === 200;
  const ok = await Promise.race([pollUntil(healthy, Date.now() + 30_000), exited]);
  if (!ok) {
    await terminate(server);
    throw new Error(
      `the server did not start (exit code ${server.exitCode ?? 'none'}); last lines:\n${tail.join('\n')}`,
    );
  }
  return server;
}

function lanUrls(port: number): string[] {
  return Object.values(networkInterfaces())
    .flat()
    .filter((a) => a && a.family === 'IPv4' && !a.internal)
    .map((a) => `http://${a!.address}:${port}`);
}

async function main(): Promise<void> {
  let opts: ReturnType<typeof options>;
  try {
    opts = options();
  } catch (err) {
    console.error(`demo: ${(err as Error).message} (see --help)`);
    process.exit(2);
  }
  if (opts.help) return void console.log(HELP);
  let redis: RedisServerHandle | undefined;
  let server: ChildProcess | undefined;
  let vite: ChildProcess | undefined;
  let sim: Pick<Simulation, 'model' | 'close'> | undefined;
  let chat: { url: string; close(): Promise<void> } | undefined;
  let stopping = false;
  const stopAll = async (code: number) => {
    if (stopping) return;
    stopping = true;
    console.log('\nStopping the demo...');
    await sim?.close();
    if (vite) await terminate(vite);
    if (server) await terminate(server);
    await chat?.close();
    await redis?.stop();
    process.exit(code);
  };
  process.on('SIGINT', () => void stopAll(0));
  process.on('SIGTERM', () => void stopAll(0));
  try {
    await ensureRedisServerInstalled();
    redis = await startRedisServer({ appendOnly: true });
    if (!opts.dev) await buildIfStale();
    const timeZone = process.env.FLOORBOARD_TZ || Intl.DateTimeFormat().resolvedOptions().timeZone;
    // One source of truth: the demo simulates this shift and hands the server the same variables.
    const configured = shiftSettings({ shift: opts.shift, dayStart: opts.dayStart }, process.env, timeZone);
    // Outside shift hours the demo moves the shift around now, or the board would show a closed floor.
    const shift = shiftAround(Date.now(), timeZone, configured);
    if (shift !== configured) {
      const [was, now] = [formatShift(configured), formatShift(shift)];
      console.log(
        `It is outside the shift ${was.start}-${was.end} in ${timeZone}: the demo plays ${now.start}-${now.end} ` +
          `(to watch this shift now, set FLOORBOARD_TZ to a zone where it is on).`,
      );
    }
    const stream = process.env.FLOORBOARD_STREAM || 'floorboard:events';
    const local = `http://${opts.host === '0.0.0.0' || opts.host === '::' ? '127.0.0.1' : opts.host}:${opts.port}`;
    // Past days first: the server reads month-to-date figures at start, and week and month
    // leaderboards and last week's trend line need history.
    const seed = randomInt(1, 2 ** 31);
    const history = await seedHistory({
      redisUrl: redis.url,
      prefix: process.env.FLOORBOARD_KEY_PREFIX || 'floorboard:',
      reps: opts.reps,
      teams: opts.teams,
      seed,
      days: 10,
      // The 20 working days before with day totals only: history charts show 30 days (issue #17).
      totalsOnlyDays: 20,
      timeZone,
      shift,
      today: createLocalTime(timeZone, shift.dayStartMinute ?? 0).dayOf(Date.now()),
    });
    console.log(
      `Simulated ${history.days.length} past working days (${history.events} events) in ${history.elapsedMs} ms` +
        ` and ${history.totalsOnlyDays.length} days before them with day totals only.`,
    );
    // A local chat app (webhook receiver) that prints what arrives: Admin → Chat apps → Send summary now.
    chat = await startWebhookReceiver((line) => console.log(`  chat | ${line}`));
    await createDemoChatTarget({
      ...{ redisUrl: redis.url, prefix: process.env.FLOORBOARD_KEY_PREFIX || 'floorboard:', stream },
      ...{ receiverUrl: chat.url, summaryAt: formatShift(shift).end },
    });
    server = await startServer(
      {
        ...DEMO_TARGETS,
        FLOORBOARD_WEBHOOK_ALLOW_LOCAL_HTTP: '1',
        FLOORBOARD_WEBHOOK_ALLOW_PRIVATE: '1', // the local receiver is on 127.0.0.1
        FLOORBOARD_PUBLIC_URL: process.env.FLOORBOARD_PUBLIC_URL || local,
        ...process.env,
        PORT: String(opts.port),
        HOST: opts.host,
        REDIS_URL: redis.url,
        FLOORBOARD_STREAM: stream,
        FLOORBOARD_TZ: timeZone,
        FLOORBOARD_SHIFT_START: formatShift(shift).start,
        FLOORBOARD_SHIFT_END: formatShift(shift).end,
        FLOORBOARD_DAY_START: formatShift(shift).dayStart,
        // Human-readable log lines in the demo's terminal; JSON lines everywhere else.
        FLOORBOARD_LOG_PRETTY: process.env.FLOORBOARD_LOG_PRETTY ?? '1',
      },
      local,
      opts.dev,
    );
    if (opts.dev) {
      vite = spawn(process.execPath, ['node_modules/vite/bin/vite.js', '--port', '5173', '--strictPort'], {
        cwd: root,
        env: { ...process.env, FLOORBOARD_DEV_SERVER: local },
        stdio: 'inherit',
      });
    }
    server.once('exit', (code) => {
      if (!stopping) console.error(`The server exited unexpectedly (code ${code}).`);
      void stopAll(1);
    });
    const floorOptions = {
      seed,
      redisUrl: redis.url,
      stream,
      reps: opts.reps,
      teams: opts.teams,
      speed: opts.speed,
      timeZone,
      shift,
      longCalls: 0.005,
      longPauses: 0.05,
      idleReps: 0.003,
    };
    const adapterOptions = {
      ...floorOptions,
      keyPrefix: process.env.FLOORBOARD_KEY_PREFIX || 'floorboard:',
      onLine: (line: string) => console.log(`  adapter | ${line}`),
    };
    sim =
      opts.source === 'asterisk'
        ? await startAmiDemo(adapterOptions)
        : opts.source === 'freeswitch'
          ? await startEslDemo(adapterOptions)
          : await startSimulation({
              ...floorOptions,
              startMode: 'now',
              backfill: true,
              onWarning: (m) => console.warn(`  simulator | ${m}`),
            });
    const people = await createDemoAccounts(
      redis.url,
      process.env.FLOORBOARD_KEY_PREFIX || 'floorboard:',
      sim.model.reps,
    );
    const token = people.kioskToken;
    const { start, end, dayStart } = formatShift(shift);
    console.log(`
Floorboard ${opts.dev ? 'dev setup' : 'demo'} is running.
  Wallboard (kiosk link for a TV, no sign-in):
              ${opts.dev ? 'http://localhost:5173' : local}/wallboard/${token}${
                opts.host === '0.0.0.0'
                  ? lanUrls(opts.port)
                      .map((u) => `\n  On a TV:    ${u}/wallboard/${token}`)
                      .join('')
                  : ''
              }
${describeDemoAccounts(people, opts.dev ? 'http://localhost:5173' : local)}
  Redis:      ${redis.url}  (stream ${stream})
  Floor:      ${opts.reps} simulated reps in ${opts.teams} teams, speed ${opts.speed}, shift ${start}-${end} ${timeZone}${
    dayStart === '00:00' ? '' : `, business day from ${dayStart}`
  }${
    'amiPort' in sim
      ? `\n  Asterisk:   a fake PBX speaking AMI on 127.0.0.1:${String(sim.amiPort)}, read by npm run adapter -- asterisk`
      : 'eslPort' in sim
        ? `\n  FreeSWITCH: a fake event socket (ESL) on 127.0.0.1:${String(sim.eslPort)}, read by npm run adapter -- freeswitch`
        : ''
  }
  Chat apps:  a local webhook receiver on ${chat.url} prints what arrives (lines "chat |"); the summary
              goes at ${end}, or now: Admin → Chat apps → Send summary now
  Add an event by hand:  redis-cli -p ${redis.port} XADD ${stream} '*' type rep.pause rep rep-001 reason break
Press Ctrl+C to stop.`);
  } catch (err) {
    console.error(`demo: ${err instanceof Error ? err.message : String(err)}`);
    await stopAll(1);
  }
}

void main();
