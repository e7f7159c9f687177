import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Shift } from '../../../shared/domain/targets';
import type { AgentsFile } from '../../adapters/agents';
import { eachLine, terminate } from '../processes';
import { isFault } from '../simulator/events';
import { createFloorModel, type FloorModel } from '../simulator/model';
import { resolveStart } from '../simulator/shift';
import { startFakeAmiServer } from './amiServer';
import { createAmiScript } from './amiScript';

export interface AmiDemoOptions {
  seed: number;
  redisUrl: string;
  stream: string;
  keyPrefix: string;
  reps: number;
  teams: number;
  speed: number;
  timeZone: string;
  shift: Shift;
  longCalls?: number;
  longPauses?: number;
  idleReps?: number;
  onLine: (line: string) => void;
}

export interface AmiDemo {
  model: FloorModel;
  amiPort: number;
  close(): Promise<void>;
}

const root = fileURLToPath(new URL('../../..', import.meta.url));
const TICK_MS = 200;

/**
 * `npm run demo -- --source asterisk`: the simulated floor played by a fake Asterisk (a TCP server
 * speaking AMI), and the real adapter (`npm run adapter -- asterisk`, a process of its own) logged
 * in to it, writing to the stream. At speed 1 the PBX stamps events (timestampevents=yes); at other
 * speeds it does not, and the adapter uses the time it read them, as with a PBX that has it off.
 */
export async function startAmiDemo(o: AmiDemoOptions): Promise<AmiDemo> {
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
  const phone = new Map(model.reps.map((rep, i) => [rep.id, `PJSIP/${1001 + i}`]));
  const secret = randomBytes(12).toString('hex');
  const dir = await mkdtemp(join(tmpdir(), 'floorboard-ami-demo-'));
  const agents: AgentsFile = {
    agents: model.reps.map((rep) => ({ rep: rep.id, name: rep.name, team: rep.team, endpoints: [phone.get(rep.id)!] })),
  };
  await writeFile(join(dir, 'agents.json'), JSON.stringify(agents, null, 2));
  await writeFile(join(dir, 'secret'), secret, { mode: 0o600 });

  const play = createAmiScript((rep) => phone.get(rep)!, o.speed === 1);
  let timer: NodeJS.Timeout | undefined;
  let realStart = 0;
  const tick = () => {
    const simNow = start.startAt + (Date.now() - realStart) * o.speed;
    for (const entry of model.nextEvents(simNow)) {
      if (isFault(entry)) continue;
      for (const block of play(entry)) pbx.event(block);
    }
    timer = setTimeout(tick, TICK_MS);
  };
  const pbx = await startFakeAmiServer({
    username: 'floorboard',
    secret,
    // The floor starts once the adapter listens: a PBX does not keep events for a client to come.
    onClient: () => {
      if (timer) return;
      realStart = Date.now();
      tick();
    },
  });

  const adapter: ChildProcess = spawn(
    process.execPath,
    [
      ...['--import', 'tsx', 'server/adapters/run.ts', 'asterisk'],
      ...['--host', '127.0.0.1', '--port', String(pbx.port), '--username', 'floorboard'],
      ...['--secret-file', join(dir, 'secret'), '--agents', join(dir, 'agents.json')],
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
    amiPort: pbx.port,
    async close() {
      clearTimeout(timer);
      await terminate(adapter);
      await pbx.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
