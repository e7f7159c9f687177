import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { eachLine, terminate } from '../processes';
import { isFault } from '../simulator/events';
import { createFloorModel, type FloorModel } from '../simulator/model';
import { resolveStart } from '../simulator/shift';
import type { AmiDemoOptions } from './amiDemo';
import { createEslScript } from './eslScript';
import { startFakeEsl } from './eslServer';

export interface EslDemo {
  model: FloorModel;
  eslPort: number;
  close(): Promise<void>;
}

const root = fileURLToPath(new URL('../../..', import.meta.url));
const TICK_MS = 200;

/**
 * `npm run demo -- --source freeswitch`: the simulated floor played by a fake FreeSWITCH (a TCP
 * server speaking the event socket protocol, inbound mode), and the real adapter (`npm run adapter
 * -- freeswitch`, a process of its own) connected to it, writing to the stream. FreeSWITCH stamps
 * every event with its own clock: at speed 1 that is the simulated time; at other speeds the time
 * the event is sent, so a fast floor never writes times ahead of the server's clock.
 */
export async function startEslDemo(o: AmiDemoOptions): Promise<EslDemo> {
  const start = resolveStart(Date.now(), o.timeZone, o.shift, 'now');
  const model = createFloorModel({
    reps: o.reps,
    teams: o.teams,
    seed: o.seed,
    ...start,
    startAt: start.shiftStartAt, // the shift so far first, in one burst
    longCalls: o.longCalls,
    longPauses: o.longPauses,
    idleReps: o.idleReps,
  });
  const sip = new Map(model.reps.map((rep, i) => [rep.id, String(1001 + i)]));
  const password = randomBytes(12).toString('hex');
  const dir = await mkdtemp(join(tmpdir(), 'floorboard-esl-demo-'));
  const agents = {
    agents: model.reps.map((rep) => ({ match: sip.get(rep.id)!, rep: rep.id, name: rep.name, team: rep.team })),
  };
  await writeFile(join(dir, 'agents.json'), JSON.stringify(agents, null, 2));
  await writeFile(join(dir, 'password'), password, { mode: 0o600 });

  const play = createEslScript(
    (rep) => sip.get(rep)!,
    (at) => (o.speed === 1 ? at : Math.min(at, Date.now())),
  );
  let timer: NodeJS.Timeout | undefined;
  let realStart = 0;
  const tick = () => {
    const simNow = start.startAt + (Date.now() - realStart) * o.speed;
    for (const entry of model.nextEvents(simNow)) {
      if (isFault(entry)) continue;
      for (const message of play(entry)) fs.event(message);
    }
    timer = setTimeout(tick, TICK_MS);
  };
  const fs = await startFakeEsl(password, {
    queueSubscribed: false,
    // The floor starts once the adapter listens: FreeSWITCH does not keep events for a client to come.
    onClient: () => {
      if (timer) return;
      realStart = Date.now();
      tick();
    },
  });

  const adapter: ChildProcess = spawn(
    process.execPath,
    [
      ...['--import', 'tsx', 'server/adapters/run.ts', 'freeswitch'],
      ...['--host', '127.0.0.1', '--port', String(fs.port)],
      ...['--password-file', join(dir, 'password'), '--agents', join(dir, 'agents.json')],
    ],
    {
      cwd: root,
      env: {
        ...process.env,
        REDIS_URL: o.redisUrl,
        FLOORBOARD_STREAM: o.stream,
        FLOORBOARD_KEY_PREFIX: o.keyPrefix,
        FLOORBOARD_LOG_PRETTY: process.env.FLOORBOARD_LOG_PRETTY ?? '1',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  eachLine(adapter.stdout, o.onLine);
  eachLine(adapter.stderr, o.onLine);
  return {
    model,
    eslPort: fs.port,
    async close() {
      clearTimeout(timer);
      await terminate(adapter);
      await fs.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
