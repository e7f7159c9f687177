import { CLIENT_RECONNECT } from '../../../shared/contracts/socket';
/**
 * kill -9 of the server mid-stream, events written while it is down, then a restart on the same
 * port: the replay rebuilds the day, and every connected client (reconnecting with the app's
 * Socket.IO defaults) holds the correct snapshot within 2 s of the server listening again.
 */
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

export const killServer: ChaosCase = {
  name: 'kill-server',
  title: 'kill -9 of the server mid-stream, restart',
  run: (ctx) =>
    withFloor(ctx, {}, async (floor, viewers) => {
      const checks = new Checks();
      const rate = ctx.quick ? 300 : 600;
      const source = createEventSource({ reps: 60, seed: 101 });
      await writeEvents(floor.cmd, STREAM, source.next(ctx.quick ? 1000 : 4000));
      await floor.startServer();
      const pool = viewers(CLIENT_RECONNECT); // the browsers' own retry settings
      await connectViewers(checks, pool, ctx.quick ? 10 : 50);

      const writer = startLiveWriter(floor.cmd, STREAM, source, rate);
      await sleep(ctx.quick ? 2000 : 5000);
      const beforeKill = writer.written;
      await floor.kill9();
      ctx.log(`server killed (SIGKILL) after ${beforeKill} live events; writing on for 1.5 s`);
      await sleep(1500);
      await writer.stop();
      const ref = await recompute(floor.cmd, STREAM);
      checks.note(`${writer.written - beforeKill} events written while no server ran`);

      const startMs = await floor.startServer();
      const backAt = Date.now();
      checks.note(`restart to listening (incl. replay of ${ref.entries} entries): ${fmtMs(startMs)}`);
      const conv = await pool.waitConverged(ref.expected, 20_000, backAt);
      convergeCheck(checks, 'clients correct after the server is back', conv, 2000);
      const q = (xs: number[]) => (xs.length ? `${xs[0]}/${xs[Math.floor(xs.length / 2)]}/${xs.at(-1)} ms` : '—');
      checks.note(
        `fresh snapshot after the restart, min/median/max: ${q(pool.snapshotsSince(backAt))} ` +
          `(reconnectionDelay ${CLIENT_RECONNECT.reconnectionDelay} ms, at most ${CLIENT_RECONNECT.reconnectionDelayMax} ms)`,
      );

      // The live path after the restart.
      const tail = startLiveWriter(floor.cmd, STREAM, source, rate);
      await sleep(2000);
      await tail.stop();
      checks.add('reader caught up after restart', (await caughtUp(floor, 10_000)) !== null);
      const final = await verifyServer(floor, checks);
      const conv2 = await pool.waitConverged(final.expected, 5000);
      convergeCheck(checks, 'clients correct after live writes post-restart', conv2, 2000);
      return outcome(checks, final, conv.ms, 'from listening again; limit 2 s');
    }),
};
