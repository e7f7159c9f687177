/**
 * Duplicate and re-ordered delivery of whole ranges: a range of earlier entries re-XADDed as is,
 * another re-XADDed in shuffled order, and a fresh range written shuffled (first delivery out of
 * order) and then again. The totals must equal the reference, which counts each call's events once.
 */
import { seeded } from '../../integration/support/floorScript';
import { caughtUp, convergeCheck, outcome, STREAM, withFloor, connectViewers, type ChaosCase } from '../support/common';
import { Checks, fmtMs, verifyServer } from '../support/report';
import { createEventSource, writeEvents, writeFields } from '../support/writer';
import { entryFields } from '../../../server/dev/simulator/events';

function shuffle<T>(items: T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

export const duplicates: ChaosCase = {
  name: 'duplicates',
  title: 'duplicate and re-ordered ranges of the stream',
  run: (ctx) =>
    withFloor(ctx, {}, async (floor, viewers) => {
      const checks = new Checks();
      const random = seeded(404);
      const source = createEventSource({ reps: 60, seed: 404 });
      await floor.startServer();
      const pool = viewers();
      await connectViewers(checks, pool, ctx.quick ? 10 : 30);
      const first = source.next(ctx.quick ? 4000 : 15_000);
      for (let i = 0; i < first.length; i += 500) {
        await writeEvents(floor.cmd, STREAM, first.slice(i, i + 500));
        await new Promise((r) => setTimeout(r, 20));
      }
      const all = await floor.cmd.xrange(STREAM, '-', '+');
      const n = all.length;
      const again = all.slice(Math.floor(n * 0.2), Math.floor(n * 0.5)).map(([, f]) => f);
      const reordered = shuffle(
        all.slice(Math.floor(n * 0.4), Math.floor(n * 0.8)).map(([, f]) => f),
        random,
      );
      await writeFields(floor.cmd, STREAM, again);
      await writeFields(floor.cmd, STREAM, reordered);
      const fresh = source.next(ctx.quick ? 1000 : 4000).map((e) => entryFields(e));
      await writeFields(floor.cmd, STREAM, shuffle(fresh, random));
      await writeFields(floor.cmd, STREAM, shuffle(fresh, random));
      const lastWriteAt = Date.now();
      checks.note(
        `${n} entries, then ${again.length} re-sent in order, ${reordered.length} re-sent shuffled, ${fresh.length} new shuffled ×2`,
      );
      const read = await caughtUp(floor, 20_000);
      checks.add('reader caught up', read !== null, `${fmtMs(read)} after the last write`);
      const ref = await verifyServer(floor, checks);
      const dialEntries = (await floor.cmd.xrange(STREAM, '-', '+')).filter(
        ([, f]) => f[f.indexOf('type') + 1] === 'call.dial',
      ).length;
      checks.add(
        'the stream really holds duplicates',
        dialEntries > ref.totals.dials,
        `${dialEntries} call.dial entries for ${ref.totals.dials} calls`,
      );
      const conv = await pool.waitConverged(ref.expected, 20_000, lastWriteAt);
      convergeCheck(checks, 'clients correct after the last write', conv, 5000);
      return outcome(checks, ref, conv.ms, 'from the last write; limit 5 s');
    }),
};
