import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { io as connect } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import { createSocketServer } from '../../../server/realtime/socketServer';
import { waitFor } from '../../integration/support/waitFor';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe('createSocketServer()', () => {
  it('lets go of the upgrade request that Engine.IO would keep for the socket’s life', async () => {
    const http = createServer();
    const io = createSocketServer(http);
    const responses: { req?: unknown }[] = [];
    io.engine.use((_req: unknown, res: { req?: unknown }, next: () => void) => (responses.push(res), next()));
    let connected = 0;
    io.on('connection', () => connected++);
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => new Promise((resolve) => void io.close(() => resolve(undefined))));
    const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
    const socket = connect(url, { transports: ['websocket'], forceNew: true });
    cleanups.push(() => socket.close());
    await waitFor('connected', () => connected === 1);
    expect(responses).toHaveLength(1);
    expect(responses[0]!.req).toBeNull();
    await waitFor('the client connected', () => socket.connected);
  });
});
