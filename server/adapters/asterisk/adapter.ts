import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { loadAgentDirectory } from '../agents';
import { createEventQueue, type EventQueue } from '../eventQueue';
import type { Adapter, AdapterContext } from '../types';
import { AdapterUsageError, intFlag } from '../usage';
import { AmiParser, type AmiMessage } from './amiFraming';
import { AmiMapper } from './amiMapping';
import { AmiLoginError, runAmiSession } from './amiSession';

const USAGE = `asterisk --agents agents.json (--host H [--port 5038] --username U --secret-file F | --replay FILE)
    [--ping-seconds 20] [--timeout-seconds 10] [--max-backoff-seconds 30]
    Asterisk Manager Interface: logs in with Events: on, maps calls, queue members and agents to
    reps through the agents file. --replay reads a raw AMI transcript instead of connecting.
    The secret may come from FLOORBOARD_AMI_SECRET instead of --secret-file.`;

interface Options {
  agents: string;
  replay?: string;
  host: string;
  port: number;
  username: string;
  secretFile?: string;
  pingMs: number;
  timeoutMs: number;
  maxBackoffMs: number;
}

function options(argv: readonly string[]): Options {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        agents: { type: 'string' },
        replay: { type: 'string' },
        host: { type: 'string', default: '127.0.0.1' },
        port: { type: 'string' },
        username: { type: 'string' },
        'secret-file': { type: 'string' },
        'ping-seconds': { type: 'string' },
        'timeout-seconds': { type: 'string' },
        'max-backoff-seconds': { type: 'string' },
      },
    }));
  } catch (error) {
    throw new AdapterUsageError((error as Error).message);
  }
  if (!values.agents) throw new AdapterUsageError('--agents FILE is required');
  if (!values.replay && !values.username) throw new AdapterUsageError('--username is required (or --replay FILE)');
  return {
    agents: values.agents,
    replay: values.replay,
    host: values.host,
    port: intFlag('port', values.port, 5038, 1, 65535),
    username: values.username ?? '',
    secretFile: values['secret-file'],
    pingMs: intFlag('ping-seconds', values['ping-seconds'], 20, 1, 3600) * 1000,
    timeoutMs: intFlag('timeout-seconds', values['timeout-seconds'], 10, 1, 600) * 1000,
    maxBackoffMs: intFlag('max-backoff-seconds', values['max-backoff-seconds'], 30, 1, 3600) * 1000,
  };
}

async function secretOf(o: Options): Promise<string> {
  if (o.secretFile) {
    try {
      return (await readFile(o.secretFile, 'utf8')).trim();
    } catch (error) {
      throw new AdapterUsageError(`--secret-file ${o.secretFile}: ${(error as Error).message}`);
    }
  }
  const secret = process.env.FLOORBOARD_AMI_SECRET;
  if (!secret) throw new AdapterUsageError('--secret-file F (or FLOORBOARD_AMI_SECRET) is required');
  return secret;
}

export const asteriskAdapter: Adapter = {
  name: 'asterisk',
  usage: USAGE,
  async run(argv, context) {
    const o = options(argv);
    const mapper = new AmiMapper(await loadAgentDirectory(o.agents));
    const queue = createEventQueue(context.sink);
    const onEvent = (message: AmiMessage, receivedAt: number) => {
      context.health.received(1);
      const result = mapper.map(message, receivedAt);
      if (result.error) {
        context.health.error(result.error);
        context.log.warn(result.error);
      }
      queue.push(result.events);
    };
    if (o.replay) await replay(o.replay, onEvent, context);
    else await live(o, await secretOf(o), onEvent, queue, context);
    await queue.flush();
  },
};

async function replay(file: string, onEvent: (m: AmiMessage, at: number) => void, context: AdapterContext) {
  let raw: Buffer;
  try {
    raw = await readFile(file);
  } catch (error) {
    throw new AdapterUsageError(`--replay ${file}: ${(error as Error).message}`);
  }
  // A transcript may start at the banner (a capture of the whole socket) or at any block.
  const parser = new AmiParser({ expectBanner: raw.subarray(0, 21).toString() === 'Asterisk Call Manager' });
  context.health.connected();
  for (const frame of [...parser.push(raw), ...parser.end()]) {
    if (context.signal.aborted) break;
    if (frame.type === 'message') onEvent(frame.message, Date.now());
    else if (frame.type === 'malformed') {
      context.health.error(`malformed block: ${frame.reason}`);
      context.log.warn(`malformed block skipped (${frame.reason}): ${frame.raw.slice(0, 120)}`);
    }
  }
  context.health.disconnected('end of the replayed transcript');
}

async function live(
  o: Options,
  secret: string,
  onEvent: (m: AmiMessage, at: number) => void,
  queue: EventQueue,
  context: AdapterContext,
) {
  const { health, log, signal } = context;
  let backoffMs = 1000;
  while (!signal.aborted) {
    let loggedInAt = 0;
    let reason: string;
    try {
      reason = await runAmiSession({
        ...o,
        secret,
        signal,
        onLoggedIn(version) {
          loggedInAt = Date.now();
          health.connected();
          log.info(`logged in to ${o.host}:${o.port} as ${o.username} (AMI ${version}), events on`);
        },
        onEvent,
        onMalformed(why) {
          health.error(`malformed block: ${why}`);
          log.warn(`malformed block skipped: ${why}`);
        },
        full: () => queue.full(),
        drained: () => queue.drained(),
      });
    } catch (error) {
      if (error instanceof AmiLoginError) health.disconnected(error.message);
      throw error;
    }
    if (signal.aborted) break;
    // A connection that lived a while starts the backoff over; one that keeps failing waits longer each time.
    if (loggedInAt && Date.now() - loggedInAt > 60_000) backoffMs = 1000;
    health.disconnected(reason);
    log.warn(`AMI ${o.host}:${o.port}: ${reason}; reconnecting in ${backoffMs / 1000} s`);
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, backoffMs);
      signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
    });
    backoffMs = Math.min(o.maxBackoffMs, backoffMs * 2);
  }
  health.disconnected('stopped');
}
