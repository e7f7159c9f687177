/**
 * Redis fail-over under Sentinel: a primary, a replica and three sentinels; the primary is killed
 * (-9) while the writer keeps writing through a Sentinel-aware client. The sentinels promote the
 * replica; the server (REDIS_SENTINELS) follows it, resumes from the last ID it read, and ends
 * with the totals recomputed from the promoted primary's stream; every screen said stale, then live.
 */
import { caughtUp, connectViewers, convergeCheck, outcome, recompute, sleep, STREAM, xlen } from '../support/common';
import type { ChaosCase } from '../support/common';
import { openFloor } from '../support/floor';
import { Checks, fmtMs, verifyServer } from '../support/report';
import { startSentinelGroup } from '../support/sentinel';
import { createViewerPool } from '../support/viewers';
import { createEventSource, startLiveWriter, writeEvents } from '../support/writer';

export const sentinelFailover: ChaosCase = {
  name: 'sentinel',
  title: 'Redis primary killed (-9) under Sentinel: the server follows the promoted replica',
  async run(ctx) {
    const checks = new Checks();
    const group = await startSentinelGroup(ctx.tracker, ctx.log);
    const cmd = group.client();
    const floor = await openFloor({
      tracker: ctx.tracker,
      log: ctx.log,
      // Stale after 1.5 s without a read: the screens must say so during the fail-over.
      env: { ...group.env, FLOORBOARD_STALE_AFTER_MS: '1500' },
      redis: { handle: group.primary, cmd },
    });
    const pool = createViewerPool(floor.url, floor.token);
    const closePool = ctx.tracker.closer('viewers', () => pool.close());
    try {
      const source = createEventSource({ reps: 60, seed: 505 });
      const history = source.next(ctx.quick ? 1000 : 3000);
      await writeEvents(cmd, STREAM, history);
      await floor.startServer();
      await connectViewers(checks, pool, ctx.quick ? 10 : 30);
      const writer = startLiveWriter(cmd, STREAM, source, 300);
      await sleep(3000);
      const h0 = await floor.health();
      checks.add('healthz fresh before', h0?.stale === false, `stale ${h0?.stale}`);
      pool.resetHealth();

      const oldPort = await group.primaryPort();
      await group.kill9Primary();
      const killedAt = Date.now();
      ctx.log(`primary :${oldPort} killed (-9)`);
      let promotedAfter: number | null = null;
      for (const t0 = Date.now(); Date.now() - t0 < 30_000; await sleep(100)) {
        if ((await group.primaryPort().catch(() => oldPort)) === group.replicaPort) {
          promotedAfter = Date.now() - killedAt;
          break;
        }
      }
      checks.add(
        'the sentinels promoted the replica',
        promotedAfter !== null,
        `primary now :${await group.primaryPort().catch(() => '?')} ${fmtMs(promotedAfter)} after the kill`,
      );
      const staleDuring = pool.staleSeen();
      await sleep(3000);
      await writer.stop();
      const length = await xlen(floor);
      checks.note(
        `writer: ${writer.written} live events acknowledged, ${writer.failed} failed; ` +
          `promoted primary holds ${length} entries (history ${history.length} + ${length - history.length} live)`,
      );
      checks.add(
        'every acknowledged XADD is on the promoted primary (asynchronous replication may lose the last ms)',
        length === history.length + writer.written,
        `XLEN ${length}, acknowledged ${history.length + writer.written}`,
      );

      const ref = await recompute(cmd, STREAM);
      const resumed = await caughtUp(floor, 20_000);
      checks.add(
        'ingestion resumed on the promoted primary',
        resumed !== null,
        `reader at its stream's end ${fmtMs(Date.now() - killedAt)} after the kill`,
      );
      let fresh: number | null = null;
      for (const t0 = Date.now(); Date.now() - t0 < 15_000; await sleep(200)) {
        const h = await floor.health();
        if (h?.stale === false && h.redis === 'up') {
          fresh = Date.now() - killedAt;
          break;
        }
      }
      checks.add('/healthz live again', fresh !== null, `stale: false, redis up ${fmtMs(fresh)} after the kill`);
      await sleep(1500);
      const after = pool.staleSeen();
      checks.add(
        'every socket heard health:changed stale',
        staleDuring.stale === staleDuring.total || after.stale === after.total,
        `${after.stale}/${after.total}`,
      );
      checks.add(
        'every socket heard live again',
        after.freshAgain === after.total,
        `${after.freshAgain}/${after.total}`,
      );
      const conv = await pool.waitConverged(ref.expected, 20_000, killedAt);
      convergeCheck(checks, 'clients hold the promoted primary’s totals', conv, 15_000);
      // Counted once, nothing lost: the server's reps and totals equal a recomputation from the new primary.
      const final = await verifyServer(floor, checks);
      return outcome(checks, final, conv.ms, 'from the kill; limit 15 s');
    } finally {
      await closePool();
      await floor.close();
      cmd.disconnect();
      await group.close();
    }
  },
};
