/**
 * Personal data on the wire (issue #15): customer ids (and a customer's phone number used as
 * one) never reach a floor or team feed, nor any answer to a team lead or a wallboard, over
 * real sockets and HTTP. The contact label is the rep's own page's (and their lead's detail).
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { FloorResponse } from '../../shared/contracts/http';
import type { FloorDelta } from '../../shared/contracts/socket';
import { deltaRows } from '../support/deltaRows';
import { addPeople, call, logIn } from './support/people';
import {
  connectClient,
  createTestFloor,
  noonClock,
  startTestApp,
  type RunningApp,
  type TestFloor,
  type TestSocket,
} from './support/testApp';
import { waitFor } from './support/waitFor';

const SECRETS = ['crm:secret-7781', '13899990000', '8613899990000'];
let floor: TestFloor;
let running: RunningApp;
const sockets: TestSocket[] = [];
const wire = new Map<string, string[]>();
/** Feeds that showed rep-a1 with three dials (patch deltas carry fields by position, so decode them). */
const sawThreeDials = new Set<string>();

function listen(name: string, token: string): TestSocket {
  const socket = connectClient(running.url, token);
  sockets.push(socket);
  wire.set(name, []);
  socket.onAny((event: string, ...args: unknown[]) => wire.get(name)!.push(`${event} ${JSON.stringify(args)}`));
  socket.on('floor:delta', (delta: FloorDelta) => {
    if (deltaRows(delta).some((row) => row.id === 'rep-a1' && row.dials === 3)) sawThreeDials.add(name);
  });
  return socket;
}

beforeAll(async () => {
  floor = createTestFloor(inject('redisUrl'), { FLOORBOARD_CALLBACK_GRACE_MINUTES: '0' });
  const clock = noonClock();
  running = await startTestApp(floor.config, clock);
  await addPeople(floor.config);
  const [lead, boss] = await Promise.all([logIn(running.url, 'lead-a'), logIn(running.url, 'boss')]);
  const sockets = [listen('kiosk', floor.token), listen('lead', lead.token), listen('supervisor', boss.token)];
  await Promise.all(sockets.map((s) => new Promise<void>((resolve) => s.once('floor:snapshot', () => resolve()))));

  const at = clock() - 3600_000;
  const rep = 'rep-a1';
  const context = { campaign: 'spring', list: 'L1', source: 'web', callerId: '+862155550100' };
  await floor.add({ type: 'rep.login', rep, team: 'team-a', at });
  for (const [i, customer] of SECRETS.entries()) {
    const c = `c${i}`;
    const t = at + i * 100_000;
    await floor.add({ type: 'call.dial', rep, call: c, customer, contact: 'Mr Wang', ...context, at: t + 1000 });
    await floor.add({ type: 'call.answer', rep, call: c, customer, at: t + 2000 });
    await floor.add({ type: 'call.hangup', rep, call: c, customer, cause: 'NORMAL_CLEARING', at: t + 60_000 });
    await floor.add({
      ...{ type: 'call.outcome', rep, call: c, customer, contact: 'Mr Wang', ...context },
      ...{ outcome: 'callback', followUpAt: at + 600_000, at: t + 61_000 },
    });
  }
  await waitFor('folded and on every feed', () => [...wire.keys()].every((name) => sawThreeDials.has(name)));
  await waitFor('in the ledger', async () => {
    const res = await call(running.url, boss.token, 'GET', '/api/callbacks');
    return (res.body as { callbacks: unknown[] }).callbacks.length === 3;
  });
});

afterAll(async () => {
  for (const socket of sockets) socket.disconnect();
  await running?.stop();
  await floor?.writer.quit();
});

describe('personal data never on the wire to leads, wallboards and feeds', () => {
  it.each(['kiosk', 'lead', 'supervisor'])('the %s socket feed carries no customer id', async (name) => {
    const seen = wire.get(name)!.join('\n');
    expect(sawThreeDials.has(name)).toBe(true); // the feed did carry the calls
    for (const secret of SECRETS) expect(seen).not.toContain(secret);
  });

  it("no answer to a lead or a wallboard carries a customer id (the floor's own callerId is allowed)", async () => {
    const lead = await logIn(running.url, 'lead-a');
    const asLead = ['/api/floor', '/api/alerts', '/api/callbacks', '/api/callbacks/overdue', '/api/me?rep=rep-a1'];
    const asKiosk = ['/api/floor', '/api/callbacks/overdue'];
    const answers: [string, number, string][] = [];
    for (const path of asLead) {
      const res = await call(running.url, lead.token, 'GET', path);
      answers.push([`lead ${path}`, res.status, JSON.stringify(res.body)]);
    }
    for (const path of asKiosk) {
      const res = await call(running.url, floor.token, 'GET', path);
      answers.push([`kiosk ${path}`, res.status, JSON.stringify(res.body)]);
    }
    for (const [what, status, body] of answers) {
      expect(status, what).toBe(200);
      for (const secret of SECRETS) expect(body, what).not.toContain(secret);
    }
    const kioskFloor = (await call(running.url, floor.token, 'GET', '/api/floor')).body as FloorResponse;
    expect(kioskFloor.reps.find((r) => r.id === 'rep-a1')?.dials).toBe(3);
    // The overdue call-backs did reach the lead as an alert and a count, without the customer.
    expect(answers.find(([w]) => w === 'lead /api/alerts')![2]).toContain('callback_overdue');
    expect(answers.find(([w]) => w === 'kiosk /api/callbacks/overdue')![2]).toContain('"team-a":3');
  });
});
