/**
 * Child process for the fan-out ceiling. `fanout.ts server`: a bare Socket.IO server that, on
 * 'go', broadcasts small messages to every connected client for a few seconds as fast as it can.
 * `fanout.ts clients <url> <n>`: n clients that count what they receive.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import { io as connect } from 'socket.io-client';

const [mode, url, count] = process.argv.slice(2);
const send = (msg: object) => process.send?.(msg);
process.on('disconnect', () => process.exit(0));

if (mode === 'server') {
  const http = createServer();
  const server = new Server(http, { transports: ['websocket'], serveClient: false });
  http.listen(0, '127.0.0.1', () => send({ type: 'listening', port: (http.address() as AddressInfo).port }));
  process.on('message', (cmd: { type: string; seconds: number }) => {
    if (cmd.type !== 'go') return;
    const end = performance.now() + cmd.seconds * 1000;
    let emitted = 0;
    const payload = { seq: 0, cursor: '1700000000000-0', reps: [{ id: 'rep-0001', status: 'on_call', dials: 12 }] };
    const burst = () => {
      for (let i = 0; i < 10; i++) {
        payload.seq++;
        server.emit('m', payload);
        emitted++;
      }
      if (performance.now() < end) setImmediate(burst);
      else send({ type: 'emitted', emitted, sockets: server.engine.clientsCount });
    };
    burst();
  });
} else {
  const n = Number(count);
  let received = 0;
  let first = 0;
  let last = 0;
  let connected = 0;
  for (let i = 0; i < n; i++) {
    const socket = connect(url!, { transports: ['websocket'], forceNew: true, reconnection: false });
    socket.on('connect', () => ++connected === n && send({ type: 'connected' }));
    socket.on('m', () => {
      const t = performance.timeOrigin + performance.now();
      if (received++ === 0) first = t;
      last = t;
    });
  }
  process.on('message', (cmd: { type: string }) => {
    if (cmd.type === 'report') send({ type: 'report', received, first, last });
  });
}
