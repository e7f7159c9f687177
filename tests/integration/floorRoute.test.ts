import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { FloorResponse, NewKioskResponse } from '../../shared/contracts/http';
import { addPeople, call, logIn } from './support/people';
import {
  createTestFloor,
  noonClock,
  startTestApp,
  testDayNoon,
  type RunningApp,
  type TestFloor,
} from './support/testApp';
import { waitFor } from './support/waitFor';

let floor: TestFloor;
let running: RunningApp;
const followUpAt = testDayNoon() + 3 * 3600_000;

beforeAll(async () => {
  floor = createTestFloor(inject('redisUrl'));
  running = await startTestApp(floor.config, noonClock());
  await addPeople(floor.config);
  const at = testDayNoon() - 600_000;
  const rep = 'rep-a1';
  await floor.add({ type: 'rep.login', rep, team: 'team-a', at });
  for (const [i, call] of ['call-cb-4471', 'call-ref-9902'].entries()) {
    await floor.add({ type: 'call.dial', rep, call, at: at + i * 100_000 + 1000 });
    await floor.add({ type: 'call.answer', rep, call, at: at + i * 100_000 + 2000 });
    await floor.add({ type: 'call.hangup', rep, call, at: at + i * 100_000 + 90_000 });
  }
  await floor.add({
    type: 'call.outcome',
    rep,
    call: 'call-cb-4471',
    outcome: 'callback',
    followUpAt,
    at: at + 91_000,
  });
  await floor.add({
    type: 'call.outcome',
    rep,
    call: 'call-ref-9902',
    outcome: 'refused',
    reason: 'too expensive',
    at: at + 191_000,
  });
  await waitFor('the outcomes folded', () => running.app.floor.repView(rep).callbacks.length === 1);
});

afterAll(async () => {
  await running?.stop();
  await floor?.writer.quit();
});

const floorAs = async (token: string) => {
  const res = await call(running.url, token, 'GET', '/api/floor');
  expect(res.status).toBe(200);
  return res.body as FloorResponse;
};

describe('GET /api/floor', () => {
  it("gives a wallboard the floor feed's rows: no call-backs, no refusal reasons", async () => {
    const { token: boss } = await logIn(running.url, 'boss');
    const created = (await call(running.url, boss, 'POST', '/api/kiosks', { name: 'TV' })).body as NewKioskResponse;
    for (const token of [floor.token, created.token]) {
      const view = await floorAs(token);
      const row = view.reps.find((r) => r.id === 'rep-a1')!;
      expect(row.callbacks).toEqual([]);
      expect(row.refusals).toEqual([]);
      expect(row.dials).toBe(2); // the wall's figures are all there
      const text = JSON.stringify(view);
      for (const detail of ['call-cb-4471', 'call-ref-9902', 'too expensive', String(followUpAt)])
        expect(text).not.toContain(detail);
    }
  });

  it("leaves a supervisor's and a lead's rows whole", async () => {
    for (const username of ['boss', 'lead-a']) {
      const view = await floorAs((await logIn(running.url, username)).token);
      const row = view.reps.find((r) => r.id === 'rep-a1')!;
      expect(row.callbacks).toHaveLength(1);
      expect(row.callbacks[0]).toMatchObject({ followUpAt });
      expect(row.refusals).toEqual([{ reason: 'too expensive', count: 1 }]);
    }
  });
});
