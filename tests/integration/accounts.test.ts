import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { ZodError } from 'zod';
import { AccountError, createAccountRepo } from '../../server/redis/accountRepo';
import type { NewUser } from '../../shared/domain/viewer';

const redisUrl = inject('redisUrl');
const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function setup() {
  const redis = new Redis(redisUrl);
  const prefix = `test:${randomUUID()}:`;
  cleanups.push(() => redis.quit());
  return { redis, prefix, accounts: createAccountRepo(redis, prefix) };
}

const T0 = Date.UTC(2025, 2, 3, 9, 0);
const lead: NewUser = { username: 'alice', password: 'alice-password-1', role: 'lead', team: 'team-a' };
const rep: NewUser = { username: 'bob.r', password: 'bob-password-1', role: 'rep', rep: 'r-17', team: 'team-a' };
const supervisor: NewUser = { username: 'carol', password: 'carol-password-1', role: 'supervisor' };

describe('the account repository over a real redis-server', () => {
  it('adds accounts and shows them without any password or hash', async () => {
    const { accounts } = setup();
    expect(await accounts.add(lead, T0)).toEqual({
      username: 'alice',
      role: 'lead',
      team: 'team-a',
      rep: null,
      createdAt: T0,
    });
    await accounts.add(supervisor, T0 + 2);
    await accounts.add(rep, T0 + 1);
    expect(await accounts.get('bob.r')).toEqual({
      username: 'bob.r',
      role: 'rep',
      team: 'team-a',
      rep: 'r-17',
      createdAt: T0 + 1,
    });
    const listed = await accounts.list();
    expect(listed.map((u) => u.username)).toEqual(['alice', 'bob.r', 'carol']);
    expect(listed[2]).toEqual({ username: 'carol', role: 'supervisor', team: null, rep: null, createdAt: T0 + 2 });
    expect(JSON.stringify(listed)).not.toMatch(/password|scrypt/i);
    expect(await accounts.get('nobody')).toBeNull();
    expect(await accounts.get('../etc')).toBeNull();
  });

  it('stores a scrypt hash, never the password', async () => {
    const { redis, prefix, accounts } = setup();
    await accounts.add(lead, T0);
    const stored = await redis.hgetall(`${prefix}user:alice`);
    expect(stored.passwordHash).toMatch(/^scrypt\$/);
    expect(Object.values(stored)).not.toContain(lead.password);
    expect(await redis.smembers(`${prefix}users`)).toEqual(['alice']);
  });

  it('refuses a second account with the same name and input the schema rejects', async () => {
    const { accounts } = setup();
    await accounts.add(lead, T0);
    const duplicate = await accounts.add({ ...supervisor, username: 'alice' }, T0).catch((e: unknown) => e);
    expect(duplicate).toBeInstanceOf(AccountError);
    expect((duplicate as AccountError).code).toBe('exists');
    // The first account is untouched.
    expect((await accounts.get('alice'))?.role).toBe('lead');
    expect(await accounts.verify('alice', lead.password)).not.toBeNull();

    await expect(accounts.add({ ...lead, username: 'dave', team: undefined }, T0)).rejects.toBeInstanceOf(ZodError);
    await expect(accounts.add({ ...lead, username: 'Dave' }, T0)).rejects.toBeInstanceOf(ZodError);
    await expect(accounts.add({ ...lead, username: 'dave', password: 'short' }, T0)).rejects.toBeInstanceOf(ZodError);
    expect((await accounts.list()).map((u) => u.username)).toEqual(['alice']);
  });

  it('lets only one of two concurrent adds of the same name win', async () => {
    const { accounts } = setup();
    const results = await Promise.allSettled([accounts.add(lead, T0), accounts.add({ ...rep, username: 'alice' }, T0)]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.find((r) => r.status === 'rejected');
    expect((rejected?.reason as AccountError).code).toBe('exists');
  });

  it('verifies the right password only, and unknown users as null', async () => {
    const { accounts } = setup();
    await accounts.add(lead, T0);
    expect(await accounts.verify('alice', 'alice-password-1')).toEqual(await accounts.get('alice'));
    expect(await accounts.verify('alice', 'alice-password-2')).toBeNull();
    expect(await accounts.verify('alice', '')).toBeNull();
    expect(await accounts.verify('nobody', 'alice-password-1')).toBeNull();
    expect(await accounts.verify('ALICE', 'alice-password-1')).toBeNull();
  });

  it('changes passwords and removes accounts, and says when there is no such account', async () => {
    const { redis, prefix, accounts } = setup();
    await accounts.add(lead, T0);
    await accounts.add(rep, T0);
    await accounts.setPassword('alice', 'alice-password-2');
    expect(await accounts.verify('alice', 'alice-password-1')).toBeNull();
    expect((await accounts.verify('alice', 'alice-password-2'))?.username).toBe('alice');
    await expect(accounts.setPassword('alice', 'short')).rejects.toBeInstanceOf(ZodError);

    await accounts.remove('alice');
    expect(await accounts.get('alice')).toBeNull();
    expect(await accounts.verify('alice', 'alice-password-2')).toBeNull();
    expect((await accounts.list()).map((u) => u.username)).toEqual(['bob.r']);
    expect(await redis.exists(`${prefix}user:alice`)).toBe(0);

    for (const attempt of [accounts.remove('alice'), accounts.setPassword('alice', 'alice-password-3')]) {
      const error = await attempt.catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AccountError);
      expect((error as AccountError).code).toBe('not_found');
    }
    // setPassword on a removed account must not bring back a half-made one.
    expect(await redis.exists(`${prefix}user:alice`)).toBe(0);
  });
});
