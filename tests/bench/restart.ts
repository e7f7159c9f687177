/**
 * `npm run bench:restart [-- --events 1000000 --reps 2000]`: a stream already holding a day of
 * events, then the real server started on it three times: cold (no checkpoint), after kill -9 and
 * after a graceful stop; prints how long until each serves a snapshot, its memory, and whether the
 * snapshot's totals equal the calls written (counted independently here).
 */
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { Redis } from 'ioredis';
import type { FloorResponse, HealthResponse } from '../../shared/contracts/http';
import { createFloorModel } from '../../server/dev/simulator/model';
import { entryFields } from '../../server/dev/simulator/events';
import { ensureRedisServerInstalled, startRedisServer } from '../../server/dev/redisServer';
import { ensureBuilt, metricsHeaders, STREAM, startServer } from './setup';

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
    // Calls the server must count: a call counts once whichever of its events arrive.
    const calls = new Set<string>();
    let until = start;
    const writeUntil = async (to: number) => {
      for (; until < to;) {
        until = Math.min(until + 60_000, to);
        const pipeline = redis.pipeline();
        for (const entry of model.nextEvents(until)) {
          if ('call' in entry && entry.type !== 'lead.handoff') calls.add(entry.call);
          pipeline.xadd(STREAM, '*', ...entryFields(entry));
          written++;
        }
        await pipeline.exec();
        if (written >= events) break;
      }
    };
    await writeUntil(now - 1000);
    const token = randomBytes(24).toString('base64url');
    // What the floor writes in 30 s more of its day, while the server is down.
    const writeTail = () => writeUntil(until + 30_000);
    const lines = [`stream:             ${written.toLocaleString('en')} events, ${reps} reps`];
    async function timeStart(label: string): Promise<void> {
      const started = performance.now();
      const running = await startServer(redisServer.url, token, (c) => (server = c));
      const floor = (await (
        await fetch(`${running.url}/api/floor`, { headers: { authorization: `Bearer ${token}` } })
      ).json()) as FloorResponse;
      const readyMs = performance.now() - started;
      const health = (await (
        await fetch(`${running.url}/healthz`, { headers: metricsHeaders })
      ).json()) as HealthResponse;
      const same = floor.totals.dials === calls.size;
      lines.push(
        `${label.padEnd(19)} ${(readyMs / 1000).toFixed(1)} s to a snapshot (goal ≤ 10 s); RSS ${(health.process.rssBytes / 1e6).toFixed(0)} MB (peak ${peakRssMb((server as ChildProcess | null)?.pid)}), heap ${(health.process.heapUsedBytes / 1e6).toFixed(0)} MB; ${floor.totals.dials.toLocaleString('en')} dials, ${same ? 'equal to' : 'DIFFERENT FROM'} the ${calls.size.toLocaleString('en')} calls written`,
      );
      if (!same) process.exitCode = 1;
    }
    const stop = async (signal: NodeJS.Signals) => {
      const child = server as ChildProcess | null;
      if (!child || child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill(signal);
      await exited;
    };
    // 1. No checkpoint yet: the whole day is folded from the stream (then a checkpoint is saved).
    await timeStart('cold (whole day):');
    // 2. Killed: the checkpoint saved after start-up, plus what was written while it was down.
    await stop('SIGKILL');
    await writeTail();
    await timeStart('after kill -9:');
    // 3. A deploy: stop() saves a checkpoint, so the next process folds almost nothing.
    await stop('SIGTERM');
    await writeTail();
    await timeStart('after a deploy:');
    lines.push(
      `stream at the end:  ${written.toLocaleString('en')} events (Redis ${((await redis.info('memory')).match(/used_memory_human:(\S+)/) ?? [])[1]})`,
    );
    process.stdout.write(`${lines.join('\n')}\n`);
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

/** The highest RSS a process had so far (VmHWM), in MB: what a replay needs of the host's memory. */
function peakRssMb(pid: number | undefined): string {
  const kb = pid ? /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] : undefined;
  return kb ? `${((Number(kb) * 1024) / 1e6).toFixed(0)} MB` : 'n/a';
}

void main();
