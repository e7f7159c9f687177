/**
 * A client that stops reading: a raw TCP socket that completes the WebSocket upgrade and the
 * Socket.IO handshake (auth token), waits for the start of its snapshot, then pauses: it never
 * reads again, so the kernel buffers fill and the server has to hold (or drop) what it sends.
 */
import { randomBytes } from 'node:crypto';
import { createConnection, type Socket } from 'node:net';

/** One masked text frame, client to server (RFC 6455). */
function textFrame(text: string): Buffer {
  const payload = Buffer.from(text);
  const mask = randomBytes(4);
  const header =
    payload.length < 126
      ? Buffer.from([0x81, 0x80 | payload.length])
      : Buffer.from([0x81, 0x80 | 126, payload.length >> 8, payload.length & 0xff]);
  const masked = Buffer.alloc(payload.length);
  for (let i = 0; i < payload.length; i++) masked[i] = payload[i]! ^ mask[i % 4]!;
  return Buffer.concat([header, mask, masked]);
}

export interface SlowConsumer {
  socket: Socket;
  /** Bytes read before it stopped reading. */
  bytesRead: number;
  /** True once the server closed the connection. */
  closed: boolean;
}

export function connectSlowConsumer(port: number, token: string): Promise<SlowConsumer> {
  return new Promise((resolve, reject) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    const consumer: SlowConsumer = { socket, bytesRead: 0, closed: false };
    let seen = '';
    let stage: 'upgrade' | 'open' | 'connect' | 'snapshot' = 'upgrade';
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`slow consumer: stuck at ${stage}`));
    }, 15_000);
    socket.once('connect', () => {
      socket.write(
        [
          'GET /socket.io/?EIO=4&transport=websocket HTTP/1.1',
          `Host: 127.0.0.1:${port}`,
          'Upgrade: websocket',
          'Connection: Upgrade',
          `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}`,
          'Sec-WebSocket-Version: 13',
          '',
          '',
        ].join('\r\n'),
      );
    });
    socket.on('data', (chunk: Buffer) => {
      consumer.bytesRead += chunk.length;
      if (stage === 'snapshot') return;
      seen = (seen + chunk.toString('latin1')).slice(-65_536);
      if (stage === 'upgrade' && seen.includes('101 Switching Protocols')) stage = 'open';
      if (stage === 'open' && seen.includes('"sid"')) {
        stage = 'connect';
        seen = '';
        socket.write(textFrame(`40${JSON.stringify({ token })}`));
      }
      if (stage === 'connect' && seen.includes('floor:snapshot')) {
        stage = 'snapshot';
        clearTimeout(timer);
        socket.pause(); // never reads again
        resolve(consumer);
      }
    });
    socket.once('close', () => (consumer.closed = true));
    socket.once('error', (err) => {
      clearTimeout(timer);
      if (stage !== 'snapshot') reject(err);
    });
  });
}
