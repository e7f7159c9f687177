import { readFile } from 'node:fs/promises';
import { connect, type Socket } from 'node:net';
import { parseArgs } from 'node:util';
import type { Adapter, AdapterContext } from '../types';
import { AdapterUsageError } from '../usage';
import { loadAgentsFile } from './agents';
import { EslFramingError, EslParser, eslCommand, parseEventPlain, type EslMessage } from './eslFraming';
import { ESL_EVENTS, createEslMapper } from './mapping';

const usage = `freeswitch --agents agents.json (--host H [--port 8021] --password-file F | --replay FILE)
    [--keepalive-ms 20000] [--retry-ms 1000]
    FreeSWITCH event socket (inbound mode): channel create/answer/hang-up and mod_callcenter agent
    statuses mapped to reps through the agents file; dispositions from floorboard_* channel
    variables. --replay reads a raw ESL transcript instead of connecting.
    The password may come from FLOORBOARD_ESL_PASSWORD instead of --password-file.`;

/** The source will not accept us as configured (password, ACL): retrying cannot help. */
export class EslRefusedError extends Error {}

/** The sink lost its store: the adapter stops (the runner reports it) rather than drop events. */
class SinkLostError extends Error {}

function flags(argv: readonly string[], env: Record<string, string | undefined>) {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      options: {
        host: { type: 'string', default: '127.0.0.1' },
        port: { type: 'string', default: '8021' },
        'password-file': { type: 'string' },
        agents: { type: 'string' },
        replay: { type: 'string' },
        'keepalive-ms': { type: 'string', default: '20000' },
        'retry-ms': { type: 'string', default: '1000' },
      },
      strict: true,
      allowPositionals: true,
    });
  } catch (error) {
    throw new AdapterUsageError(`freeswitch: ${(error as Error).message}`);
  }
  const { values, positionals } = parsed;
  if (positionals.length)
    throw new AdapterUsageError(`freeswitch: unexpected argument "${positionals[0]!.slice(0, 40)}"`);
  if (!values.agents) throw new AdapterUsageError('freeswitch: --agents FILE is required');
  if (!values.replay && !values['password-file'] && !env.FLOORBOARD_ESL_PASSWORD)
    throw new AdapterUsageError('freeswitch: --password-file F (or FLOORBOARD_ESL_PASSWORD) is required');
  const number = (name: string, text: string, min: number, max = 3_600_000) => {
    const n = Number(text);
    if (!Number.isInteger(n) || n < min || n > max)
      throw new AdapterUsageError(`freeswitch: --${name} must be an integer ${min}-${max}`);
    return n;
  };
  return {
    host: values.host,
    port: number('port', values.port, 1, 65535),
    passwordFile: values['password-file'],
    agents: values.agents,
    replay: values.replay,
    keepaliveMs: number('keepalive-ms', values['keepalive-ms'], 10),
    retryMs: number('retry-ms', values['retry-ms'], 1),
  };
}

async function run(argv: readonly string[], context: AdapterContext): Promise<void> {
  const options = flags(argv, context.env ?? process.env);
  const { sink, health, log, signal } = context;
  const mapper = createEslMapper(await loadAgentsFile(options.agents));
  const warned = new Set<string>();

  async function onEvent(message: EslMessage): Promise<void> {
    health.received(1);
    const parsed = parseEventPlain(message.body);
    if (!parsed.ok) {
      health.error(parsed.reason);
      log.warn(`freeswitch: ${parsed.reason}; skipped`);
      return;
    }
    const result = mapper.map(parsed.event);
    for (const problem of result.problems) {
      health.error(problem);
      log.warn(`freeswitch: ${problem}`);
    }
    if (result.unmatched && !warned.has(result.unmatched) && warned.size < 1000) {
      warned.add(result.unmatched);
      log.warn(`freeswitch: no agent matches ${result.unmatched}; add it to the agents file`);
    }
    if (!result.events.length) return;
    try {
      await sink.write(result.events);
    } catch (error) {
      throw new SinkLostError(`freeswitch: could not write events: ${(error as Error).message}`, { cause: error });
    }
  }

  if (options.replay) {
    const parser = new EslParser();
    let raw: Buffer;
    try {
      raw = await readFile(options.replay);
    } catch (error) {
      throw new AdapterUsageError(`freeswitch: --replay ${options.replay}: ${(error as Error).message}`);
    }
    let messages: EslMessage[];
    try {
      messages = parser.push(raw);
    } catch (error) {
      if (error instanceof EslFramingError) throw new Error(`freeswitch: ${options.replay}: ${error.message}`);
      throw error;
    }
    for (const message of messages) {
      if (signal.aborted) return;
      if (message.headers['Content-Type'] === 'text/event-plain') await onEvent(message);
    }
    if (parser.leftover) log.warn(`freeswitch: ${options.replay} ends inside a message; its last bytes were ignored`);
    return;
  }

  const password = await passwordOf(options.passwordFile, context.env ?? process.env);
  let delay = options.retryMs;
  while (!signal.aborted) {
    const { reason, authenticated } = await session(options, password, context, onEvent);
    health.disconnected(reason);
    if (signal.aborted) return;
    if (authenticated) delay = options.retryMs;
    log.warn(`freeswitch: ${reason}; reconnecting in ${delay} ms`);
    await sleep(delay, signal);
    delay = Math.min(delay * 2, 30_000);
  }
}

/** The ESL password from --password-file, else FLOORBOARD_ESL_PASSWORD; one line, never logged. */
async function passwordOf(file: string | undefined, env: Record<string, string | undefined>): Promise<string> {
  let password: string;
  if (file) {
    try {
      password = (await readFile(file, 'utf8')).trim();
    } catch (error) {
      throw new AdapterUsageError(`freeswitch: --password-file ${file}: ${(error as Error).message}`);
    }
    if (!password || /[\r\n]/.test(password))
      throw new AdapterUsageError('freeswitch: the password file must hold one line');
    return password;
  }
  password = (env.FLOORBOARD_ESL_PASSWORD ?? '').trim();
  if (!password || /[\r\n]/.test(password))
    throw new AdapterUsageError('freeswitch: FLOORBOARD_ESL_PASSWORD must be one line');
  return password;
}

/** One connection, from the password exchange to its close; throws EslRefusedError when refused. */
async function session(
  options: ReturnType<typeof flags>,
  password: string,
  { health, log, signal }: AdapterContext,
  onEvent: (message: EslMessage) => Promise<void>,
): Promise<{ reason: string; authenticated: boolean }> {
  const socket: Socket = connect({ host: options.host, port: options.port });
  socket.setNoDelay(true);
  socket.setKeepAlive(true, options.keepaliveMs);
  const stop = () => socket.destroy();
  signal.addEventListener('abort', stop, { once: true });
  const parser = new EslParser();
  let state: 'auth' | 'auth-reply' | 'subscribe-reply' | 'events' = 'auth';
  let lastData = Date.now();
  /** When the unanswered keep-alive probe was sent (null: none outstanding). */
  let probeAt: number | null = null;
  // Probe a socket silent for keepaliveMs; drop it when the probe has had keepaliveMs to be answered
  // (before events are on, no probe can be sent: drop after twice the time).
  const timer = setInterval(
    () => {
      const now = Date.now();
      if (probeAt !== null && now - probeAt >= options.keepaliveMs)
        socket.destroy(new Error(`no reply for ${now - lastData} ms (keep-alive)`));
      else if (state !== 'events' && now - lastData >= 2 * options.keepaliveMs)
        socket.destroy(new Error(`no reply for ${now - lastData} ms (log-in)`));
      else if (probeAt === null && state === 'events' && now - lastData >= options.keepaliveMs) {
        probeAt = now;
        socket.write(eslCommand('api status'));
      }
    },
    Math.max(5, Math.floor(options.keepaliveMs / 4)),
  );
  let reason = 'connection closed by FreeSWITCH';
  try {
    for await (const chunk of socket as AsyncIterable<Buffer>) {
      lastData = Date.now();
      probeAt = null;
      for (const message of parser.push(chunk)) {
        const type = message.headers['Content-Type'];
        const reply = message.headers['Reply-Text'] ?? '';
        if (type === 'text/rude-rejection')
          throw new EslRefusedError(
            `freeswitch: connection refused (event_socket.conf.xml apply-inbound-acl): ${message.body.trim()}`,
          );
        if (type === 'text/disconnect-notice') {
          reason = 'FreeSWITCH closed the session (disconnect notice)';
          continue;
        }
        if (state === 'auth' && type === 'auth/request') {
          socket.write(eslCommand(`auth ${password}`));
          state = 'auth-reply';
        } else if (state === 'auth-reply' && type === 'command/reply') {
          if (!reply.startsWith('+OK'))
            throw new EslRefusedError(
              `freeswitch: authentication failed (${reply || 'no reply text'}): check --password-file`,
            );
          socket.write(eslCommand(`event plain ${ESL_EVENTS.join(' ')}`));
          state = 'subscribe-reply';
        } else if (state === 'subscribe-reply' && type === 'command/reply') {
          if (!reply.startsWith('+OK')) throw new EslRefusedError(`freeswitch: event subscription refused (${reply})`);
          state = 'events';
          health.connected();
          log.info(`freeswitch: connected to ${options.host}:${options.port}, events on`);
        } else if (state === 'events' && type === 'text/event-plain') {
          await onEvent(message);
        }
        // Anything else (api/response to a keep-alive, a late command/reply) needs nothing.
      }
    }
  } catch (error) {
    if (error instanceof EslRefusedError || error instanceof SinkLostError) throw error;
    reason = error instanceof EslFramingError ? `unreadable stream (${error.message})` : (error as Error).message;
    if (error instanceof EslFramingError) health.error(reason);
  } finally {
    clearInterval(timer);
    signal.removeEventListener('abort', stop);
    socket.destroy();
  }
  if (signal.aborted) reason = 'stopped';
  return { reason, authenticated: state === 'events' };
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}

export const freeswitchAdapter: Adapter = { name: 'freeswitch', usage, run };
