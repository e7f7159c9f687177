import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { accountKeys } from './keys';
import { ROLES, newUserSchema, passwordSchema, usernameSchema } from '../../shared/domain/viewer';
import type { NewUser, Role, UserView } from '../../shared/domain/viewer';
import { hashPassword, verifyPassword } from '../accounts/passwords';

export class AccountError extends Error {
  override name = 'AccountError';
  constructor(
    public code: 'exists' | 'not_found',
    message: string,
  ) {
    super(message);
  }
}

export interface AccountRepo {
  /** Throws AccountError('exists'), or a ZodError for input that newUserSchema rejects. */
  add(user: NewUser, now: number): Promise<UserView>;
  /** Null for an unknown user or a wrong password, in about the same time either way. */
  verify(username: string, password: string): Promise<UserView | null>;
  get(username: string): Promise<UserView | null>;
  /** Sorted by username. */
  list(): Promise<UserView[]>;
  /** Throws AccountError('not_found'); revoking the user's sessions is the caller's job. */
  setPassword(username: string, password: string): Promise<void>;
  /** Throws AccountError('not_found'); revoking the user's sessions is the caller's job. */
  remove(username: string): Promise<void>;
}

// Existence check and write in one step, so two concurrent adds cannot both succeed.
const ADD = `
if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
redis.call('HSET', KEYS[1], unpack(ARGV))
redis.call('SADD', KEYS[2], ARGV[2])
return 1`;

// Only an existing account gets a new hash (HSET alone would resurrect a removed one).
const SET_PASSWORD = `
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
redis.call('HSET', KEYS[1], 'passwordHash', ARGV[1])
return 1`;

const REMOVE = `
redis.call('SREM', KEYS[2], ARGV[1])
return redis.call('DEL', KEYS[1])`;

const isRole = (v: string | undefined): v is Role => (ROLES as readonly (string | undefined)[]).includes(v);

/** The stored hash as an account, or null when it is missing or not one we wrote. */
function toView(fields: Record<string, string>): UserView | null {
  const createdAt = Number(fields.createdAt);
  if (!fields.username || !isRole(fields.role) || !Number.isFinite(createdAt)) return null;
  return {
    username: fields.username,
    role: fields.role,
    team: fields.team || null,
    rep: fields.rep || null,
    createdAt,
  };
}

export function createAccountRepo(redis: Redis, prefix: string): AccountRepo {
  const { user: userKey, users: usersKey } = accountKeys(prefix);
  // Only well-formed names reach a key: anything else cannot be an account.
  const valid = (username: string) => usernameSchema.safeParse(username).success;

  // Unknown users still pay for one scrypt, so response time does not reveal who has an account.
  let dummyHash: Promise<string> | null = null;
  const dummy = () => (dummyHash ??= hashPassword(randomUUID()));

  async function read(username: string): Promise<{ view: UserView; passwordHash: string } | null> {
    if (!valid(username)) return null;
    const fields = await redis.hgetall(userKey(username));
    const view = toView(fields);
    return view && fields.passwordHash ? { view, passwordHash: fields.passwordHash } : null;
  }

  return {
    async add(input, now) {
      const user = newUserSchema.parse(input);
      const view: UserView = {
        username: user.username,
        role: user.role,
        // A supervisor has neither; a lead has no rep id of their own.
        team: user.role === 'supervisor' ? null : (user.team ?? null),
        rep: user.role === 'rep' ? (user.rep ?? null) : null,
        createdAt: now,
      };
      const passwordHash = await hashPassword(user.password);
      const fields = ['username', view.username, 'role', view.role, 'team', view.team ?? '', 'rep', view.rep ?? ''];
      fields.push('passwordHash', passwordHash, 'createdAt', String(now));
      const added = await redis.eval(ADD, 2, userKey(view.username), usersKey, ...fields);
      if (added !== 1) throw new AccountError('exists', `account ${view.username} already exists`);
      return view;
    },

    async verify(username, password) {
      const found = typeof username === 'string' ? await read(username) : null;
      if (!found) {
        await verifyPassword(String(password), await dummy());
        return null;
      }
      return (await verifyPassword(password, found.passwordHash)) ? found.view : null;
    },

    async get(username) {
      return (await read(username))?.view ?? null;
    },

    async list() {
      const names = await redis.smembers(usersKey);
      if (names.length === 0) return [];
      const pipeline = redis.pipeline();
      for (const name of names) pipeline.hgetall(userKey(name));
      const replies = (await pipeline.exec()) ?? [];
      const views: UserView[] = [];
      for (const [err, fields] of replies) {
        if (err) throw err;
        const view = toView(fields as Record<string, string>);
        if (view) views.push(view);
      }
      return views.sort((a, b) => (a.username < b.username ? -1 : a.username > b.username ? 1 : 0));
    },

    async setPassword(username, password) {
      const checked = passwordSchema.parse(password);
      if (!valid(username)) throw new AccountError('not_found', `no account ${username}`);
      const passwordHash = await hashPassword(checked);
      const updated = await redis.eval(SET_PASSWORD, 1, userKey(username), passwordHash);
      if (updated !== 1) throw new AccountError('not_found', `no account ${username}`);
    },

    async remove(username) {
      if (!valid(username)) throw new AccountError('not_found', `no account ${username}`);
      const removed = await redis.eval(REMOVE, 2, userKey(username), usersKey, username);
      if (removed !== 1) throw new AccountError('not_found', `no account ${username}`);
    },
  };
}
