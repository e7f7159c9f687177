import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Shift } from '../../../shared/domain/targets';
import { eachLine, terminate } from '../processes';
import { isFault, type SimEvent } from '../simulator/events';
import { createFloorModel, type FloorModel } from '../simulator/model';
import { resolveStart } from '../simulator/shift';

/** What `npm run demo -- --source asterisk|freeswitch` needs, whichever fake PBX plays the floor. */
export interface PbxDemoOptions {
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

const root = fileURLToPath(new URL('../../..', import.meta.url));
const TICK_MS = 200;

/**
 * The simulated floor a fake PBX plays, from the start of today's shift. `play` hands each of its
 * entries (faults aside) to the PBX; it starts on `begin()` — once the adapter listens, since a PBX
 * does not keep events for a client to come — and runs until `stop()`.
 */
export function createPbxFloor(o: PbxDemoOptions, play: (event: SimEvent) => void) {
  const start = resolveStart(Date.now(), o.timeZone, o.shift, 'now');
  const model: FloorModel = createFloorModel({
    ...{ reps: o.reps, teams: o.teams, seed: o.seed, ...start },
    startAt: start.shiftStartAt, // the shift so far first, in one burst
    ...{ longCalls: o.longCalls, longPauses: o.longPauses, idleReps: o.idleReps },
  });
  let timer: NodeJS.Timeout | undefined;
  let realStart = 0;
  const tick = () => {
    const simNow = start.startAt + (Date.now() - realStart) * o.speed;
    for (const entry of model.nextEvents(simNow)) if (!isFault(entry)) play(entry);
    timer = setTimeout(tick, TICK_MS);
  };
  return {
    model,
    begin(): void {
      if (timer) return;
      realStart = Date.now();
      tick();
    },
    stop: () => clearTimeout(timer),
  };
}

/**
 * The real adapter process (`npm run adapter -- <source> ...`) against a fake PBX, writing to the
 * demo's stream, with its files (agents, secret) in a temporary directory removed on `close()`.
 */
export async function spawnDemoAdapter(
  o: PbxDemoOptions,
  source: string,
  files: Record<string, { text: string; secret?: boolean }>,
  args: (path: (name: string) => string) => string[],
): Promise<{ close(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), `floorboard-${source}-demo-`));
  const path = (name: string) => join(dir, name);
  for (const [name, file] of Object.entries(files))
    await writeFile(path(name), file.text, file.secret ? { mode: 0o600 } : {});
  const adapter: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', 'server/adapters/run.ts', source, ...args(path)],
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
    async close() {
      await terminate(adapter);
      await rm(dir, { recursive: true, force: true });
    },
  };
}
