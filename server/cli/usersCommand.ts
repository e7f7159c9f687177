import type { BusMessage } from '../bus/busMessage';
import { redisKeys } from '../redis/keys';
import type { Readable, Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import type { RedisClient as Redis } from '../redis/connections';
import { z } from 'zod';
import { ROLES, newUserSchema, passwordSchema, usernameSchema } from '../../shared/domain/viewer';
import type { Role, UserView } from '../../shared/domain/viewer';
import { AccountError, createAccountRepo } from '../redis/accountRepo';
import { createSessionRepo } from '../redis/sessionRepo';
import { InputError, readPassword } from './readPassword';

export const USAGE = `Usage: npm run users -- <command>

Manages Floorboard accounts in Redis (REDIS_URL, FLOORBOARD_KEY_PREFIX).

Commands:
  add <username> --role supervisor|lead|rep [--team T] [--rep R]
                       create an account; a lead needs --team, a rep needs --rep (and may have --team)
  list                 every account: username, role, team, rep, created
  passwd <username>    set a new password and sign the user out everywhere
  remove <username>    delete the account and sign the user out everywhere
  -h, --help           show this help

Passwords are read from standard input: typed twice without echo at a terminal, or the first
line of a pipe, e.g.  printf '%s\\n' "$PASSWORD" | npm run users -- add alice --role supervisor`;

export interface UsersIo {
  stdin: Readable;
  stdout: Writable;
  stderr: Writable;
}

export interface UsersDeps {
  redis: Redis;
  prefix: string;
  now: () => number;
}

class UsageError extends Error {}
class RedisUnreachable extends Error {}

const ARITY: Record<string, number> = { add: 1, list: 0, passwd: 1, remove: 1 };
// Only revokeAllFor is used here, which does not depend on the session lifetime.
const UNUSED_TTL_MS = 60_000;

function parse(argv: string[]) {
  const { values, positionals } = parseArgs({
    args: argv,
    strict: true,
    allowPositionals: true,
    options: {
      role: { type: 'string' },
      team: { type: 'string' },
      rep: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return { help: true as const };
  const [command, ...rest] = positionals;
  if (!command) throw new UsageError('missing command: add, list, passwd or remove');
  const arity = ARITY[command];
  if (arity === undefined) throw new UsageError(`unknown command "${command}"`);
  if (rest.length !== arity) throw new UsageError(`${command} takes ${arity ? 'a username' : 'no arguments'}`);
  const flags = (['role', 'team', 'rep'] as const).filter((f) => values[f] !== undefined);
  if (command !== 'add' && flags.length) throw new UsageError(`--${flags[0]} only applies to add`);
  return {
    help: false as const,
    command,
    username: rest[0] ?? '',
    role: values.role,
    team: values.team,
    rep: values.rep,
  };
}

/** One line naming each bad field, e.g. "team is required for a lead". */
function describeIssues(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join('.') || 'input'} ${i.message}`).join('; ');
}

function checkUsername(username: string): void {
  const parsed = usernameSchema.safeParse(username);
  if (!parsed.success) throw new InputError(`username ${parsed.error.issues[0]?.message ?? 'is invalid'}`);
}

function checkRole(options: { role?: string; team?: string; rep?: string }): Role {
  const role = options.role;
  if (role === undefined) throw new UsageError('add needs --role supervisor, lead or rep');
  if (!(ROLES as readonly string[]).includes(role)) throw new UsageError(`--role must be one of ${ROLES.join(', ')}`);
  // Refused rather than silently dropped: the account would not be what the operator typed.
  if (role === 'supervisor' && options.team !== undefined)
    throw new UsageError('--team does not apply to a supervisor');
  if (role !== 'rep' && options.rep !== undefined) throw new UsageError(`--rep does not apply to a ${role}`);
  return role as Role;
}

function describe(user: UserView): string {
  const details = [user.rep ? `rep ${user.rep}` : user.role, user.team && `team ${user.team}`].filter(Boolean);
  return `${user.username} (${details.join(', ')})`;
}

function table(users: UserView[]): string {
  const rows = [['USERNAME', 'ROLE', 'TEAM', 'REP', 'CREATED']];
  for (const u of users) {
    const created = new Date(u.createdAt).toISOString().slice(0, 16).replace('T', ' ') + ' UTC';
    rows.push([u.username, u.role, u.team ?? '-', u.rep ?? '-', created]);
  }
  const widths = rows[0]!.map((_, col) => Math.max(...rows.map((row) => row[col]!.length)));
  return rows
    .map((row) =>
      row
        .map((cell, col) => cell.padEnd(widths[col]!))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

async function connect(redis: Redis): Promise<void> {
  if (redis.status !== 'wait') return;
  // connect() itself only says "Connection is closed"; the error event says why.
  let cause: Error | null = null;
  const remember = (err: Error) => (cause ??= err);
  redis.on('error', remember);
  try {
    await redis.connect();
  } catch (err) {
    const where = `${redis.options.host ?? '?'}:${redis.options.port ?? '?'}`;
    throw new RedisUnreachable(`cannot reach Redis at ${where}: ${(cause ?? (err as Error)).message}`);
  } finally {
    redis.off('error', remember);
  }
}

/** Runs one command; returns the exit code (0 ok, 1 failure, 2 bad usage or input). */
export async function runUsersCommand(argv: string[], io: UsersIo, deps: UsersDeps): Promise<number> {
  const out = (line: string) => io.stdout.write(`${line}\n`);
  const fail = (line: string, code: number) => (io.stderr.write(`users: ${line}\n`), code);
  try {
    const args = parse(argv);
    if (args.help) return (out(USAGE), 0);
    const accounts = createAccountRepo(deps.redis, deps.prefix);
    const sessions = createSessionRepo(deps.redis, deps.prefix, { ttlMs: UNUSED_TTL_MS });
    // Running servers hear this on their bus and close the signed-out sockets at once.
    const closeSockets = async (keys: string[]) => {
      if (keys.length === 0) return;
      const message: BusMessage = { type: 'sessions:ended', keys, reason: 'revoked' };
      await deps.redis.publish(
        redisKeys({ stream: '', deadLetterStream: '', keyPrefix: deps.prefix }).bus,
        JSON.stringify(message),
      );
    };

    if (args.command === 'list') {
      await connect(deps.redis);
      const users = await accounts.list();
      out(users.length ? table(users) : 'no accounts');
      return 0;
    }

    checkUsername(args.username);
    if (args.command === 'add') {
      const role = checkRole(args);
      const fields = { username: args.username, role, team: args.team, rep: args.rep };
      // Every field but the password is checked before anyone is asked to type one.
      const early = newUserSchema.safeParse({ ...fields, password: 'x'.repeat(10) });
      if (!early.success) throw early.error;
      await connect(deps.redis);
      if (await accounts.get(args.username)) throw new AccountError('exists', `${args.username} already exists`);
      const user = newUserSchema.parse({ ...fields, password: await readPassword(io.stdin, io.stderr) });
      out(`added ${describe(await accounts.add(user, deps.now()))}`);
      return 0;
    }

    await connect(deps.redis);
    if (!(await accounts.get(args.username))) throw new AccountError('not_found', `no account ${args.username}`);
    if (args.command === 'passwd') {
      const password = passwordSchema.safeParse(await readPassword(io.stdin, io.stderr));
      if (!password.success) throw new InputError(`password ${password.error.issues[0]?.message ?? 'is invalid'}`);
      await accounts.setPassword(args.username, password.data);
      const revoked = await sessions.revokeAllFor(args.username);
      await closeSockets(revoked);
      out(`password changed for ${args.username}; ${revoked.length} session(s) signed out`);
      return 0;
    }
    // Remove first, so that no new session can start between the two steps.
    await accounts.remove(args.username);
    const revoked = await sessions.revokeAllFor(args.username);
    await closeSockets(revoked);
    out(`removed ${args.username}; ${revoked.length} session(s) signed out`);
    return 0;
  } catch (err) {
    if (err instanceof UsageError) return fail(`${err.message} (see --help)`, 2);
    // parseArgs reports unknown or malformed options as TypeErrors with a readable message.
    if (err instanceof TypeError && 'code' in err && String(err.code).startsWith('ERR_PARSE_ARGS')) {
      return fail(`${err.message} (see --help)`, 2);
    }
    if (err instanceof InputError) return fail(err.message, 2);
    if (err instanceof z.ZodError) return fail(describeIssues(err), 2);
    if (err instanceof AccountError || err instanceof RedisUnreachable) return fail(err.message, 1);
    return fail(`failed: ${err instanceof Error ? err.message : String(err)}`, 1);
  }
}
