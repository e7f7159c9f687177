import { afterEach, describe, expect, inject, it } from 'vitest';
import { createLog } from '../../server/log';
import { addPeople, call, logIn, PASSWORD } from './support/people';
import { createTestFloor, noonClock, startTestApp } from './support/testApp';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A server whose log lines are kept, on a floor of its own. */
async function appWithLog() {
  const lines: string[] = [];
  const floor = createTestFloor(inject('redisUrl'));
  const running = await startTestApp(
    floor.config,
    noonClock(),
    createLog('test', (line) => lines.push(line)),
  );
  cleanups.push(() => floor.writer.quit().then(() => undefined));
  cleanups.push(() => running.stop());
  return { lines, floor, running };
}

describe('logs', () => {
  it('never carry a password, a session token or a wallboard token', async () => {
    const { lines, floor, running } = await appWithLog();
    await addPeople(floor.config);
    expect(
      (
        await call(running.url, undefined, 'POST', '/api/auth/login', {
          username: 'boss',
          password: 'wrong-password-x',
        })
      ).status,
    ).toBe(401);
    const { token } = await logIn(running.url, 'boss');
    const newPassword = 'fresh-secret-password-9';
    expect(
      (
        await call(running.url, token, 'POST', '/api/users', {
          username: 'dave',
          password: newPassword,
          role: 'supervisor',
        })
      ).status,
    ).toBe(201);
    const kiosk = (await call(running.url, token, 'POST', '/api/kiosks', { name: 'TV' })).body as {
      token: string;
      kiosk: { id: string };
    };
    expect((await call(running.url, token, 'DELETE', `/api/kiosks/${kiosk.kiosk.id}`)).status).toBe(204);
    expect(
      (await call(running.url, token, 'PUT', '/api/users/dave/password', { password: 'another-secret-pw-1' })).status,
    ).toBe(204);
    await floor.addRaw(['type', 'rep.login', 'rep', 'bad rep', 'password', PASSWORD]); // a dead letter is logged
    await call(running.url, token, 'POST', '/api/auth/logout');
    await running.stop();
    cleanups.pop();
    const all = lines.join('\n');
    expect(lines.length).toBeGreaterThan(0);
    for (const secret of [
      PASSWORD,
      'wrong-password-x',
      newPassword,
      'another-secret-pw-1',
      token,
      kiosk.token,
      floor.token,
    ]) {
      expect(all).not.toContain(secret);
    }
    // Structured lines for what a security review looks for: failed log-ins, revocations.
    const entries = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(entries).toContainEqual(
      expect.objectContaining({ level: 'warn', msg: 'log-in failed', username: 'boss', address: '127.0.0.1' }),
    );
    expect(entries).toContainEqual(
      expect.objectContaining({ msg: 'wallboard revoked', kiosk: kiosk.kiosk.id, by: 'boss' }),
    );
    expect(entries).toContainEqual(
      expect.objectContaining({ msg: 'sessions revoked', username: 'dave', why: 'password changed', by: 'boss' }),
    );
    expect(entries).toContainEqual(expect.objectContaining({ msg: 'logged out', username: 'boss' }));
  });

  it('logs throttled log-ins with the account and address', async () => {
    const { lines, running } = await appWithLog();
    const statuses = await Promise.all(
      Array.from(
        { length: 8 },
        async () =>
          (
            await call(running.url, undefined, 'POST', '/api/auth/login', {
              username: 'eve',
              password: 'guess-password',
            })
          ).status,
      ),
    );
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThan(0);
    const entries = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(entries).toContainEqual(
      expect.objectContaining({
        level: 'warn',
        msg: 'log-in throttled',
        username: 'eve',
        by: 'account',
        address: '127.0.0.1',
      }),
    );
    expect(lines.join('\n')).not.toContain('guess-password');
  });
});
