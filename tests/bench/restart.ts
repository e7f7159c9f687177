/**
 * `npm run bench:restart [-- --events 1000000 --reps 2000]`: a stream already holding a day of
 * events, then the real server started on it; prints how long until it serves a snapshot, its
 * memory, and whether the snapshot's totals equal the stream's (folded independently here).
 */
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { Redis } from 'ioredis';
import type { FloorResponse, HealthResponse } from '../../shared/contracts/http';
import { createFloorModel } from '../../server/simulator/model';
import { entryFields } from '../../server/simulator/events';
import { ensureRedisServerInstalled, startRedisServer } from '../../server/tools/redisServer';
import { ensureBuilt, STREAM, startServer } from './setup';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { events: { type: 'string', default: '1000000' }, reps: { type: 'string', default: '2000' } },
  });
  const events = Number(values.events);
  const reps = Number(values.reps);
  await ensureRedisServerInstalled();
  await ensureBuilt((line) => process.stderr.write(`${line}\n`));
  const redisServer = await startRedisServer({ appendOnly: false });
  const redis = new Redis(redisServer.url);
  let server: ChildProcess | null = null;
  try {
    // A day so far: the shift started up to eight hours ago (never before today's UTC midnight).
    const now = Date.now();
    const start = Math.max(new Date(now).setUTCHours(0, 0, 0, 0) + 60_000, now - 8 * 3600_000);
    const model = createFloorModel({
      reps,
      teams: Math.max(1, Math.min(26, Math.round(reps / 50))),
      seed: 3,
      startAt: start,
      shiftStartAt: start,
    });
    let written = 0;
    const dials = new Set<string>();
    for (let until = start; written < events && until < now;) {
      until = Math.min(until + 60_000, now - 1000);
      const pipeline = redis.pipeline();
      for (const entry of model.nextEvents(until)) {
        if (written >= events) break;
        if ('type' in entry && entry.type === 'call.dial') dials.add(entry.call);
        pipeline.xadd(STREAM, '*', ...entryFields(entry));
        written++;
      }
      await pipeline.exec();
    }
    const token = randomBytes(24).toString('base64url');
    const started = performance.now();
    const running = await startServer(redisServer.url, token, (c) => (server = c));
    const floor = (await (
      await fetch(`${running.url}/api/floor`, { headers: { authorization: `Bearer ${token}` } })
    ).json()) as FloorResponse;
    const readyMs = performance.now() - started;
    const health = (await (await fetch(`${running.url}/healthz`)).json()) as HealthResponse;
    const lines = [
      `stream:             ${written.toLocaleString('en')} events, ${reps} reps (Redis ${((await redis.info('memory')).match(/used_memory_human:(\S+)/) ?? [])[1]})`,
      `start to snapshot:  ${(readyMs / 1000).toFixed(1)} s (goal ≤ 10 s)`,
      `server memory:      RSS ${(health.process.rssBytes / 1e6).toFixed(0)} MB, heap ${(health.process.heapUsedBytes / 1e6).toFixed(0)} MB`,
      `snapshot:           ${floor.reps.length} reps, ${floor.totals.dials.toLocaleString('en')} dials; ${floor.totals.dials === dials.size ? 'equal to' : 'DIFFERENT FROM'} the ${dials.size.toLocaleString('en')} calls written`,
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
    if (floor.totals.dials !== dials.size) process.exitCode = 1;
  } finally {
    const child = server as ChildProcess | null;
    if (child && child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    redis.disconnect();
    await redisServer.stop();
  }
}

void main();
