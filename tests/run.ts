/**
 * `npm test`: every check and every suite, the way CI runs them. Installs the system packages
 * the suites need (redis-server, chromium) when missing, and ends with one line
 * `N passed, N failed` summed over every suite.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureRedisServerInstalled } from '../server/dev/redisServer';
import { ensureChromiumInstalled } from './support/chromium';

function step(name: string, command: string, args: string[]): boolean {
  process.stdout.write(`\n== ${name}: ${command} ${args.join(' ')}\n`);
  const result = spawnSync(command, args, { stdio: 'inherit', env: process.env });
  if (result.status !== 0) process.stdout.write(`== ${name} failed (exit ${result.status ?? result.signal})\n`);
  return result.status === 0;
}

/** A check run in the background; its output is printed whole when it ends, so two never interleave. */
function check(name: string, command: string, args: readonly string[]): Promise<boolean> {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(command, [...args], { env: process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    const output: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => output.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => output.push(chunk));
    const done = (code: number | null, reason?: string) => {
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      process.stdout.write(`\n== ${name}: ${command} ${args.join(' ')} (${seconds} s)\n`);
      process.stdout.write(Buffer.concat(output));
      if (code !== 0) process.stdout.write(`== ${name} failed (${reason ?? `exit ${code}`})\n`);
      resolve(code === 0);
    };
    child.on('error', (error) => done(null, error.message));
    child.on('close', (code, signal) => done(code, signal ?? undefined));
  });
}

/** Runs the checks two at a time (each is one process on one core): the order of the list is the order they start. */
async function checks(list: ReadonlyArray<readonly [string, string, readonly string[]]>): Promise<number> {
  let failed = 0;
  let next = 0;
  const lane = async () => {
    while (next < list.length) {
      const [name, command, args] = list[next++]!;
      if (!(await check(name, command, args))) failed++;
    }
  };
  await Promise.all([lane(), lane()]);
  return failed;
}

interface VitestJson {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
  success: boolean;
}

async function main(): Promise<number> {
  await ensureRedisServerInstalled();
  await ensureChromiumInstalled();
  const bin = (name: string) => join('node_modules', '.bin', name);
  const failedChecks = await checks([
    ['typecheck', bin('vue-tsc'), ['-b']],
    ['lint', bin('eslint'), ['.']],
    // An import loop anywhere fails the run (type-only imports count): rooms import downwards only.
    [
      'import cycles',
      bin('madge'),
      [
        '--circular',
        '--no-spinner',
        '--extensions',
        'ts,vue',
        '--ts-config',
        'tsconfig.json',
        'server',
        'shared',
        'client',
        'tests',
      ],
    ],
    ['format', bin('prettier'), ['--check', '.']],
    ['build', 'npm', ['run', 'build']],
  ] as const);
  const report = join(mkdtempSync(join(tmpdir(), 'floorboard-test-')), 'vitest.json');
  step('tests', bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`]);
  let passed = 0;
  let failed = failedChecks;
  try {
    const json = JSON.parse(readFileSync(report, 'utf8')) as VitestJson;
    passed += json.numPassedTests;
    failed += json.numFailedTests;
    // A skipped test is a test that could not fail: count it as failed.
    failed += json.numPendingTests + json.numTodoTests;
    if (!json.success && json.numFailedTests === 0) failed++; // e.g. a suite that failed to load
  } catch {
    failed++;
    process.stdout.write('== tests produced no report\n');
  }
  if (failedChecks > 0) process.stdout.write(`== ${failedChecks} check(s) failed (typecheck, lint, format or build)\n`);
  process.stdout.write(`\n${passed} passed, ${failed} failed\n`);
  return failed === 0 && passed > 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`npm test: ${String(error)}\n0 passed, 1 failed\n`);
    process.exit(1);
  },
);
