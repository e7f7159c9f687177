import { once } from 'node:events';
import { createServer, type Server, type Socket } from 'node:net';

/**
 * A FreeSWITCH event socket (inbound mode) as mod_event_socket documents it: `auth/request` on
 * connect, `command/reply` with `+OK accepted` or `-ERR invalid` (then a disconnect notice) to
 * `auth`, `+OK event listener enabled plain` to `event plain ...`, `api/response` to `api ...`,
 * then `text/event-plain` messages with URL-encoded headers. Used by the protocol tests and by
 * `npm run demo -- --source freeswitch`.
 */
export interface FakeEsl {
  port: number;
  /** Every command line received, per connection (in order). */
  commands: string[][];
  /** Resolves with the socket of the next connection that subscribed to events. */
  subscribed(): Promise<Socket>;
  /** Sends raw bytes (one or more messages) to every subscribed connection. */
  event(message: Buffer): void;
  close(): Promise<void>;
}

export interface FakeEslOptions {
  /** `deny`: the inbound ACL turns every client away (`text/rude-rejection`). */
  acl?: 'deny';
  /** Answers no `api` command (a hung FreeSWITCH, for keep-alive tests). */
  mute?: boolean;
  /** 0 (default): any free port. */
  port?: number;
  /** Called when a client has subscribed to events. */
  onClient?: (socket: Socket) => void;
  /** Keep subscribed sockets for `subscribed()` (tests); the demo and the CLI only broadcast. */
  queueSubscribed?: boolean;
}

export async function startFakeEsl(password: string, options: FakeEslOptions = {}): Promise<FakeEsl> {
  const commands: string[][] = [];
  const waiting: ((socket: Socket) => void)[] = [];
  const ready: Socket[] = [];
  const sockets = new Set<Socket>();
  const listeners = new Set<Socket>();
  const queue = options.queueSubscribed ?? true;
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => (sockets.delete(socket), listeners.delete(socket)));
    socket.on('error', () => {});
    const mine: string[] = [];
    commands.push(mine);
    let text = '';
    if (options.acl === 'deny') {
      const body = 'Access Denied, go away.\n';
      socket.end(`Content-Type: text/rude-rejection\nContent-Length: ${body.length}\n\n${body}`);
      return;
    }
    socket.write('Content-Type: auth/request\n\n');
    let authenticated = false;
    socket.on('data', (chunk) => {
      text += chunk.toString('utf8');
      if (text.length > 65_536) return void socket.destroy(); // no command is that long
      let end;
      while ((end = text.indexOf('\n\n')) >= 0) {
        const line = text.slice(0, end).replace(/\r/g, '');
        text = text.slice(end + 2);
        mine.push(line);
        if (line.startsWith('auth ')) {
          if (line === `auth ${password}`) {
            authenticated = true;
            socket.write('Content-Type: command/reply\nReply-Text: +OK accepted\n\n');
          } else {
            const bye = 'Disconnected, goodbye.\nSee you at ClueCon! http://www.cluecon.com/\n';
            socket.write('Content-Type: command/reply\nReply-Text: -ERR invalid\n\n');
            socket.end(`Content-Type: text/disconnect-notice\nContent-Length: ${Buffer.byteLength(bye)}\n\n${bye}`);
          }
        } else if (!authenticated) {
          socket.write('Content-Type: command/reply\nReply-Text: -ERR command not found\n\n');
        } else if (line.startsWith('event plain ')) {
          socket.write('Content-Type: command/reply\nReply-Text: +OK event listener enabled plain\n\n');
          listeners.add(socket);
          options.onClient?.(socket);
          const next = waiting.shift();
          if (next) next(socket);
          else if (queue) ready.push(socket);
        } else if (line.startsWith('api ') && !options.mute) {
          const body = 'UP 0 years, 0 days\n';
          socket.write(`Content-Type: api/response\nContent-Length: ${body.length}\n\n${body}`);
        }
      }
    });
  });
  server.listen(options.port ?? 0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  return {
    port: typeof address === 'object' && address ? address.port : 0,
    commands,
    subscribed: () => {
      const socket = ready.shift();
      return socket ? Promise.resolve(socket) : new Promise((resolve) => waiting.push(resolve));
    },
    event(message) {
      for (const socket of listeners) socket.write(message);
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** One `text/event-plain` message, headers URL-encoded as FreeSWITCH sends them. */
export function eventPlain(headers: Record<string, string>): Buffer {
  const body =
    Object.entries(headers)
      .map(([name, value]) => `${name}: ${encodeURIComponent(value)}`)
      .join('\n') + '\n\n';
  return Buffer.from(`Content-Length: ${Buffer.byteLength(body)}\nContent-Type: text/event-plain\n\n${body}`);
}
