import { parseArgs } from 'node:util';
import { isKnownTimeZone } from '../../../shared/time';
import type { RunnerStats } from './runner';
import { startSimulation } from './session';
import { shiftSettings, type StartMode } from './shift';

const HELP = `Usage: npm run simulate -- [options]

Writes a realistic telesales floor (logins, dials, calls, outcomes, pauses) to a Redis stream.

Options:
  --reps <n>          reps on the floor (default 60)
  --teams <n>         teams, team-a, team-b, ... (default 4, at most 26)
  --speed <x>         simulated time runs x times faster than real time (default 1)
  --seed <n>          seed of the generator; same seed, same floor (default: random, printed)
  --redis <url>       Redis URL (default: REDIS_URL or redis://127.0.0.1:6379)
  --stream <key>      stream key (default: FLOORBOARD_STREAM or floorboard:events)
  --start-at <when>   now: start at the current time, mid-shift, reps log in within a minute;
                      shift: start at today's shift start, reps log in over ten minutes (default now)
  --backfill          with --start-at now: first write the shift so far at once (busy totals at once)
  --duration <s>      stop after this many real seconds (default: when the shift is over)
  --faults <f>        fraction of extra malformed entries, e.g. 0.01 (default 0)
  --long-calls <f>    fraction of connected calls running 20-45 min (default 0.005)
  --long-pauses <f>   fraction of pauses overrunning by 10-30 min (default 0.05)
  --idle-reps <f>     fraction of returns to available followed by 5-12 min idle (default 0.003)
  --shift <a-b>       the shift, HH:MM-HH:MM; an end at or before the start is the next morning
                      (21:00-05:00); default FLOORBOARD_SHIFT_START/END
  --day-start <t>     when the business day starts, HH:MM (default FLOORBOARD_DAY_START or 00:00);
                      a night shift needs one outside it, e.g. --shift 21:00-05:00 --day-start 06:00
  -h, --help          show this help

The shift, day start and time zone are those of the server: FLOORBOARD_SHIFT_START/END (09:00/18:00),
FLOORBOARD_DAY_START (00:00) in FLOORBOARD_TZ (UTC); the flags must match the server's. The ts field carries the event time: at speed 1 the real time; at higher
speeds the simulated time, which runs ahead of the real clock (live timers then look too long).`;

class UsageError extends Error {}

function number(name: string, raw: string | undefined, fallback: number, min: number, max: number, int = false) {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(value) || value < min || value > max || (int && !Number.isInteger(value))) {
    throw new UsageError(`--${name} must be ${int ? 'an integer' : 'a number'} from ${min} to ${max}, got "${raw}"`);
  }
  return value;
}

function parse(argv: string[]) {
  const text = (short?: string) => ({ type: 'string' as const, ...(short ? { short } : {}) });
  const { values } = parseArgs({
    args: argv,
    strict: true,
    allowPositionals: false,
    options: {
      reps: text(),
      teams: text(),
      speed: text(),
      seed: text(),
      redis: text(),
      stream: text(),
      'start-at': text(),
      duration: text(),
      faults: text(),
      'long-calls': text(),
      'long-pauses': text(),
      'idle-reps': text(),
      shift: text(),
      'day-start': text(),
      backfill: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const env = process.env;
  const startAt = values['start-at'] ?? 'now';
  if (startAt !== 'now' && startAt !== 'shift')
    throw new UsageError(`--start-at must be now or shift, got "${startAt}"`);
  const redisUrl = values.redis ?? env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  if (!/^rediss?:\/\//.test(redisUrl)) throw new UsageError(`--redis must be a redis:// URL, got "${redisUrl}"`);
  const timeZone = env.FLOORBOARD_TZ || 'UTC';
  if (!isKnownTimeZone(timeZone)) throw new UsageError(`FLOORBOARD_TZ is not a known time zone: "${timeZone}"`);
  let shift;
  try {
    shift = shiftSettings({ shift: values.shift, dayStart: values['day-start'] }, env, timeZone);
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const duration = values.duration === undefined ? undefined : number('duration', values.duration, 0, 1, 1e7);
  return {
    help: values.help ?? false,
    backfill: values.backfill ?? false,
    reps: number('reps', values.reps, 60, 1, 5000, true),
    teams: number('teams', values.teams, 4, 1, 26, true),
    speed: number('speed', values.speed, 1, 0.01, 100_000),
    seed: values.seed === undefined ? undefined : number('seed', values.seed, 0, 0, 2 ** 32 - 1, true),
    redisUrl,
    stream: values.stream ?? (env.FLOORBOARD_STREAM || 'floorboard:events'),
    startMode: startAt as StartMode,
    durationMs: duration === undefined ? undefined : duration * 1000,
    faults: number('faults', values.faults, 0, 0, 1),
    longCalls: number('long-calls', values['long-calls'], 0.005, 0, 1),
    longPauses: number('long-pauses', values['long-pauses'], 0.05, 0, 1),
    idleReps: number('idle-reps', values['idle-reps'], 0.003, 0, 1),
    timeZone,
    shift,
  };
}

async function main(): Promise<void> {
  let options: ReturnType<typeof parse>;
  try {
    options = parse(process.argv.slice(2));
  } catch (err) {
    // parseArgs throws TypeErrors with a readable message for unknown or malformed flags.
    console.error(`simulate: ${(err as Error).message} (see --help)`);
    process.exit(2);
  }
  if (options.help) return void console.log(HELP);
  const clock = new Intl.DateTimeFormat('en-GB', {
    timeZone: options.timeZone,
    dateStyle: 'short',
    timeStyle: 'medium',
  });
  const progress = (s: RunnerStats) =>
    console.log(
      `simulate: ${s.written} entries written${s.faults ? ` (${s.faults} malformed)` : ''}, ` +
        `simulated clock ${clock.format(s.simNow)} ${options.timeZone}${s.backlog ? `, ${s.backlog} waiting for Redis` : ''}`,
    );
  const sim = await startSimulation({
    ...options,
    onProgress: progress,
    onWarning: (m) => console.warn(`simulate: ${m}`),
  });
  console.log(
    `simulate: ${options.reps} reps in ${options.teams} teams, speed ${options.speed}, seed ${sim.seed}, ` +
      `writing to ${options.stream} at ${options.redisUrl}; Ctrl+C to stop`,
  );
  const { layout, flagAt, shortListDryAt } = sim.model.plan;
  if (layout) {
    const short = layout.lists.find((l) => l.id === layout.shortList);
    console.log(
      `simulate: ${layout.campaigns.length} campaigns, ${layout.lists.length} lists, ${layout.callerIds.length} caller IDs; ` +
        `${layout.flaggedCallerId} gets flagged at ${clock.format(flagAt)}` +
        (short ? `; list ${short.id} (${short.size} customers) runs dry at ${clock.format(shortListDryAt)}` : ''),
    );
  }
  const stop = () => void sim.close();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  await sim.run.finished;
  await sim.close();
  progress(sim.run.stats);
  console.log(sim.model.done ? 'simulate: the shift is over, every rep has logged out' : 'simulate: stopped');
}

main().catch((err: unknown) => {
  console.error(`simulate: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
