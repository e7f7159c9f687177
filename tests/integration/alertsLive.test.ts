import { afterEach, describe, expect, inject, it } from 'vitest';
import type { AlertsResponse } from '../../shared/contracts/http';
import type { Alert } from '../../shared/domain/alertTypes';
import { addPeople, call, logIn } from './support/people';
import { connectClient, createTestFloor, startTestApp, testDayNoon, type RunningApp } from './support/testApp';
import { waitFor } from './support/waitFor';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** Real time from today's noon, plus a jump the test controls (to cross thresholds without waiting). */
function jumpClock() {
  const started = Date.now();
  let jump = 0;
  return { clock: () => testDayNoon() + (Date.now() - started) + jump, jump: (ms: number) => (jump += ms) };
}

describe('alerts on a live floor', () => {
  it('raises a long wrap-up on the socket within a second, and its acknowledgement survives a restart', async () => {
    const floor = createTestFloor(inject('redisUrl'), {
      FLOORBOARD_SHIFT_START: '08:00',
      FLOORBOARD_SHIFT_END: '20:00',
    });
    const time = jumpClock();
    let running: RunningApp = await startTestApp(floor.config, time.clock);
    cleanups.push(() => floor.writer.quit().then(() => undefined));
    cleanups.push(() => running.stop());
    await addPeople(floor.config);
    const { token } = await logIn(running.url, 'boss');
    const socket = connectClient(running.url, token);
    cleanups.push(() => void socket.disconnect());
    const raised: Alert[] = [];
    const updated: Alert[] = [];
    socket.on('alert:raised', (list) => raised.push(...list));
    socket.on('alert:updated', (list) => updated.push(...list));
    await new Promise<void>((resolve) => socket.once('floor:snapshot', () => resolve()));

    const at = time.clock();
    await floor.add({ type: 'rep.login', rep: 'rep-a1', team: 'team-a', at: at - 60_000 });
    await floor.add({ type: 'call.dial', rep: 'rep-a1', call: 'c1', at: at - 50_000 });
    await floor.add({ type: 'call.answer', rep: 'rep-a1', call: 'c1', at: at - 40_000 });
    const hangup = at - 10_000;
    await floor.add({ type: 'call.hangup', rep: 'rep-a1', call: 'c1', at: hangup });
    await waitFor('rep in wrap-up', () => running.app.floor.state().reps.get('rep-a1')?.status === 'wrapup');
    expect(raised.filter((a) => a.rule === 'long_wrapup')).toEqual([]); // 10 s is well under 3 minutes

    time.jump(180_000); // now 190 s into wrap-up: past the 180 s default
    const jumpedAt = Date.now();
    const alert = await waitFor('long wrap-up raised', () => raised.find((a) => a.rule === 'long_wrapup'), 3000);
    console.log(`long wrap-up alert on the socket ${Date.now() - jumpedAt} ms after the threshold passed`);
    expect(alert).toMatchObject({ rep: 'rep-a1', team: 'team-a', since: hangup, ackBy: null, clearedAt: null });

    const ack = await call(running.url, token, 'POST', `/api/alerts/${encodeURIComponent(alert.id)}/ack`);
    expect(ack.status).toBe(200);
    await waitFor('ack on the socket', () => updated.find((a) => a.id === alert.id && a.ackBy === 'boss'));
    await running.stop();
    expect(raised.filter((a) => a.rule === 'long_wrapup')).toHaveLength(1);
    running = await startTestApp(floor.config, time.clock);
    const after = (await call(running.url, token, 'GET', '/api/alerts')).body as AlertsResponse;
    expect(after.active.find((a) => a.id === alert.id)).toMatchObject({ ackBy: 'boss', clearedAt: null });

    await floor.add({ type: 'rep.ready', rep: 'rep-a1', at: time.clock() });
    await waitFor('cleared when the rep is ready', async () => {
      const list = (await call(running.url, token, 'GET', '/api/alerts')).body as AlertsResponse;
      return list.history.find((a) => a.id === alert.id && a.clearedAt !== null);
    });
  });
});
