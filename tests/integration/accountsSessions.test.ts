import { randomBytes, randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { createKioskRepo, KioskNameError } from '../../server/redis/kioskRepo';
import { createSessionRepo, sessionKeyOf } from '../../server/redis/sessionRepo';
import { waitFor } from './support/waitFor';

const redisUrl = inject('redisUrl');
const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function setup(ttlMs = 60_000) {
  const redis = new Redis(redisUrl);
  const prefix = `test:${randomUUID()}:`;
  cleanups.push(() => redis.quit());
  return {
    redis,
    prefix,
    sessions: createSessionRepo(redis, prefix, { ttlMs }),
    kiosks: createKioskRepo(redis, prefix),
  };
}

const T0 = Date.UTC(2025, 2, 3, 9, 0);

describe('sessions over a real redis-server', () => {
  it('finds a session by its token only, and stores only the token hash', async () => {
    const { redis, prefix, sessions } = setup();
    const { token, session } = await sessions.create('alice', T0);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(session).toEqual({ key: sessionKeyOf(token), username: 'alice', expiresAt: T0 + 60_000 });
    expect(session.key).toMatch(/^[0-9a-f]{64}$/);
    expect(await sessions.lookup(token)).toEqual(session);

    expect(await sessions.lookup(session.key)).toBeNull();
    await sessions.create('alice', T0);
    expect(await sessions.lookup(randomBytes(32).toString('base64url'))).toBeNull();
    expect(await sessions.lookup('')).toBeNull();
    expect(await sessions.lookup(token + 'x'.repeat(300))).toBeNull();

    const stored = await redis.hgetall(`${prefix}session:${session.key}`);
    expect(stored).toEqual({ username: 'alice', createdAt: String(T0), expiresAt: String(T0 + 60_000) });
    const everything = await redis.keys(`${prefix}*`);
    expect(everything.join(' ')).not.toContain(token);
    expect(await redis.pttl(`${prefix}session:${session.key}`)).toBeGreaterThan(55_000);
  });

  it('revokes one session and leaves the others', async () => {
    const { redis, prefix, sessions } = setup();
    const laptop = await sessions.create('alice', T0);
    const phone = await sessions.create('alice', T0);
    await sessions.revoke(laptop.session.key);
    expect(await sessions.lookup(laptop.token)).toBeNull();
    expect(await sessions.lookup(phone.token)).toEqual(phone.session);
    expect(await redis.smembers(`${prefix}user-sessions:alice`)).toEqual([phone.session.key]);
    await sessions.revoke(laptop.session.key); // twice is harmless
    await sessions.revoke('no-such-key');
  });

  it('forgets a session when its time is up', async () => {
    const { sessions } = setup(300);
    const { token, session } = await sessions.create('alice', T0);
    expect(await sessions.lookup(token)).toEqual(session);
    await waitFor('the session to expire', async () => (await sessions.lookup(token)) === null, 3000);
  });

  it('revokes every session of one user and returns their keys', async () => {
    const { sessions } = setup();
    const mine = [await sessions.create('alice', T0), await sessions.create('alice', T0 + 1)];
    const theirs = await sessions.create('bob', T0);
    await sessions.revoke(mine[0]!.session.key);

    const revoked = await sessions.revokeAllFor('alice');
    expect(revoked).toEqual([mine[1]!.session.key]); // the one already revoked is not live any more
    for (const { token } of mine) expect(await sessions.lookup(token)).toBeNull();
    expect(await sessions.lookup(theirs.token)).toEqual(theirs.session);
    expect(await sessions.revokeAllFor('alice')).toEqual([]);
    expect(await sessions.revokeAllFor('nobody')).toEqual([]);

    const fresh = await sessions.create('alice', T0 + 2);
    expect(await sessions.lookup(fresh.token)).toEqual(fresh.session);
  });
});

describe('kiosks over a real redis-server', () => {
  it('creates, lists, finds and revokes named wallboard tokens', async () => {
    const { redis, prefix, kiosks } = setup();
    const lobby = await kiosks.create('  Lobby TV  ', 'carol', T0 + 5);
    const floor2 = await kiosks.create('Floor 2 north wall', 'carol', T0);
    expect(lobby.kiosk).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      name: 'Lobby TV',
      createdBy: 'carol',
      createdAt: T0 + 5,
    });
    expect(lobby.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(lobby.token).not.toBe(floor2.token);

    expect(await kiosks.list()).toEqual([floor2.kiosk, lobby.kiosk]);
    expect(await kiosks.lookup(lobby.token)).toEqual({ ...lobby.kiosk, key: sessionKeyOf(lobby.token) });
    expect(await kiosks.lookup(sessionKeyOf(lobby.token))).toBeNull();
    expect(await kiosks.lookup('x'.repeat(257))).toBeNull();
    expect((await redis.keys(`${prefix}*`)).join(' ')).not.toContain(lobby.token);

    expect(await kiosks.revoke(lobby.kiosk.id)).toBe(sessionKeyOf(lobby.token));
    expect(await kiosks.lookup(lobby.token)).toBeNull();
    expect(await kiosks.list()).toEqual([floor2.kiosk]);
    expect(await kiosks.revoke(lobby.kiosk.id)).toBeNull();
    expect(await kiosks.revoke(randomUUID())).toBeNull();
    expect(await kiosks.lookup(floor2.token)).toEqual({ ...floor2.kiosk, key: sessionKeyOf(floor2.token) });
  });

  it('refuses empty, blank, too long and control-character names', async () => {
    const { kiosks } = setup();
    for (const name of ['', '   ', 'x'.repeat(61), 'Lobby\nTV']) {
      await expect(kiosks.create(name, 'carol', T0), JSON.stringify(name)).rejects.toBeInstanceOf(KioskNameError);
    }
    expect((await kiosks.create('x'.repeat(60), 'carol', T0)).kiosk.name).toHaveLength(60);
    expect(await kiosks.list()).toHaveLength(1);
  });
});
