import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { eachLine, terminate } from '../../server/dev/processes';
import { findFreePort } from '../../server/dev/redisServer';

/** A running `npm run demo`: where it is and how to get in. */
export interface Demo {
  baseUrl: string;
  /** The kiosk link's token (/wallboard/<token>). */
  kioskToken: string;
  password: string;
  supervisor: string;
  /** The first lead and their team; a rep of that team (signs in with the rep id). */
  lead: { username: string; team: string };
  rep: string;
  stop(): Promise<void>;
}

const root = fileURLToPath(new URL('../..', import.meta.url));
// The demo's banner, once its floor runs (ANSI colours stripped first).
const PATTERNS = {
  kioskToken: /\/wallboard\/([\w-]+)/,
  password: /password is: (\S+)/,
  supervisor: /supervisor:\s+(\S+)/,
  lead: /lead of (\S+):\s+(\S+)\s+\(reps (\S+?),/,
};

/** Starts the demo (its own redis-server, the built app, a simulated floor) and reads its banner. */
export async function startDemo(reps: number, teams: number): Promise<Demo> {
  const port = await findFreePort();
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', 'server/dev/demo.ts', '--reps', String(reps), '--teams', String(teams), '--port', String(port)],
    { cwd: root, env: { ...process.env, FLOORBOARD_LOG_PRETTY: '0' }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const tail: string[] = [];
  const found: Partial<Record<keyof typeof PATTERNS, RegExpExecArray>> = {};
  const ready = new Promise<void>((resolve, reject) => {
    const onLine = (raw: string) => {
      // eslint-disable-next-line no-control-regex
      const line = raw.replace(/\x1b\[[0-9;]*m/g, '');
      tail.push(line);
      if (tail.length > 40) tail.shift();
      for (const key of Object.keys(PATTERNS) as (keyof typeof PATTERNS)[]) {
        const m = PATTERNS[key].exec(line);
        if (m && !found[key]) found[key] = m;
      }
      // Its slow steps (a build, ten past days of a large floor) show as they happen.
      if (/^(Building|Simulated)/.test(line)) console.log(`  demo | ${line}`);
      if (line.includes('Press Ctrl+C to stop')) resolve();
    };
    eachLine(child.stdout, onLine);
    eachLine(child.stderr, onLine);
    child.once('exit', (code) => reject(new Error(`the demo exited (${code}); last lines:\n${tail.join('\n')}`)));
  });
  // 500 reps take minutes to seed on a busy machine; a demo that never comes up is stopped.
  let timedOut = false;
  const timeout = setTimeout(() => {
    timedOut = true;
    child.kill('SIGTERM');
  }, 900_000);
  try {
    await ready;
  } catch (error) {
    throw timedOut ? new Error(`the demo did not come up within 15 minutes:\n${tail.join('\n')}`) : error;
  } finally {
    clearTimeout(timeout);
  }
  const { kioskToken, password, supervisor, lead } = found;
  if (!kioskToken || !password || !supervisor || !lead) {
    await terminate(child);
    throw new Error(`could not read the demo's banner:\n${tail.join('\n')}`);
  }
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    kioskToken: kioskToken[1]!,
    password: password[1]!,
    supervisor: supervisor[1]!,
    lead: { team: lead[1]!, username: lead[2]! },
    rep: lead[3]!,
    stop: () => terminate(child, 15_000),
  };
}
