import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { FloorDelta, FloorSnapshot, SessionEndReason } from '../../shared/contracts/socket';
import { deltaRows, deltaTotals } from '../support/deltaRows';
import type { CoachingNote } from '../../shared/domain/coaching';
import type { Rank } from '../../shared/domain/rank';
import { addPeople, call, logIn, PEOPLE, type Person } from './support/people';
import {
  connectClient,
  createTestFloor,
  noonClock,
  startTestApp,
  testDayNoon,
  type RunningApp,
  type TestFloor,
  type TestSocket,
} from './support/testApp';
import { waitFor } from './support/waitFor';

let floor: TestFloor;
let running: RunningApp;
let second: RunningApp;
const tokens = {} as Record<Person, string>;
const sockets: TestSocket[] = [];

interface Seen {
  socket: TestSocket;
  snapshots: FloorSnapshot[];
  deltas: FloorDelta[];
  notes: CoachingNote[];
  acked: CoachingNote[];
  ranks: Rank[];
  ended: SessionEndReason[];
  errors: string[];
  disconnected: boolean;
}

function open(token: string | undefined, url = running.url): Seen {
  const socket = connectClient(url, token);
  sockets.push(socket);
  const seen: Seen = {
    socket,
    snapshots: [],
    deltas: [],
    notes: [],
    acked: [],
    ranks: [],
    ended: [],
    errors: [],
    disconnected: false,
  };
  socket.on('floor:snapshot', (s) => seen.snapshots.push(s));
  socket.on('floor:delta', (d) => seen.deltas.push(d));
  socket.on('note:added', (n) => seen.notes.push(n));
  socket.on('note:acked', (n) => seen.acked.push(n));
  socket.on('rank:changed', (r) => seen.ranks.push(r));
  socket.on('session:ended', (r) => seen.ended.push(r));
  socket.on('connect_error', (e) => seen.errors.push(e.message));
  socket.on('disconnect', () => (seen.disconnected = true));
  return seen;
}

const repsIn = (seen: Seen) =>
  new Set([...seen.snapshots.flatMap((s) => s.reps), ...seen.deltas.flatMap(deltaRows)].map((r) => r.id));

beforeAll(async () => {
  floor = createTestFloor(inject('redisUrl'));
  running = await startTestApp(floor.config, noonClock());
  second = await startTestApp(floor.config, noonClock());
  await addPeople(floor.config);
  for (const [rep, team] of [
    ['rep-a1', 'team-a'],
    ['rep-a2', 'team-a'],
    ['rep-b1', 'team-b'],
  ] as const)
    await floor.add({ type: 'rep.login', rep, team, at: testDayNoon() });
  await waitFor('reps on the floor', () => running.app.floor.state().reps.size === 3);
  for (const person of Object.keys(PEOPLE) as Person[])
    tokens[person] = (await logIn(running.url, PEOPLE[person].username)).token;
});

afterAll(async () => {
  for (const socket of sockets) socket.disconnect();
  await running?.stop();
  await second?.stop();
  await floor?.writer.quit();
});

describe('authorisation matrix over sockets', () => {
  it('sends each role only what it may see, notes included, across two server instances', async () => {
    const kiosk = open(floor.token);
    const boss = open(tokens.boss);
    const leadA = open(tokens.leadA);
    const repA = open(tokens.repA, second.url); // on the other instance
    const repB = open(tokens.repB);
    for (const seen of [kiosk, boss, leadA, repA, repB]) await waitFor('snapshot', () => seen.snapshots[0]);
    expect(kiosk.snapshots[0]!.scope).toEqual({ kind: 'floor' });
    expect(leadA.snapshots[0]!.scope).toEqual({ kind: 'team', team: 'team-a' });
    expect(repA.snapshots[0]!.scope).toEqual({ kind: 'rep', rep: 'rep-a1' });
    expect(repA.snapshots[0]!.rank).toMatchObject({ floorSize: 3 });

    const at = testDayNoon() + 5000;
    for (const rep of ['rep-a1', 'rep-a2', 'rep-b1'])
      await floor.add({ type: 'call.dial', rep, call: `${rep}-c1`, at });
    await waitFor('deltas everywhere', () =>
      // A rep's own feed carries its row only (its page sums it); the others their totals.
      [kiosk, boss, leadA, repA, repB].every((s) =>
        s.deltas.some((d) => (deltaTotals(d)?.dials ?? 0) > 0 || deltaRows(d).some((r) => (r.dials ?? 0) > 0)),
      ),
    );
    const sent = await call(running.url, tokens.leadA, 'POST', '/api/coaching-notes', {
      rep: 'rep-a1',
      text: '<b>hi</b>',
    });
    expect(sent.status).toBe(201);
    await waitFor('note at the rep on the other instance', () => repA.notes[0]);
    await waitFor('note at the lead and the supervisor', () => leadA.notes[0] && boss.notes[0]);

    expect([...repsIn(kiosk)].sort()).toEqual(['rep-a1', 'rep-a2', 'rep-b1']);
    expect([...repsIn(leadA)].sort()).toEqual(['rep-a1', 'rep-a2']);
    expect([...repsIn(repA)]).toEqual(['rep-a1']);
    expect([...repsIn(repB)]).toEqual(['rep-b1']);
    expect(repA.notes[0]!.text).toBe('<b>hi</b>'); // stored and sent as plain text
    expect(kiosk.notes).toEqual([]);
    expect(repB.notes).toEqual([]);

    // Acknowledged over HTTP on the rep's instance; the lead's socket on the other one hears it.
    const ackPath = `/api/coaching-notes/${encodeURIComponent(repA.notes[0]!.id)}/ack`;
    const ack = await call(second.url, tokens.repA, 'POST', ackPath);
    expect(ack.status).toBe(200);
    expect(ack.body).toMatchObject({ id: repA.notes[0]!.id });
    await waitFor('acknowledgement at the lead', () => leadA.acked[0]?.ackAt);
    const stolen = await call(running.url, tokens.repB, 'POST', ackPath);
    expect(stolen.status).toBe(403);
  });

  it('refuses sockets without a token or with a revoked one', async () => {
    const anonymous = open(undefined);
    const { token } = await logIn(running.url, 'amy');
    expect((await call(running.url, token, 'POST', '/api/auth/logout')).status).toBe(204);
    const revoked = open(token);
    await waitFor(
      'both refused',
      () => anonymous.errors.includes('unauthorized') && revoked.errors.includes('unauthorized'),
    );
    expect(anonymous.snapshots.length + revoked.snapshots.length).toBe(0);
  });

  it('closes open sockets at once on log-out, on every instance', async () => {
    const { token } = await logIn(running.url, 'bob');
    const here = open(token);
    const there = open(token, second.url);
    await waitFor('connected', () => here.snapshots[0] && there.snapshots[0]);
    expect((await call(running.url, token, 'POST', '/api/auth/logout')).status).toBe(204);
    await waitFor('sessions ended', () => here.disconnected && there.disconnected);
    expect(here.ended).toEqual(['logged_out']);
    expect(there.ended).toEqual(['logged_out']);
  });
});
