import { afterEach, describe, expect, inject, it } from 'vitest';
import { addPeople, logIn, PASSWORD } from './support/people';
import { createTestFloor, startTestApp, testDayNoon } from './support/testApp';

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function start(env: Record<string, string> = {}) {
  const floor = createTestFloor(inject('redisUrl'), env);
  // A stopped clock: no back-off window runs out while a burst is being answered.
  const noon = testDayNoon();
  const running = await startTestApp(floor.config, () => noon);
  cleanups.push(() => floor.writer.quit());
  cleanups.push(() => running.stop());
  await addPeople(floor.config);
  return running.url;
}

function attempt(url: string, username: string, password: string, headers: Record<string, string> = {}) {
  return fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ username, password }),
  });
}

const count = (statuses: number[], status: number) => statuses.filter((s) => s === status).length;

describe('log-in throttling over HTTP', () => {
  it('lets at most 5 of 100 parallel wrong passwords reach the check; a correct log-in of another account still succeeds', async () => {
    const url = await start();
    const burst = Array.from({ length: 100 }, () => attempt(url, 'boss', 'wrong-password-x'));
    const other = logIn(url, 'lead-a');
    const responses = await Promise.all(burst);
    const statuses = responses.map((r) => r.status);
    expect(count(statuses, 401)).toBe(5);
    expect(count(statuses, 401) + count(statuses, 429)).toBe(100);
    const refused = responses.find((r) => r.status === 429)!;
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect((await other).user.username).toBe('lead-a');
    // The attacked account itself is slowed, not locked: the right password after the wait works.
    expect((await attempt(url, 'boss', PASSWORD)).status).toBe(429);
  });

  it('bounds 300 parallel guesses over 300 accounts from one address by the address budget', async () => {
    const url = await start({ FLOORBOARD_LOGIN_ADDRESS_FAILURES: '20' });
    const statuses = await Promise.all(
      Array.from({ length: 300 }, async (_, i) => (await attempt(url, `guess${i}`, 'wrong-password-x')).status),
    );
    expect(count(statuses, 401)).toBe(20);
    expect(count(statuses, 429)).toBe(280);
  });

  it('reads X-Forwarded-For only with FLOORBOARD_TRUST_PROXY set', async () => {
    const spend = async (url: string, from: string) => {
      const statuses = await Promise.all(
        Array.from(
          { length: 10 },
          async (_, i) => (await attempt(url, `x${i}`, 'wrong', { 'x-forwarded-for': from })).status,
        ),
      );
      expect(count(statuses, 401)).toBe(10);
    };
    const next = async (url: string, from: string) =>
      (await attempt(url, 'fresh-name', 'wrong', { 'x-forwarded-for': from })).status;

    const trusting = await start({ FLOORBOARD_LOGIN_ADDRESS_FAILURES: '10', FLOORBOARD_TRUST_PROXY: 'loopback' });
    await spend(trusting, '198.51.100.1');
    expect(await next(trusting, '198.51.100.1')).toBe(429);
    expect(await next(trusting, '198.51.100.2')).toBe(401); // another client behind the proxy

    const hops = await start({ FLOORBOARD_LOGIN_ADDRESS_FAILURES: '10', FLOORBOARD_TRUST_PROXY: '1' });
    // One trusted hop: the right-most forwarded address is the client's; what a client wrote before it is not.
    await spend(hops, '192.0.2.9, 198.51.100.1');
    expect(await next(hops, '192.0.2.10, 198.51.100.1')).toBe(429);
    expect(await next(hops, '198.51.100.2')).toBe(401);

    const plain = await start({ FLOORBOARD_LOGIN_ADDRESS_FAILURES: '10' });
    await spend(plain, '198.51.100.1');
    expect(await next(plain, '198.51.100.2')).toBe(429); // the header is anyone's to write: ignored
  });
});
