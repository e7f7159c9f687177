import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { PassThrough, Readable } from 'node:stream';
import { promisify } from 'node:util';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { createAccountRepo } from '../../server/redis/accountRepo';
import { createSessionRepo } from '../../server/redis/sessionRepo';
import { findFreePort } from '../../server/dev/redisServer';
import { runUsersCommand } from '../../server/cli/usersCommand';

const redisUrl = inject('redisUrl');
const T0 = Date.UTC(2025, 2, 3, 9, 30);
const cleanups: (() => Promise<unknown> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function setup(redis = new Redis(redisUrl)) {
  const prefix = `test:${randomUUID()}:`;
  cleanups.push(() => redis.disconnect());
  const accounts = createAccountRepo(redis, prefix);
  const sessions = createSessionRepo(redis, prefix, { ttlMs: 60_000 });
  /** Runs one command in-process with `input` as standard input. */
  async function run(argv: string[], input = '') {
    const stdout = collect();
    const stderr = collect();
    const stdin = Readable.from(input ? [input] : []);
    const code = await runUsersCommand(
      argv,
      { stdin, stdout: stdout.stream, stderr: stderr.stream },
      {
        redis,
        prefix,
        now: () => T0,
      },
    );
    return { code, stdout: stdout.text(), stderr: stderr.text() };
  }
  return { redis, prefix, accounts, sessions, run };
}

function collect() {
  const stream = new PassThrough();
  let text = '';
  stream.on('data', (chunk: Buffer) => (text += chunk.toString()));
  return { stream, text: () => text };
}

describe('npm run users', () => {
  it('adds an account whose password then verifies', async () => {
    const { accounts, run } = setup();
    const added = await run(['add', 'alice', '--role', 'lead', '--team', 'team-a'], 's3cret-password-1\n');
    expect(added).toEqual({ code: 0, stdout: 'added alice (lead, team team-a)\n', stderr: '' });
    expect(await accounts.verify('alice', 's3cret-password-1')).toEqual({
      username: 'alice',
      role: 'lead',
      team: 'team-a',
      rep: null,
      createdAt: T0,
    });
    expect((await run(['add', 'bob', '--role', 'rep', '--rep', 'r-17'], 'bob-password-1\n')).stdout).toBe(
      'added bob (rep r-17)\n',
    );
    expect((await run(['add', 'carol', '--role', 'supervisor'], 'carol-password-1')).stdout).toBe(
      'added carol (supervisor)\n',
    );
  });

  it('refuses bad input with one line naming the problem and exit code 2', async () => {
    const { accounts, run } = setup();
    const cases: [string[], string, RegExp][] = [
      [['add', 'alice', '--role', 'lead'], 's3cret-password-1\n', /^users: team is required for a lead\n$/],
      [['add', 'bob', '--role', 'rep', '--team', 'team-a'], 's3cret-password-1\n', /^users: rep is required/],
      [['add', 'alice', '--role', 'supervisor'], 'short\n', /^users: password must be at least 10 characters\n$/],
      [['add', 'alice', '--role', 'supervisor'], '', /^users: no password on standard input\n$/],
      [['add', 'Alice!', '--role', 'supervisor'], 's3cret-password-1\n', /^users: username must be 2-32 chars/],
      [
        ['add', 'alice', '--role', 'admin'],
        's3cret-password-1\n',
        /^users: --role must be one of supervisor, lead, rep/,
      ],
      [['add', 'alice'], 's3cret-password-1\n', /^users: add needs --role/],
      [['add', 'alice', '--role', 'lead', '--team', 'a b'], 's3cret-password-1\n', /^users: team must be 1-64 chars/],
      [['add', 'alice', '--role', 'supervisor', '--team', 't'], 'x\n', /^users: --team does not apply to a supervisor/],
      [['list', '--role', 'lead'], '', /^users: --role only applies to add/],
      [['list', 'extra'], '', /^users: list takes no arguments/],
      [['passwd'], '', /^users: passwd takes a username/],
      [['frobnicate'], '', /^users: unknown command "frobnicate"/],
      [[], '', /^users: missing command/],
      [['list', '--verbose'], '', /^users: Unknown option '--verbose'/],
    ];
    for (const [argv, input, message] of cases) {
      const result = await run(argv, input);
      expect(result, argv.join(' ')).toMatchObject({ code: 2, stdout: '' });
      expect(result.stderr, argv.join(' ')).toMatch(message);
      expect(result.stderr.trim().split('\n'), argv.join(' ')).toHaveLength(1);
    }
    expect(await accounts.list()).toEqual([]);
  });

  it('prints usage for --help', async () => {
    const { run } = setup();
    const help = await run(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('add <username> --role supervisor|lead|rep');
    expect((await run(['add', '-h'])).code).toBe(0);
  });

  it('lists accounts without their hashes', async () => {
    const { run } = setup();
    expect(await run(['list'])).toEqual({ code: 0, stdout: 'no accounts\n', stderr: '' });
    await run(['add', 'bob', '--role', 'rep', '--rep', 'r-17', '--team', 'team-b'], 'bob-password-1\n');
    await run(['add', 'alice', '--role', 'lead', '--team', 'team-a'], 's3cret-password-1\n');
    const listed = await run(['list']);
    expect(listed.code).toBe(0);
    expect(listed.stdout).not.toContain('scrypt$');
    expect(listed.stdout).not.toContain('password');
    expect(listed.stdout.trimEnd().split('\n')).toEqual([
      'USERNAME  ROLE  TEAM    REP   CREATED',
      'alice     lead  team-a  -     2025-03-03 09:30 UTC',
      'bob       rep   team-b  r-17  2025-03-03 09:30 UTC',
    ]);
  });

  it('changes a password and signs the user out everywhere', async () => {
    const { accounts, sessions, run } = setup();
    await run(['add', 'alice', '--role', 'supervisor'], 'old-password-1\n');
    const laptop = await sessions.create('alice', T0);
    const other = await sessions.create('bob', T0);
    const changed = await run(['passwd', 'alice'], 'new-password-2\n');
    expect(changed).toEqual({ code: 0, stdout: 'password changed for alice; 1 session(s) signed out\n', stderr: '' });
    expect(await accounts.verify('alice', 'old-password-1')).toBeNull();
    expect(await accounts.verify('alice', 'new-password-2')).not.toBeNull();
    expect(await sessions.lookup(laptop.token)).toBeNull();
    expect(await sessions.lookup(other.token)).not.toBeNull();

    expect(await run(['passwd', 'alice'], 'short\n')).toMatchObject({ code: 2 });
    expect(await accounts.verify('alice', 'new-password-2')).not.toBeNull();
    expect(await run(['passwd', 'nobody'], 'new-password-2\n')).toEqual({
      code: 1,
      stdout: '',
      stderr: 'users: no account nobody\n',
    });
  });

  it('removes an account and its sessions, and refuses a duplicate add', async () => {
    const { accounts, sessions, run } = setup();
    await run(['add', 'alice', '--role', 'supervisor'], 's3cret-password-1\n');
    expect(await run(['add', 'alice', '--role', 'supervisor'], 's3cret-password-2\n')).toEqual({
      code: 1,
      stdout: '',
      stderr: 'users: alice already exists\n',
    });
    const session = await sessions.create('alice', T0);
    expect(await run(['remove', 'alice'])).toEqual({
      code: 0,
      stdout: 'removed alice; 1 session(s) signed out\n',
      stderr: '',
    });
    expect(await accounts.get('alice')).toBeNull();
    expect(await accounts.verify('alice', 's3cret-password-1')).toBeNull();
    expect(await sessions.lookup(session.token)).toBeNull();
    expect(await run(['remove', 'alice'])).toMatchObject({ code: 1, stderr: 'users: no account alice\n' });
  });

  it('fails with one line and exit code 1 when Redis is unreachable', async () => {
    const port = await findFreePort();
    const redis = new Redis(`redis://127.0.0.1:${port}`, {
      lazyConnect: true,
      maxRetriesPerRequest: 1,
      retryStrategy: () => null,
    });
    redis.on('error', () => {});
    const { run } = setup(redis);
    const result = await run(['list']);
    expect(result).toEqual({
      code: 1,
      stdout: '',
      stderr: `users: cannot reach Redis at 127.0.0.1:${port}: connect ECONNREFUSED 127.0.0.1:${port}\n`,
    });
  });

  it('runs as a program with the connection and prefix from the environment', async () => {
    const prefix = `test:${randomUUID()}:`;
    const env = { ...process.env, REDIS_URL: redisUrl, FLOORBOARD_KEY_PREFIX: prefix };
    const users = (args: string[], input?: string) => {
      const child = promisify(execFile)('node', ['--import', 'tsx', 'server/cli/users.ts', ...args], { env });
      child.child.stdin?.end(input ?? '');
      return child;
    };
    const added = await users(['add', 'dave', '--role', 'lead', '--team', 'team-c'], 'dave-password-1\n');
    expect(added.stdout).toBe('added dave (lead, team team-c)\n');
    const redis = new Redis(redisUrl);
    cleanups.push(() => redis.disconnect());
    expect(await createAccountRepo(redis, prefix).verify('dave', 'dave-password-1')).not.toBeNull();

    const failed = await users(['add', 'eve', '--role', 'lead'], 'eve-password-1\n').catch((e: unknown) => e);
    expect(failed).toMatchObject({ code: 2, stderr: 'users: team is required for a lead\n' });
    const unreachable = await promisify(execFile)('node', ['--import', 'tsx', 'server/cli/users.ts', 'list'], {
      env: { ...env, REDIS_URL: `redis://127.0.0.1:${await findFreePort()}` },
    }).catch((e: unknown) => e);
    expect(unreachable).toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/^users: cannot reach Redis at .*\n$/),
    });
  });
});
