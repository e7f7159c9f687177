import { connect, type Socket } from 'node:net';
import { AmiParser, AmiProtocolError, formatAction, type AmiMessage } from './amiFraming';

export interface AmiSessionOptions {
  host: string;
  port: number;
  username: string;
  secret: string;
  /** A Ping every this long once logged in; no answer within timeoutMs ends the connection. */
  pingMs: number;
  /** Connecting, the banner, the log-in answer and each Pong must come within this. */
  timeoutMs: number;
  signal: AbortSignal;
  /** Logged in with `Events: on`: events flow from now on. */
  onLoggedIn(version: string): void;
  onEvent(message: AmiMessage, receivedAt: number): void;
  onMalformed(reason: string): void;
  /** Back-pressure: when full(), reading stops until drained() resolves. */
  full(): boolean;
  drained(): Promise<void>;
}

/** The PBX refused the log-in: retrying with the same secret cannot help. */
export class AmiLoginError extends Error {
  override name = 'AmiLoginError';
}

/**
 * One connection: banner, `Action: Login` with `Events: on`, then events until the socket closes.
 * Resolves with why it ended (closed by the PBX, Ping unanswered, aborted); rejects with
 * AmiLoginError when the log-in is refused. Reconnecting is the caller's loop.
 */
export function runAmiSession(o: AmiSessionOptions): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    const parser = new AmiParser();
    let loggedIn = false;
    let ended = false;
    let actions = 0;
    let pingTimer: NodeJS.Timeout | undefined;
    let pongTimer: NodeJS.Timeout | undefined;
    let pendingPing: string | null = null;
    const socket: Socket = connect({ host: o.host, port: o.port });
    let deadline: NodeJS.Timeout | undefined = setTimeout(
      () => finish(`no AMI log-in within ${o.timeoutMs} ms (connect, banner, Login)`),
      o.timeoutMs,
    );

    const finish = (reason: string, error?: Error) => {
      if (ended) return;
      ended = true;
      clearTimeout(deadline);
      clearInterval(pingTimer);
      clearTimeout(pongTimer);
      o.signal.removeEventListener('abort', onAbort);
      socket.destroy();
      if (error) reject(error);
      else resolve(reason);
    };
    const send = (action: string, fields: Record<string, string> = {}) => {
      const id = `floorboard-${++actions}`;
      socket.write(formatAction(action, id, fields));
      return id;
    };
    const onAbort = () => {
      if (loggedIn && socket.writable) socket.write(formatAction('Logoff', `floorboard-${++actions}`));
      finish('stopped');
    };
    o.signal.addEventListener('abort', onAbort, { once: true });
    if (o.signal.aborted) return onAbort();

    let loginId = '';
    let version = '';
    const onMessage = (message: AmiMessage, receivedAt: number) => {
      const id = message.fields.actionid;
      if (message.kind === 'response' && id === loginId && !loggedIn) {
        if (message.name.toLowerCase() !== 'success') {
          const why = message.fields.message ?? message.name;
          return finish('', new AmiLoginError(`AMI log-in refused for ${o.username}: ${why}`));
        }
        loggedIn = true;
        clearTimeout(deadline);
        deadline = undefined;
        o.onLoggedIn(version);
        pingTimer = setInterval(ping, o.pingMs);
        return;
      }
      if (message.kind === 'response' && id !== undefined && id === pendingPing) {
        pendingPing = null;
        clearTimeout(pongTimer);
        return;
      }
      if (message.kind === 'event' && loggedIn) o.onEvent(message, receivedAt);
    };
    const ping = () => {
      if (pendingPing) return;
      pendingPing = send('Ping');
      pongTimer = setTimeout(() => finish(`no answer to Ping within ${o.timeoutMs} ms`), o.timeoutMs);
    };

    socket.on('data', (chunk: Buffer) => {
      const receivedAt = Date.now();
      let frames;
      try {
        frames = parser.push(chunk);
      } catch (error) {
        return finish(error instanceof AmiProtocolError ? error.message : String(error));
      }
      for (const frame of frames) {
        if (ended) return;
        if (frame.type === 'banner') {
          version = frame.version;
          loginId = send('Login', { Username: o.username, Secret: o.secret, Events: 'on' });
        } else if (frame.type === 'malformed') o.onMalformed(`${frame.reason}: ${frame.raw.slice(0, 120)}`);
        else onMessage(frame.message, receivedAt);
      }
      if (!ended && o.full()) {
        socket.pause();
        void o.drained().then(() => !ended && socket.resume());
      }
    });
    socket.on('error', (error) => finish(`connection error: ${error.message}`));
    socket.on('close', () => finish(loggedIn ? 'the PBX closed the connection' : 'closed before log-in'));
  });
}
