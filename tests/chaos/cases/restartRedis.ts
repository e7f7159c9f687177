/**
 * Redis (AOF on) restarted mid-stream while the writer keeps writing: ingestion resumes by itself
 * from the last ID read, nothing lost or counted twice, clients correct within 5 s of Redis back.
 */
import {
  caughtUp,
  convergeCheck,
  outcome,
  recompute,
  sleep,
  STREAM,
  withFloor,
  xlen,
  type ChaosCase,
  connectViewers,
} from '../support/common';
import { Checks, fmtMs, verifyServer } from '../support/report';
import { createEventSource, startLiveWriter, writeEvents } from '../support/writer';

export const restartRedis: ChaosCase = {
  name: 'restart-redis',
  title: 'Redis restarted mid-stream (AOF on)',
  run: (ctx) =>
    withFloor(ctx, {}, async (floor, viewers) => {
      const checks = new Checks();
      const rate = ctx.quick ? 300 : 600;
      const source = createEventSource({ reps: 60, seed: 202 });
      const history = source.next(ctx.quick ? 1000 : 4000);
      await writeEvents(floor.cmd, STREAM, history);
      await floor.startServer();
      const pool = viewers();
      await connectViewers(checks, pool, ctx.quick ? 10 : 50);

      const writer = startLiveWriter(floor.cmd, STREAM, source, rate);
      await sleep(ctx.quick ? 2000 : 5000);
      const runId = async () => /run_id:(\w+)/.exec(await floor.cmd.info('server'))?.[1];
      const before = await runId();
      const t0 = performance.now();
      await floor.redis.restart();
      const backAt = Date.now();
      checks.note(`redis-server down and up again in ${fmtMs(performance.now() - t0)}`);
      await writer.stop();
      checks.add('a new Redis process', (await runId()) !== before);
      const length = await xlen(floor);
      checks.add(
        'every acknowledged XADD survived the restart',
        length === history.length + writer.written,
        `XLEN ${length}, acknowledged ${history.length + writer.written}, failed XADDs ${writer.failed}`,
      );
      const ref = await recompute(floor.cmd, STREAM);
      const resumed = await caughtUp(floor, 15_000);
      checks.add('ingestion resumed by itself', resumed !== null, `caught up ${fmtMs(resumed)} after Redis was back`);
      const conv = await pool.waitConverged(ref.expected, 20_000, backAt);
      convergeCheck(checks, 'clients correct after Redis is back', conv, 5000);

      const tail = startLiveWriter(floor.cmd, STREAM, source, rate);
      await sleep(2000);
      await tail.stop();
      await caughtUp(floor, 10_000);
      const final = await verifyServer(floor, checks);
      convergeCheck(
        checks,
        'clients correct after live writes post-restart',
        await pool.waitConverged(final.expected, 5000),
        2000,
      );
      const h = await floor.health();
      checks.add('healthz ok again', h?.status === 'ok', `status ${h?.status}, redis ${h?.redis}, stale ${h?.stale}`);
      return outcome(checks, final, conv.ms, 'from Redis answering again; limit 5 s');
    }),
};
