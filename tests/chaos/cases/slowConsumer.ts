/**
 * Clients that stop reading (raw sockets that finish the handshake and pause) while the floor is
 * busy: the server's memory must not grow without bound, and the other clients' delays must not
 * suffer. Reports the server's RSS over time and the others' delays before and during.
 */
import { readProc } from '../../bench/procStats';
import {
  caughtUp,
  convergeCheck,
  outcome,
  sleep,
  STREAM,
  withFloor,
  connectViewers,
  type ChaosCase,
} from '../support/common';
import { Checks, mb, verifyServer } from '../support/report';
import { connectSlowConsumer, type SlowConsumer } from '../support/slowConsumer';
import { percentile } from '../support/viewers';
import { createEventSource, startLiveWriter, writeEvents } from '../support/writer';

const stats = (d: number[]) =>
  `p50 ${percentile(d, 50) ?? '—'} ms, p99 ${percentile(d, 99) ?? '—'} ms, max ${d.length ? Math.max(...d) : '—'} ms (${d.length} deltas)`;

export const slowConsumer: ChaosCase = {
  name: 'slow-consumer',
  title: 'clients that stop reading',
  run: (ctx) =>
    withFloor(ctx, {}, async (floor, viewers) => {
      const checks = new Checks();
      const slowCount = ctx.quick ? 10 : 20;
      const holdMs = ctx.quick ? 10_000 : 70_000;
      const source = createEventSource({ reps: 120, seed: 606 });
      await writeEvents(floor.cmd, STREAM, source.next(3000));
      await floor.startServer();
      const pid = floor.server()!.pid;
      const pool = viewers();
      await connectViewers(checks, pool, 20);
      const writer = startLiveWriter(floor.cmd, STREAM, source, 1000);
      await sleep(1000);
      pool.takeDelays();
      await sleep(3000);
      const baseline = pool.takeDelays();
      const rssBase = readProc(pid)?.rssBytes ?? 0;

      const slow: SlowConsumer[] = [];
      for (let i = 0; i < slowCount; i++) slow.push(await connectSlowConsumer(floor.port, floor.token));
      const closeSlow = ctx.tracker.closer('slow consumers', () => slow.forEach((s) => s.socket.destroy()));
      const startedAt = performance.now();
      const series: { s: number; rss: number; sockets: number }[] = [];
      while (performance.now() - startedAt < holdMs) {
        const h = await floor.health();
        series.push({
          s: Math.round((performance.now() - startedAt) / 1000),
          rss: readProc(pid)?.rssBytes ?? 0,
          sockets: h?.sockets ?? -1,
        });
        await sleep(2000);
      }
      const during = pool.takeDelays();
      await closeSlow();
      await writer.stop();
      await caughtUp(floor, 20_000);

      const peak = Math.max(...series.map((x) => x.rss));
      checks.note(
        `server RSS over time (s: MB, sockets): ${series.map((x) => `${x.s}: ${Math.round(x.rss / 1048576)} (${x.sockets})`).join(', ')}`,
      );
      checks.note(`others' delays before: ${stats(baseline)}; with ${slowCount} slow consumers: ${stats(during)}`);
      checks.note(
        `each slow consumer read ${slow.map((s) => s.bytesRead).sort((a, b) => a - b)[0]} bytes before it stopped reading`,
      );
      checks.add(
        'server RSS bounded (peak − before < 256 MB)',
        peak - rssBase < 256 * 1048576,
        `before ${mb(rssBase)}, peak ${mb(peak)}`,
      );
      const last = series.slice(-Math.max(2, Math.floor(series.length / 4)));
      const growingAtEnd = last.length >= 2 && last.at(-1)!.rss - last[0]!.rss > 32 * 1048576;
      if (!ctx.quick)
        checks.add(
          'RSS no longer growing in the last quarter of the hold',
          !growingAtEnd,
          `${mb(last[0]!.rss)} → ${mb(last.at(-1)!.rss)}`,
        );
      const p99Before = percentile(baseline, 99) ?? 0;
      const p99During = percentile(during, 99) ?? Infinity;
      checks.add(
        "other clients' delay p99 not hurt (≤ max(500 ms, 2 × before))",
        p99During <= Math.max(500, 2 * p99Before),
        `${p99Before} ms before, ${p99During} ms during`,
      );
      const ref = await verifyServer(floor, checks);
      // The clients live in this process: measured from when the (synchronous) recomputation is done.
      const conv = await pool.waitConverged(ref.expected, 10_000, Date.now());
      convergeCheck(checks, 'other clients correct after the writes stop', conv, 2000);
      return outcome(
        checks,
        ref,
        conv.ms,
        'from the reference being ready (writes stopped, reader caught up); limit 2 s',
      );
    }),
};
