/**
 * server/days/dayReplay.ts over real Redis (issue #17): a past business day folded again from the
 * stream equals what the live floor saved when that day ended (a night shift over midnight, a rep
 * still logged in carried into the next day, a late entry of the old day after the new one
 * began), and the floor at a moment equals the live floor when its clock was there.
 */
import { afterAll, describe, expect, inject, it } from 'vitest';
import type { RepView } from '../../shared/domain/floorView';
import { toStreamFields } from '../../shared/events/parseCallEvent';
import { createDayReplay, dayStartAt } from '../../server/days/dayReplay';
import { toDayTotals } from '../../server/redis/dayTotalsRepo';
import { createCommandConnection } from '../../server/redis/connections';
import { redisKeys } from '../../server/redis/keys';
import { createStreamArchive } from '../../server/redis/streamArchive';
import { createLocalTime } from '../../shared/time';
import { at, createNightFloor, NEXT, NIGHT, timedStream } from './support/nightStream';
import { startTestApp, type RunningApp } from './support/testApp';
import { waitFor } from './support/waitFor';

const cleanups: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe('the day replay', () => {
  it('folds a closed night again to what the live floor saved, and the floor at a moment to the live one', async () => {
    const floor = createNightFloor(inject('redisUrl'));
    cleanups.push(() => floor.writer.quit());
    const stream = timedStream(floor, at(2, 20, 55));
    const { add, sale } = stream;
    await add({ type: 'rep.login', rep: 'ann', name: 'Ann', team: 'night', at: at(2, 21) });
    await add({ type: 'rep.login', rep: 'bob', name: 'Bob', team: 'night', at: at(2, 21) });
    await sale('ann', 'c-1', at(2, 23, 50), 300);
    await sale('ann', 'c-2', at(3, 0, 10), 200);
    await sale('bob', 'c-3', at(3, 4, 50), 400);
    await add({ type: 'call.dial', rep: 'bob', call: 'c-4', at: at(3, 5, 58) }); // still ringing at 06:00
    const middle = stream.now;
    // The next business day: Ann carries over (still logged in); a late entry of the night after it.
    await sale('ann', 'c-5', at(3, 21, 30), 100);
    await add({ type: 'call.outcome', rep: 'bob', call: 'c-4', outcome: 'sale', amount: 50, at: at(3, 5, 59) });
    await add({ type: 'call.dial', rep: 'ann', call: 'c-6', at: at(3, 22) });

    const running: RunningApp = await startTestApp(floor.config, stream.clock);
    cleanups.push(() => running.stop());
    // The night also ends with Ann on 2 dials: wait for the next day's fold, not only the count.
    await waitFor('the stream folded', () => {
      const live = running.app.floor.state();
      return live.day === NEXT && live.reps.get('ann')?.dials === 2;
    });

    const redis = createCommandConnection(floor.config.redisUrl);
    cleanups.push(() => redis.quit());
    const keys = redisKeys(floor.config);
    const localTime = createLocalTime('UTC', 6 * 60);
    const replay = createDayReplay({
      redis,
      keys,
      archive: createStreamArchive(redis, keys),
      rules: { effectiveCallMs: floor.config.effectiveCallSeconds * 1000, dayOf: localTime.dayOf },
      maxReps: floor.config.maxReps,
    });
    expect(dayStartAt(NIGHT, localTime.dayOf)).toBe(at(2, 6));

    const saved = await waitFor('the night saved', async () => {
      const raw = await redis.hgetall(keys.dayTotals(NIGHT));
      return Object.keys(raw).length === 2 ? raw : undefined;
    });
    const night = await replay.dayState(NIGHT, stream.now);
    expect(night?.day).toBe(NIGHT);
    const views = running.app.floor.viewsOf(night!);
    const totals = Object.fromEntries(views.map((v: RepView) => [v.id, toDayTotals(v)]));
    expect(totals).toEqual(Object.fromEntries(Object.entries(saved!).map(([rep, json]) => [rep, JSON.parse(json)])));
    expect(totals.ann).toMatchObject({ dials: 2, deals: 2, revenue: 500 });
    expect(totals.bob).toMatchObject({ dials: 2, deals: 1, revenue: 400 }); // the late outcome is not the night's
    expect(await replay.dayState(NIGHT, stream.now)).toBe(night); // cached once the stream moved past it

    // Now: the same as the live floor.
    const live = running.app.floor.viewsOf(running.app.floor.state());
    expect(running.app.floor.viewsOf(await replay.stateAt(stream.now))).toEqual(live);
    // In the middle of the night: the night so far.
    const then = await replay.stateAt(middle);
    expect(then.day).toBe(NIGHT);
    expect(then.reps.get('bob')).toMatchObject({ dials: 2, revenue: 400 });
    // A day the stream never held.
    expect(await replay.dayState('2026-02-01', stream.now)).toBeNull();
  });
  it('skips what the live reader refuses: an entry of more fields than the bound folds on neither side', async () => {
    const floor = createNightFloor(inject('redisUrl'));
    cleanups.push(() => floor.writer.quit());
    const stream = timedStream(floor, at(2, 20, 55));
    await stream.add({ type: 'rep.login', rep: 'ann', name: 'Ann', team: 'night', at: at(2, 21) });
    await stream.add({ type: 'call.dial', rep: 'ann', call: 'c-1', at: at(2, 22) });
    // A valid dial and 40 unknown fields: its first 32 fields alone would parse, the whole is refused.
    const junk = Array.from({ length: 40 }, (_, i) => [`x${i}`, 'y']).flat();
    const big = toStreamFields({ type: 'call.dial', rep: 'ann', call: 'c-big', at: at(2, 22, 10) });
    await floor.writer.xadd(floor.config.stream, `${at(2, 22, 10)}-0`, ...big, ...junk);
    await stream.add({ type: 'call.dial', rep: 'ann', call: 'c-2', at: at(2, 22, 20) });

    const running = await startTestApp(floor.config, stream.clock);
    cleanups.push(() => running.stop());
    await waitFor('the stream folded', () => running.app.floor.state().reps.get('ann')?.currentCall === 'c-2');
    expect(running.app.floor.state().reps.get('ann')?.dials).toBe(2);

    const redis = createCommandConnection(floor.config.redisUrl);
    cleanups.push(() => redis.quit());
    const keys = redisKeys(floor.config);
    const replay = createDayReplay({
      redis,
      keys,
      archive: createStreamArchive(redis, keys),
      rules: { effectiveCallMs: floor.config.effectiveCallSeconds * 1000, dayOf: createLocalTime('UTC', 6 * 60).dayOf },
      maxReps: floor.config.maxReps,
    });
    const then = await replay.stateAt(stream.now);
    expect(then.reps.get('ann')).toMatchObject({ dials: 2 });
    expect(running.app.floor.viewsOf(then)).toEqual(running.app.floor.viewsOf(running.app.floor.state()));
  });
});
