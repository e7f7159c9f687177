/**
 * The call-back ledger (issue #16) end to end: opened by the stream, listed by role, closed by a
 * later call to the same customer or by people, surviving day changes, restarts, full replays and
 * stream trimming; 100 concurrent "done" clicks make one transition.
 */
import { afterEach, describe, expect, inject, it } from 'vitest';
import type { AlertsResponse, MeResponse } from '../../shared/contracts/http';
import type { CallbacksResponse, CallbackView, OverdueCountsResponse } from '../../shared/domain/callbacks';
import type { SourceEvent } from '../../shared/events/callEvent';
import { toStreamFields } from '../../shared/events/parseCallEvent';
import { addPeople, call, logIn } from './support/people';
import { createTestFloor, startTestApp, testDayNoon, type RunningApp, type TestFloor } from './support/testApp';
import { waitFor } from './support/waitFor';

const HOUR = 3600_000;
const DAY = 24 * HOUR;
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** Real time from today's noon (UTC), plus jumps the test makes. */
function jumpClock() {
  const started = Date.now();
  let jump = 0;
  return { clock: () => testDayNoon() + (Date.now() - started) + jump, jump: (ms: number) => (jump += ms) };
}

async function setUp(env: Record<string, string> = {}) {
  const floor = createTestFloor(inject('redisUrl'), { FLOORBOARD_TZ: 'UTC', ...env });
  const time = jumpClock();
  const state: { running: RunningApp } = { running: await startTestApp(floor.config, time.clock) };
  cleanups.push(() => floor.writer.quit().then(() => undefined));
  cleanups.push(() => state.running.stop());
  await addPeople(floor.config);
  return { floor, time, state };
}

async function promise(
  floor: TestFloor,
  rep: string,
  callId: string,
  at: number,
  followUpAt: number,
  customer?: string,
) {
  await floor.add({ type: 'call.dial', rep, call: callId, at, ...(customer ? { customer } : {}) });
  await floor.add({
    type: 'call.outcome',
    rep,
    call: callId,
    outcome: 'callback',
    followUpAt,
    contact: `Contact of ${callId}`,
    at: at + 60_000,
    ...(customer ? { customer } : {}),
  });
}

async function listAs(url: string, token: string, query = ''): Promise<CallbacksResponse> {
  const res = await call(url, token, 'GET', `/api/callbacks${query}`);
  expect(res.status).toBe(200);
  return res.body as CallbacksResponse;
}
const calls = (list: CallbacksResponse) => list.callbacks.map((c) => c.call);

describe('call-back ledger', () => {
  it('keeps a call-back due tomorrow across the day change, a restart, a full replay and stream trimming', async () => {
    const { floor, time, state } = await setUp();
    const noon = testDayNoon();
    await floor.add({ type: 'rep.login', rep: 'rep-a1', team: 'team-a', at: noon - HOUR });
    const due = noon + DAY - 2 * HOUR; // tomorrow 10:00
    await promise(floor, 'rep-a1', 'cb-tomorrow', noon - 30 * 60_000, due, 'crm:1001');
    const { token } = await logIn(state.running.url, 'ann');
    await waitFor('listed', async () => calls(await listAs(state.running.url, token)).includes('cb-tomorrow'));

    // The day changes: an event of tomorrow (its entry ID says so) rolls the fold over.
    time.jump(DAY - 3 * HOUR); // tomorrow 09:00 and a bit
    const tomorrow = noon + DAY - 3 * HOUR;
    await floor.writer.xadd(
      floor.config.stream,
      `${tomorrow}-0`,
      ...toStreamFields({ type: 'rep.login', rep: 'rep-b1', at: tomorrow } as SourceEvent),
    );
    await waitFor(
      'the fold rolled over',
      () => state.running.app.floor.state().day === new Date(tomorrow).toISOString().slice(0, 10),
    );
    expect(state.running.app.floor.repView('rep-a1').callbacks).toEqual([]); // the day's fold forgot it
    const after = await listAs(state.running.url, token);
    expect(after.callbacks).toEqual([
      expect.objectContaining({
        call: 'cb-tomorrow',
        followUpAt: due,
        contact: 'Contact of cb-tomorrow',
        overdue: false,
      }),
    ]);

    const mePage = (await call(state.running.url, token, 'GET', '/api/me')).body as MeResponse;
    expect(mePage.callbacksDue).toEqual([{ call: 'cb-tomorrow', followUpAt: due, contact: 'Contact of cb-tomorrow' }]);

    // A restart; then a restart that replays the whole stream (no checkpoint); then one with the stream trimmed away.
    const restart = async () => {
      await state.running.stop();
      state.running = await startTestApp(floor.config, time.clock);
    };
    await restart();
    let me = await logIn(state.running.url, 'ann');
    expect(calls(await listAs(state.running.url, me.token))).toEqual(['cb-tomorrow']);

    await state.running.stop();
    const checkpoints = await floor.writer.keys(`${floor.config.keyPrefix}checkpoint:*`);
    if (checkpoints.length > 0) await floor.writer.del(...checkpoints);
    state.running = await startTestApp(floor.config, time.clock);
    me = await logIn(state.running.url, 'ann');
    expect(calls(await listAs(state.running.url, me.token))).toEqual(['cb-tomorrow']);

    await floor.writer.xtrim(floor.config.stream, 'MAXLEN', 0);
    await restart();
    me = await logIn(state.running.url, 'ann');
    expect(calls(await listAs(state.running.url, me.token))).toEqual(['cb-tomorrow']);
  });

  it('is closed by a later call to the same customer (any outcome), and a replay neither duplicates nor reopens', async () => {
    const { floor, time, state } = await setUp();
    const at = time.clock() - HOUR;
    await floor.add({ type: 'rep.login', rep: 'rep-a1', team: 'team-a', at });
    await promise(floor, 'rep-a1', 'cb-1', at + 1000, at + DAY, 'crm:2002');
    await promise(floor, 'rep-a1', 'cb-other', at + 2000, at + DAY, 'crm:3003');
    const { token } = await logIn(state.running.url, 'ann');
    await waitFor('both listed', async () => calls(await listAs(state.running.url, token)).length === 2);

    // Amy calls the same customer later (no answer): the call-back is done, whoever called.
    await floor.add({ type: 'rep.login', rep: 'rep-a2', team: 'team-a', at: at + 5000 });
    await floor.add({ type: 'call.dial', rep: 'rep-a2', call: 'c-again', customer: 'crm:2002', at: at + 600_000 });
    await waitFor('closed by the call', async () => !calls(await listAs(state.running.url, token)).includes('cb-1'));
    expect(calls(await listAs(state.running.url, token))).toEqual(['cb-other']);

    // Full replay of the same stream: no duplicate, and the closed one stays closed.
    await state.running.stop();
    const checkpoints = await floor.writer.keys(`${floor.config.keyPrefix}checkpoint:*`);
    if (checkpoints.length > 0) await floor.writer.del(...checkpoints);
    state.running = await startTestApp(floor.config, time.clock);
    const me = await logIn(state.running.url, 'ann');
    const boss = await logIn(state.running.url, 'boss');
    expect(calls(await listAs(state.running.url, me.token))).toEqual(['cb-other']);
    expect(calls(await listAs(state.running.url, boss.token))).toEqual(['cb-other']);
    expect(await floor.writer.zcard(`${floor.config.keyPrefix}cb:open`)).toBe(1);
  });

  it('shows a rep only their own, a lead only the team (with who is overdue), a supervisor all; wallboards counts only', async () => {
    const { floor, time, state } = await setUp();
    const now = time.clock();
    await floor.add({ type: 'rep.login', rep: 'rep-a1', team: 'team-a', at: now - HOUR });
    await floor.add({ type: 'rep.login', rep: 'rep-a2', team: 'team-a', at: now - HOUR });
    await floor.add({ type: 'rep.login', rep: 'rep-b1', team: 'team-b', at: now - HOUR });
    await promise(floor, 'rep-a1', 'cb-ann-late', now - 50 * 60_000, now - 40 * 60_000, '13812341234'); // 40 min late
    await promise(floor, 'rep-a1', 'cb-ann-soon', now - 50 * 60_000, now + 30 * 60_000);
    await promise(floor, 'rep-a2', 'cb-amy', now - 50 * 60_000, now + HOUR, 'crm:amy-1');
    await promise(floor, 'rep-b1', 'cb-bob', now - 50 * 60_000, now + HOUR, 'crm:bob-1');
    const url = state.running.url;
    const [ann, amy, bob, leadA, leadB, boss] = await Promise.all(
      ['ann', 'amy', 'bob', 'lead-a', 'lead-b', 'boss'].map((u) => logIn(url, u)),
    );
    await waitFor('all four in', async () => (await listAs(url, boss!.token)).callbacks.length === 4);

    const annList = await listAs(url, ann!.token);
    expect(calls(annList)).toEqual(['cb-ann-late', 'cb-ann-soon']); // overdue first
    expect(annList.callbacks[0]).toMatchObject({ overdue: true, customerHint: '138****1234' });
    expect(JSON.stringify(annList)).not.toContain('13812341234');
    expect(calls(await listAs(url, amy!.token))).toEqual(['cb-amy']);
    expect(calls(await listAs(url, bob!.token))).toEqual(['cb-bob']);
    for (const forbidden of ['?rep=rep-a2', '?team=team-b'])
      expect((await call(url, ann!.token, 'GET', `/api/callbacks${forbidden}`)).status).toBe(403);

    const leadList = await listAs(url, leadA!.token);
    expect(calls(leadList).sort()).toEqual(['cb-amy', 'cb-ann-late', 'cb-ann-soon']);
    expect(leadList.overdueByRep).toEqual({ 'rep-a1': 1 });
    expect(calls(await listAs(url, leadB!.token))).toEqual(['cb-bob']);
    expect((await call(url, leadA!.token, 'GET', '/api/callbacks?team=team-b')).status).toBe(403);
    // Nobody but the rep gets even the masked hint; no one gets a customer id.
    for (const list of [leadList, await listAs(url, boss!.token)]) {
      expect(list.callbacks.every((c: CallbackView) => c.customerHint === null)).toBe(true);
      for (const id of ['13812341234', 'crm:amy-1', 'crm:bob-1']) expect(JSON.stringify(list)).not.toContain(id);
    }
    expect(calls(await listAs(url, boss!.token))).toHaveLength(4);
    expect(calls(await listAs(url, boss!.token, '?team=team-b'))).toEqual(['cb-bob']);

    // Acting on another's: not found (no hint it exists); a lead outside the team likewise.
    expect((await call(url, amy!.token, 'POST', '/api/callbacks/cb-ann-soon/done')).status).toBe(404);
    expect((await call(url, leadB!.token, 'POST', '/api/callbacks/cb-ann-soon/cancel')).status).toBe(404);
    expect((await call(url, ann!.token, 'POST', '/api/callbacks/bad%20id/done')).status).toBe(400);

    // A wallboard: counts per team only; the list is refused.
    expect((await call(url, floor.token, 'GET', '/api/callbacks')).status).toBe(403);
    const counts = (await call(url, floor.token, 'GET', '/api/callbacks/overdue')).body as OverdueCountsResponse;
    expect(counts.teams).toEqual({ 'team-a': 1 });
    const leadCounts = (await call(url, leadB!.token, 'GET', '/api/callbacks/overdue')).body as OverdueCountsResponse;
    expect(leadCounts.teams).toEqual({});
  });

  it('lets a lead reassign within the team only, and the rep mark done or cancel', async () => {
    const { floor, time, state } = await setUp();
    const now = time.clock();
    await floor.add({ type: 'rep.login', rep: 'rep-a1', team: 'team-a', at: now - HOUR });
    await floor.add({ type: 'rep.login', rep: 'rep-a2', team: 'team-a', at: now - HOUR });
    await floor.add({ type: 'rep.login', rep: 'rep-b1', team: 'team-b', at: now - HOUR });
    await promise(floor, 'rep-a1', 'cb-x', now - 50 * 60_000, now + HOUR);
    await promise(floor, 'rep-a1', 'cb-y', now - 50 * 60_000, now + 2 * HOUR);
    const url = state.running.url;
    const [ann, amy, leadA, bob] = await Promise.all(['ann', 'amy', 'lead-a', 'bob'].map((u) => logIn(url, u)));
    await waitFor('listed', async () => (await listAs(url, ann!.token)).callbacks.length === 2);

    expect((await call(url, ann!.token, 'POST', '/api/callbacks/cb-x/reassign', { rep: 'rep-a2' })).status).toBe(403);
    expect((await call(url, leadA!.token, 'POST', '/api/callbacks/cb-x/reassign', { rep: 'rep-b1' })).status).toBe(403);
    expect((await call(url, leadA!.token, 'POST', '/api/callbacks/cb-x/reassign', { rep: 'nobody' })).status).toBe(400);
    expect(
      (await call(url, leadA!.token, 'POST', '/api/callbacks/cb-x/reassign', { rep: 'rep-a2', x: 1 })).status,
    ).toBe(400);
    const moved = await call(url, leadA!.token, 'POST', '/api/callbacks/cb-x/reassign', { rep: 'rep-a2' });
    expect(moved.status).toBe(200);
    expect(calls(await listAs(url, ann!.token))).toEqual(['cb-y']);
    expect(calls(await listAs(url, amy!.token))).toEqual(['cb-x']);
    expect(calls(await listAs(url, bob!.token))).toEqual([]);

    expect((await call(url, amy!.token, 'POST', '/api/callbacks/cb-x/cancel')).status).toBe(200);
    expect((await call(url, amy!.token, 'POST', '/api/callbacks/cb-x/done')).status).toBe(409);
    expect(calls(await listAs(url, amy!.token))).toEqual([]);
  });

  it('makes one transition of 100 concurrent "done" requests', async () => {
    const { floor, time, state } = await setUp();
    const now = time.clock();
    await floor.add({ type: 'rep.login', rep: 'rep-a1', team: 'team-a', at: now - HOUR });
    await promise(floor, 'rep-a1', 'cb-race', now - 50 * 60_000, now + HOUR);
    const url = state.running.url;
    // Four sessions, 25 requests each: under the per-session write burst.
    const sessions = await Promise.all([1, 2, 3, 4].map(() => logIn(url, 'ann')));
    await waitFor('listed', async () => (await listAs(url, sessions[0]!.token)).callbacks.length === 1);
    const results = await Promise.all(
      Array.from({ length: 100 }, (_, i) => call(url, sessions[i % 4]!.token, 'POST', '/api/callbacks/cb-race/done')),
    );
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(99);
    const item = await floor.writer.hgetall(`${floor.config.keyPrefix}cb:item:cb-race`);
    expect(item).toMatchObject({ state: 'done', closedBy: 'ann' });
  });

  it('raises the overdue alert to the lead at the grace boundary, not before, and clears it when done', async () => {
    const { floor, time, state } = await setUp({ FLOORBOARD_CALLBACK_GRACE_MINUTES: '10' });
    const now = time.clock();
    await floor.add({ type: 'rep.login', rep: 'rep-a1', team: 'team-a', at: now - HOUR });
    const due = now + 5 * 60_000;
    await promise(floor, 'rep-a1', 'cb-due', now - 50 * 60_000, due);
    const url = state.running.url;
    const [leadA, leadB, ann] = await Promise.all(['lead-a', 'lead-b', 'ann'].map((u) => logIn(url, u)));
    const overdueAlerts = async (token: string) =>
      ((await call(url, token, 'GET', '/api/alerts')).body as AlertsResponse).active.filter(
        (a) => a.rule === 'callback_overdue',
      );
    await waitFor('listed', async () => (await listAs(url, ann!.token)).callbacks.length === 1);

    // Before the boundary: not overdue, no alert (the exact boundary, to the ms, is tests/unit/server/callbackAlerts.test.ts).
    expect((await listAs(url, ann!.token)).callbacks[0]!.overdue).toBe(false);
    expect(await overdueAlerts(leadA!.token)).toEqual([]);
    time.jump(due + 10 * 60_000 - time.clock() + 1000); // just past due + grace
    const raised = await waitFor('raised', async () => (await overdueAlerts(leadA!.token))[0]);
    expect(raised).toMatchObject({ rep: 'rep-a1', team: 'team-a', since: due + 10 * 60_000, detail: '1' });
    expect(await overdueAlerts(leadB!.token)).toEqual([]);
    expect((await listAs(url, ann!.token)).callbacks[0]!.overdue).toBe(true);

    expect((await call(url, ann!.token, 'POST', '/api/callbacks/cb-due/done')).status).toBe(200);
    await waitFor('cleared', async () => (await overdueAlerts(leadA!.token)).length === 0);
  });
});
