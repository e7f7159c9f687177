import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { addPeople, logIn } from './support/people';
import { connectClient, createTestFloor, noonClock, startTestApp, type TestSocket } from './support/testApp';
import { waitFor } from './support/waitFor';

const cleanups: (() => Promise<unknown> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function start(env: Record<string, string>) {
  const floor = createTestFloor(inject('redisUrl'), env);
  const running = await startTestApp(floor.config, noonClock());
  cleanups.push(() => floor.writer.quit());
  cleanups.push(() => running.stop());
  return { floor, running, port: Number(new URL(running.url).port) };
}

/**
 * A client that opens a request and never finishes its headers (or, `silent`, never sends a
 * byte), from another loopback address than the test's own requests.
 */
function slowClient(port: number, silent = false): Promise<{ socket: Socket; closed: Promise<void> }> {
  return new Promise((resolve) => {
    const socket = connect({ port, host: '127.0.0.1', localAddress: '127.0.0.2' });
    const closed = new Promise<void>((done) => socket.once('close', () => done()));
    socket.on('error', () => {});
    socket.resume(); // read what the server answers (a 408), so its close reaches us
    socket.once('connect', () => {
      if (!silent) socket.write('GET /healthz HTTP/1.1\r\nHost: floor\r\nX-Slow: ');
      resolve({ socket, closed });
    });
    socket.once('close', () => resolve({ socket, closed }));
  });
}

describe('transport limits', () => {
  it('keeps /healthz answering while one client holds hundreds of slow connections, and closes them', async () => {
    const { running, port } = await start({
      FLOORBOARD_CONNECTIONS_PER_ADDRESS: '50',
      FLOORBOARD_HEADERS_TIMEOUT_MS: '1500',
    });
    const slow = await Promise.all(Array.from({ length: 300 }, (_, i) => slowClient(port, i % 2 === 0)));
    cleanups.push(() => slow.forEach((c) => c.socket.destroy()));
    // Past the cap the server closes them at once; the rest wait for the headers timeout.
    await waitFor('connections past the cap closed', () => slow.filter((c) => !c.socket.destroyed).length <= 50);
    const started = Date.now();
    const health = await fetch(`${running.url}/healthz`, { signal: AbortSignal.timeout(5000) });
    expect(health.status).toBe(200);
    expect(Date.now() - started).toBeLessThan(1000);
    await Promise.race([
      Promise.all(slow.map((c) => c.closed)),
      new Promise((_, reject) => setTimeout(() => reject(new Error('slow connections still open after 10 s')), 10_000)),
    ]);
    // Freed: the same address may connect again.
    const again = await slowClient(port);
    cleanups.push(() => void again.socket.destroy());
    expect(again.socket.destroyed).toBe(false);
  });

  it('caps open sockets per session, per wallboard token and per address', async () => {
    const { floor, running } = await start({
      FLOORBOARD_SOCKETS_PER_SESSION: '2',
      FLOORBOARD_SOCKETS_PER_WALLBOARD: '3',
    });
    await addPeople(floor.config);
    const { token } = await logIn(running.url, 'boss');
    const open = (t: string) =>
      new Promise<{ socket: TestSocket; error: string | null }>((resolve) => {
        const socket = connectClient(running.url, t);
        cleanups.push(() => void socket.close());
        socket.once('connect', () => resolve({ socket, error: null }));
        socket.once('connect_error', (error) => {
          socket.close();
          resolve({ socket, error: error.message });
        });
      });
    const people = [await open(token), await open(token)];
    expect(people.map((p) => p.error)).toEqual([null, null]);
    expect((await open(token)).error).toBe('too many connections');
    // Another session of the same person is counted apart.
    expect((await open((await logIn(running.url, 'boss')).token)).error).toBeNull();
    // A closed socket gives its place back.
    people[0]!.socket.close();
    await waitFor('the closed socket released', async () => (await open(token)).error === null);

    const walls = await Promise.all([1, 2, 3, 4].map(() => open(floor.token)));
    expect(walls.filter((w) => w.error === null)).toHaveLength(3);
    expect(walls.filter((w) => w.error === 'too many connections')).toHaveLength(1);
  });

  it('caps sockets per client address', async () => {
    const { floor, running } = await start({ FLOORBOARD_CONNECTIONS_PER_ADDRESS: '3' });
    const results = await Promise.all(
      [1, 2, 3, 4, 5].map(
        () =>
          new Promise<boolean>((resolve) => {
            const socket = connectClient(running.url, floor.token);
            cleanups.push(() => void socket.close());
            socket.once('connect', () => resolve(true));
            socket.once('connect_error', () => {
              socket.close();
              resolve(false);
            });
          }),
      ),
    );
    expect(results.filter(Boolean)).toHaveLength(3);
  });
});
