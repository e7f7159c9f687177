import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { findFreePort } from '../../server/dev/redisServer';

const root = fileURLToPath(new URL('../..', import.meta.url));
const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

describe('npm run demo', () => {
  it('starts its own Redis, the server and a simulated floor, serves the app, and stops cleanly on Ctrl+C', async () => {
    const port = await findFreePort();
    const demo = spawn(
      process.execPath,
      ['--import', 'tsx', 'server/dev/demo.ts', '--port', String(port), '--reps', '8', '--teams', '2'],
      {
        cwd: root,
        env: { ...process.env, FLOORBOARD_LOG_PRETTY: '0' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    cleanups.push(() => demo.kill('SIGKILL'));
    let output = '';
    demo.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    demo.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => demo.on('exit', (code) => resolve(code)));

    const running = await Promise.race([
      new Promise<boolean>((resolve) => {
        const check = () => (output.includes('Floorboard demo is running') ? resolve(true) : setTimeout(check, 100));
        check();
      }),
      exited.then(() => false),
    ]);
    expect(running, output.slice(-2000)).toBe(true);
    const kiosk = /\/wallboard\/([A-Za-z0-9_-]+)/.exec(output)?.[1];
    expect(kiosk).toBeDefined();
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
    const page = await fetch(`http://127.0.0.1:${port}/wallboard/${kiosk}`, { redirect: 'manual' });
    expect(page.status).toBeLessThan(400);

    // Chat apps: "Send summary now" on the demo's target, and the summary arrives at its local receiver.
    const password = /password is: (\S+)/.exec(output)?.[1];
    const login = await fetch(`http://127.0.0.1:${port}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'supervisor', password }),
    });
    const auth = { authorization: `Bearer ${((await login.json()) as { token: string }).token}` };
    const chat = (await (await fetch(`http://127.0.0.1:${port}/api/webhooks`, { headers: auth })).json()) as {
      targets: { id: string }[];
    };
    const summary = `http://127.0.0.1:${port}/api/webhooks/${chat.targets[0]!.id}/summary`;
    expect((await fetch(summary, { method: 'POST', headers: auth })).status).toBe(202);
    const arrived = () => /chat \| +### 下班小结：销售现场/.test(output);
    for (let i = 0; i < 100 && !arrived(); i++) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(arrived(), output.slice(-2000)).toBe(true);

    demo.kill('SIGINT');
    expect(await exited).toBe(0);
  }, 120_000);

  it('with --source asterisk, feeds the floor through a fake PBX speaking AMI and the real adapter', async () => {
    const port = await findFreePort();
    const demo = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        'server/dev/demo.ts',
        '--port',
        String(port),
        '--reps',
        '8',
        '--teams',
        '2',
        '--source',
        'asterisk',
      ],
      { cwd: root, env: { ...process.env, FLOORBOARD_LOG_PRETTY: '0' }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    cleanups.push(() => demo.kill('SIGKILL'));
    let output = '';
    demo.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    demo.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => demo.on('exit', (code) => resolve(code)));
    const until = (what: () => Promise<boolean> | boolean) =>
      Promise.race([
        new Promise<boolean>((resolve) => {
          const check = async () => ((await what()) ? resolve(true) : setTimeout(() => void check(), 100));
          void check();
        }),
        exited.then(() => false),
      ]);
    expect(await until(() => output.includes('Floorboard demo is running')), output.slice(-2000)).toBe(true);
    expect(output).toMatch(/Asterisk: +a fake PBX speaking AMI on 127\.0\.0\.1:\d+/);
    const kiosk = /\/wallboard\/([A-Za-z0-9_-]+)/.exec(output)![1]!;
    // The shift so far arrives as AMI events, through the adapter, onto the floor.
    const dials = async () => {
      const res = await fetch(`http://127.0.0.1:${port}/api/floor`, { headers: { authorization: `Bearer ${kiosk}` } });
      const body = (await res.json()) as { totals?: { dials: number } };
      return (body.totals?.dials ?? 0) > 0;
    };
    expect(await until(dials), output.slice(-2000)).toBe(true);
    expect(output).toMatch(/adapter \| .*logged in to 127\.0\.0\.1:\d+ as floorboard/);
    demo.kill('SIGINT');
    expect(await exited).toBe(0);
  }, 120_000);
  it('with --source freeswitch, feeds the floor through a fake FreeSWITCH event socket and the real adapter', async () => {
    const port = await findFreePort();
    const argv = [
      'server/dev/demo.ts',
      '--port',
      String(port),
      '--reps',
      '8',
      '--teams',
      '2',
      '--source',
      'freeswitch',
    ];
    const demo = spawn(process.execPath, ['--import', 'tsx', ...argv], {
      cwd: root,
      env: { ...process.env, FLOORBOARD_LOG_PRETTY: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    cleanups.push(() => demo.kill('SIGKILL'));
    let output = '';
    demo.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    demo.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => demo.on('exit', (code) => resolve(code)));
    const until = (what: () => Promise<boolean> | boolean) =>
      Promise.race([
        new Promise<boolean>((resolve) => {
          const check = async () => ((await what()) ? resolve(true) : setTimeout(() => void check(), 100));
          void check();
        }),
        exited.then(() => false),
      ]);
    expect(await until(() => output.includes('Floorboard demo is running')), output.slice(-2000)).toBe(true);
    expect(output).toMatch(/FreeSWITCH: +a fake event socket \(ESL\) on 127\.0\.0\.1:\d+/);
    const kiosk = /\/wallboard\/([A-Za-z0-9_-]+)/.exec(output)![1]!;
    // The shift so far arrives as ESL events, through the adapter, onto the floor.
    const dials = async () => {
      const res = await fetch(`http://127.0.0.1:${port}/api/floor`, { headers: { authorization: `Bearer ${kiosk}` } });
      const body = (await res.json()) as { totals?: { dials: number } };
      return (body.totals?.dials ?? 0) > 0;
    };
    expect(await until(dials), output.slice(-2000)).toBe(true);
    expect(output).toMatch(/adapter \| .*freeswitch: connected to 127\.0\.0\.1:\d+, events on/);
    expect(output).not.toMatch(/no agent matches|not written/);
    demo.kill('SIGINT');
    expect(await exited).toBe(0);
  }, 120_000);
});
