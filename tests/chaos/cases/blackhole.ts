/**
 * The Redis connection silently blackholed (SIGSTOP of redis-server: sockets stay open, nothing
 * answers): the stuck XREAD is noticed by the watchdog and its connection replaced, /healthz and
 * every socket say stale while it lasts, and the numbers are right afterwards.
 */
import type { HealthResponse } from '../../../shared/contracts/http';
import {
  caughtUp,
  convergeCheck,
  outcome,
  recompute,
  sleep,
  STREAM,
  withFloor,
  type ChaosCase,
  connectViewers,
} from '../support/common';
import { Checks, fmtMs, verifyServer } from '../support/report';
import { createEventSource, startLiveWriter, writeEvents } from '../support/writer';

export const blackhole: ChaosCase = {
  name: 'blackhole',
  title: 'Redis blackholed (SIGSTOP) mid-stream',
  run: (ctx) =>
    withFloor(ctx, {}, async (floor, viewers) => {
      const checks = new Checks();
      const holdMs = ctx.quick ? 8000 : 30_000;
      const source = createEventSource({ reps: 60, seed: 303 });
      await writeEvents(floor.cmd, STREAM, source.next(ctx.quick ? 1000 : 3000));
      await floor.startServer();
      const pool = viewers();
      await connectViewers(checks, pool, ctx.quick ? 10 : 30);
      const writer = startLiveWriter(floor.cmd, STREAM, source, 300);
      await sleep(2000);
      const h0 = await floor.health();
      checks.add('healthz fresh before', h0?.stale === false, `stale ${h0?.stale}`);
      pool.resetHealth();
      const logFrom = floor.serverLog().length;

      floor.redis.pause();
      const pausedAt = performance.now();
      ctx.log(`redis-server stopped (SIGSTOP) for ${holdMs / 1000} s`);
      const samples: { t: number; h: HealthResponse | null }[] = [];
      while (performance.now() - pausedAt < holdMs) {
        const t = performance.now();
        const h = await floor.health();
        samples.push({ t: t - pausedAt, h });
        await sleep(Math.max(0, 500 - (performance.now() - t)));
      }
      const staleSockets = pool.staleSeen();
      floor.redis.resume();
      const resumedAt = Date.now();

      const firstStale = samples.find((s) => s.h?.stale === true);
      checks.add(
        '/healthz answered throughout',
        samples.every((s) => s.h !== null),
        `${samples.filter((s) => s.h).length}/${samples.length} answered`,
      );
      checks.add(
        '/healthz stale: true within 5 s',
        firstStale !== undefined && firstStale.t <= 5000,
        `first stale after ${fmtMs(firstStale?.t ?? null)}`,
      );
      const afterFirst = samples.filter((s) => firstStale && s.t >= firstStale.t);
      checks.add(
        '/healthz stays stale until Redis answers',
        afterFirst.length > 0 && afterFirst.every((s) => s.h?.stale === true),
        `${afterFirst.filter((s) => s.h?.stale).length}/${afterFirst.length} samples stale`,
      );
      checks.add(
        'every socket heard health:changed stale',
        staleSockets.stale === staleSockets.total,
        `${staleSockets.stale}/${staleSockets.total}`,
      );
      const log = floor.serverLog().slice(logFrom);
      const stuck = log.filter((l) => l.includes('read did not return'));
      checks.add(
        'the stuck read was detected (watchdog)',
        stuck.length > 0,
        stuck.length
          ? `${stuck.length}× "${stuck[0]!.replace(/^.*(read did not return[^"]*).*$/, '$1')}"`
          : 'no watchdog line in the server log',
      );

      await sleep(2000);
      await writer.stop();
      const ref = await recompute(floor.cmd, STREAM);
      const resumed = await caughtUp(floor, 30_000);
      checks.add(
        'ingestion resumed',
        resumed !== null,
        `reader at the stream's end ${fmtMs(Date.now() - resumedAt)} after SIGCONT`,
      );
      let fresh: number | null = null;
      for (const t0 = Date.now(); Date.now() - t0 < 15_000; await sleep(200)) {
        if ((await floor.health())?.stale === false) {
          fresh = Date.now() - resumedAt;
          break;
        }
      }
      checks.add('/healthz fresh again', fresh !== null, `stale: false ${fmtMs(fresh)} after SIGCONT`);
      await sleep(1500);
      const again = pool.staleSeen();
      checks.add(
        'every socket heard health:changed fresh again',
        again.freshAgain === again.total,
        `${again.freshAgain}/${again.total}`,
      );
      const conv = await pool.waitConverged(ref.expected, 20_000, resumedAt);
      convergeCheck(checks, 'clients correct after Redis answers again', conv, 10_000);
      const final = await verifyServer(floor, checks);
      checks.note(`writer: ${writer.written} live events acknowledged, ${writer.failed} failed`);
      return outcome(checks, final, conv.ms, 'from SIGCONT (writes go on for 2 s after); limit 10 s');
    }),
};
