import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { AmiParser, formatBlock } from '../../adapters/asterisk/amiFraming';

/**
 * A TCP server speaking the Asterisk Manager Interface as documented, for tests and the demo:
 * the banner, `Action: Login` (right user and secret: `Response: Success`; else `Response: Error`,
 * `Message: Authentication failed`, and the connection is closed as Asterisk does), `Ping` (Pong),
 * `Logoff` (Goodbye, closed), any other action `Response: Error`. Events go to every client logged
 * in with `Events: on` (or without the header: on is Asterisk's default).
 */
export interface FakeAmiServer {
  port: number;
  /** Logged-in clients receiving events. */
  readonly clients: number;
  /** Every action received, in order (lower-cased keys), log-ins included. */
  readonly actions: Record<string, string>[];
  /** Sends one event (fields in order) to every subscribed client. */
  event(fields: Record<string, string | number>): void;
  /** Sends bytes as they are to every subscribed client (split or joined frames, broken blocks). */
  raw(data: string | Buffer): void;
  /** Cuts every connection without a word (a PBX restart, a network cut). */
  drop(): void;
  /** Does not answer Pings from now on (a hung PBX) when false. */
  answerPings: boolean;
  close(): Promise<void>;
}

export interface FakeAmiOptions {
  username: string;
  secret: string;
  port?: number;
  version?: string;
  /** Called once a client is logged in and subscribed. */
  onClient?: () => void;
}

export async function startFakeAmiServer(o: FakeAmiOptions): Promise<FakeAmiServer> {
  const subscribed = new Set<Socket>();
  const sockets = new Set<Socket>();
  const actions: Record<string, string>[] = [];
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => (sockets.delete(socket), subscribed.delete(socket)));
    socket.on('error', () => {});
    socket.write(`Asterisk Call Manager/${o.version ?? '9.0.0'}\r\n`);
    const parser = new AmiParser({ expectBanner: false });
    let loggedIn = false;
    socket.on('data', (chunk: Buffer) => {
      for (const frame of parser.push(chunk)) {
        if (frame.type !== 'message') continue;
        const action = frame.message.fields;
        actions.push(action);
        const reply = (fields: Record<string, string | number>) =>
          socket.write(formatBlock({ ...fields, ...(action.actionid ? { ActionID: action.actionid } : {}) }));
        const name = (action.action ?? '').toLowerCase();
        if (name === 'login') {
          if (action.username !== o.username || action.secret !== o.secret) {
            reply({ Response: 'Error', Message: 'Authentication failed' });
            socket.end();
            continue;
          }
          loggedIn = true;
          reply({ Response: 'Success', Message: 'Authentication accepted' });
          if ((action.events ?? 'on').toLowerCase() !== 'off') subscribed.add(socket);
          socket.write(formatBlock({ Event: 'FullyBooted', Privilege: 'system,all', Status: 'Fully Booted' }));
          o.onClient?.();
        } else if (!loggedIn) {
          reply({ Response: 'Error', Message: 'Permission denied' });
        } else if (name === 'ping') {
          if (handle.answerPings)
            reply({ Response: 'Success', Ping: 'Pong', Timestamp: (Date.now() / 1000).toFixed(6) });
        } else if (name === 'logoff') {
          reply({ Response: 'Goodbye', Message: 'Thanks for all the fish.' });
          socket.end();
        } else {
          reply({ Response: 'Error', Message: 'Invalid/unknown command' });
        }
      }
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port ?? 0, '127.0.0.1', () => resolve());
  });
  const handle: FakeAmiServer = {
    port: (server.address() as AddressInfo).port,
    get clients() {
      return subscribed.size;
    },
    actions,
    event: (fields) => handle.raw(formatBlock(fields)),
    raw(data) {
      for (const socket of subscribed) socket.write(data);
    },
    drop() {
      subscribed.clear();
      for (const socket of sockets) socket.destroy();
    },
    answerPings: true,
    close: () =>
      new Promise<void>((resolve) => {
        handle.drop();
        server.close(() => resolve());
      }),
  };
  return handle;
}
