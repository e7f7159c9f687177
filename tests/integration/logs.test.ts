import { afterEach, describe, expect, inject, it } from 'vitest';
import { createLog } from '../../server/log';
import { addPeople, call, logIn, PASSWORD } from './support/people';
import { createTestFloor, noonClock, startTestApp } from './support/testApp';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe('logs', () => {
  it('never carry a password, a session token or a wallboard token', async () => {
    const lines: string[] = [];
    const floor = createTestFloor(inject('redisUrl'));
    const running = await startTestApp(
      floor.config,
      noonClock(),
      createLog('test', (line) => lines.push(line)),
    );
    cleanups.push(() => floor.writer.quit().then(() => undefined));
    cleanups.push(() => running.stop());
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
    const kiosk = (await call(running.url, token, 'POST', '/api/kiosks', { name: 'TV' })).body as { token: string };
    await floor.addRaw(['type', 'rep.login', 'rep', 'bad rep', 'password', PASSWORD]); // a dead letter is logged
    await call(running.url, token, 'POST', '/api/auth/logout');
    await running.stop();
    cleanups.pop();
    const all = lines.join('\n');
    expect(lines.length).toBeGreaterThan(0);
    for (const secret of [PASSWORD, 'wrong-password-x', newPassword, token, kiosk.token, floor.token]) {
      expect(all).not.toContain(secret);
    }
  });
});
