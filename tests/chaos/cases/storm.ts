/**
 * 5,000 sockets (500 with --quick) dropping and reconnecting at once while events keep coming:
 * every one holds the correct snapshot within 10 s. Reports the server's event-loop delay p99
 * (/healthz, polled every second) during the storm.
 */
import type { HealthResponse } from '../../../shared/contracts/http';
import { caughtUp, convergeCheck, outcome, sleep, STREAM, withFloor, type ChaosCase } from '../support/common';
import { Checks, fmtMs, mb, verifyServer } from '../support/report';
import { createWorkerPool } from '../support/workers';
import { createEventSource, startLiveWriter, writeEvents } from '../support/writer';

export const storm: ChaosCase = {
  name: 'storm',
  title: 'all sockets drop and reconnect at once',
  run: (ctx) =>
    withFloor(ctx, {}, async (floor) => {
      const checks = new Checks();
      const sockets = ctx.quick ? 500 : 5000;
      const source = createEventSource({ reps: 60, seed: 505, startMinutesAgo: 12 });
      await writeEvents(floor.cmd, STREAM, source.next(2000));
      await floor.startServer();
      const workers = createWorkerPool(2, ctx.tracker);
      const closeWorkers = ctx.tracker.closer('storm workers', () => workers.close());
      try {
        const t0 = performance.now();
        const c = await workers.connect(floor.url, floor.token, sockets);
        checks.add(
          'sockets connected',
          c.failed === 0,
          `${c.connected}/${sockets} in ${fmtMs(performance.now() - t0)}${c.firstError ? `, ${c.firstError}` : ''}`,
        );
        const writer = startLiveWriter(floor.cmd, STREAM, source, 200);
        await floor.health(); // starts a fresh event-loop window
        const samples: { t: number; h: HealthResponse }[] = [];
        let stormAt = Infinity;
        const poll = setInterval(() => {
          void floor.health().then((h) => h && samples.push({ t: Date.now(), h }));
        }, 1000);
        try {
          await sleep(3000);
          stormAt = Date.now();
          ctx.log(`storm: ${sockets} sockets disconnect and reconnect at once`);
          await workers.storm();
          await sleep(2000);
          await writer.stop();
          const read = await caughtUp(floor, 20_000);
          checks.add('reader caught up', read !== null);
          const ref = await verifyServer(floor, checks);
          const conv = await workers.waitConverged(ref.expected, 60_000, stormAt);
          convergeCheck(checks, 'all sockets correct after the storm', conv, 10_000);
          await sleep(1500);
          const before = samples.filter((s) => s.t < stormAt);
          const during = samples.filter((s) => s.t >= stormAt && s.t <= stormAt + (conv.ms ?? 60_000) + 1500);
          const p99 = during.map((s) => Math.round(s.h.process.eventLoopDelayP99Ms));
          const max = during.map((s) => Math.round(s.h.process.eventLoopDelayMaxMs));
          checks.note(
            `event-loop delay p99 per second during the storm: [${p99.join(', ')}] ms (max ${Math.max(0, ...max)} ms); before: [${before.map((s) => Math.round(s.h.process.eventLoopDelayP99Ms)).join(', ')}] ms`,
          );
          checks.note(
            `server RSS during the storm: up to ${mb(Math.max(0, ...during.map((s) => s.h.process.rssBytes)))}; sockets ${during.at(-1)?.h.sockets ?? '?'}`,
          );
          return outcome(checks, ref, conv.ms, 'from the storm; limit 10 s');
        } finally {
          clearInterval(poll);
        }
      } finally {
        await closeWorkers();
      }
    }),
};
