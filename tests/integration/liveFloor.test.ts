import { afterEach, describe, expect, inject, it } from 'vitest';
import type { FloorDelta, FloorSnapshot } from '../../shared/contracts/socket';
import { deltaRows, deltaTotals } from '../support/deltaRows';
import type { FloorResponse } from '../../shared/contracts/http';
import {
  connectClient,
  createTestFloor,
  noonClock,
  startTestApp,
  testDayNoon,
  type RunningApp,
  type TestSocket,
} from './support/testApp';
import { waitFor } from './support/waitFor';

const redisUrl = inject('redisUrl');
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function setup() {
  const floor = createTestFloor(redisUrl);
  const running: RunningApp = await startTestApp(floor.config, noonClock());
  cleanups.push(
    () => floor.writer.quit().then(() => undefined),
    () => running.stop(),
  );
  const getFloor = async (token = floor.token) =>
    fetch(`${running.url}/api/floor`, { headers: { authorization: `Bearer ${token}` } });
  return { floor, running, getFloor };
}

function watch(socket: TestSocket) {
  const seen = { snapshots: [] as FloorSnapshot[], deltas: [] as FloorDelta[], errors: [] as string[] };
  socket.on('floor:snapshot', (s) => seen.snapshots.push(s));
  socket.on('floor:delta', (d) => seen.deltas.push(d));
  socket.on('connect_error', (e) => seen.errors.push(e.message));
  cleanups.push(() => void socket.disconnect());
  return seen;
}

describe('the live floor over a real redis-server', () => {
  it('shows an XADD from a plain Redis client in /api/floor and as a socket delta', async () => {
    const { floor, running, getFloor } = await setup();
    const seen = watch(connectClient(running.url, floor.token));
    const snapshot = await waitFor('first snapshot', () => seen.snapshots[0]);
    expect(snapshot.reps).toEqual([]);
    expect(snapshot.settings.timeZone).toBe('UTC');

    const at = testDayNoon() + 1000;
    await floor.addRaw([
      'type',
      'rep.login',
      'rep',
      'rep-007',
      'name',
      'Zhang Wei',
      'team',
      'team-b',
      'ts',
      String(at),
    ]);
    await floor.addRaw(['type', 'call.dial', 'rep', 'rep-007', 'call', 'c-1', 'ts', String(at + 2000)]);

    const delta = await waitFor('delta with the dialing rep', () =>
      seen.deltas.find((d) => deltaRows(d).some((r) => r.id === 'rep-007' && r.status === 'dialing')),
    );
    expect(delta.seq).toBeGreaterThan(snapshot.seq);
    expect(deltaTotals(delta)?.dials).toBe(1);

    // A call-back booked: the wallboard's feed and its API rows leave it to the rep's own page
    // (a supervisor's API rows carry it: floorRoute.test.ts).
    const followUpAt = at + 86_400_000;
    await floor.addRaw([
      'type',
      'call.outcome',
      'rep',
      'rep-007',
      'call',
      'c-1',
      'outcome',
      'callback',
      'followUpAt',
      String(followUpAt),
      'ts',
      String(at + 3000),
    ]);
    const booked = await waitFor('delta after the call-back', () =>
      seen.deltas.find((d) => deltaRows(d).some((r) => r.id === 'rep-007' && r.connects === 1)),
    );
    // Board feeds never carry the call-back list, not even as a change.
    expect(deltaRows(booked).find((r) => r.id === 'rep-007')).not.toHaveProperty('callbacks');

    const body = (await (await getFloor()).json()) as FloorResponse;
    expect(body.reps).toMatchObject([
      { id: 'rep-007', name: 'Zhang Wei', team: 'team-b', status: 'dialing', dials: 1 },
    ]);
    expect(body.reps[0]!.callbacks).toEqual([]);
    expect(running.app.floor.repView('rep-007').callbacks).toEqual([{ call: 'c-1', followUpAt }]);
    expect(body.teams.map((t) => t.id)).toEqual(['team-b']);
    expect(body.totals.byStatus.dialing).toBe(1);
  });

  it('dead-letters a malformed entry with its reason and fields, and counts the next good one', async () => {
    const { floor, getFloor, running } = await setup();
    const at = testDayNoon();
    const bad = await floor.addRaw(['type', 'call.dial', 'rep', 'rep 1', 'call', 'c1']);
    await floor.addRaw(['type', 'call.warp', 'rep', 'rep-1']);
    await floor.add({ type: 'call.dial', rep: 'rep-1', call: 'c2', at });

    const dead = await waitFor('two dead letters', async () => {
      const entries = await floor.writer.xrange(floor.config.deadLetterStream, '-', '+');
      return entries.length === 2 ? entries : undefined;
    });
    const first = Object.fromEntries(chunk(dead[0]![1]));
    expect(first.source).toBe(bad);
    expect(first.reason).toMatch(/^rep: /);
    expect(JSON.parse(first.fields!)).toEqual(['type', 'call.dial', 'rep', 'rep 1', 'call', 'c1']);
    expect(Object.fromEntries(chunk(dead[1]![1])).reason).toContain('unknown event type "call.warp"');

    await waitFor('good entry counted', async () => {
      const body = (await (await getFloor()).json()) as FloorResponse;
      return body.totals.dials === 1;
    });
    const health = await (
      await fetch(`${running.url}/healthz`, { headers: { authorization: `Bearer ${floor.metricsToken}` } })
    ).json();
    expect(health).toMatchObject({ status: 'ok', redis: 'up', deadLetters: 2 });
  });

  it('refuses requests and sockets without a valid token or from a foreign origin', async () => {
    const { floor, running, getFloor } = await setup();
    expect((await fetch(`${running.url}/api/floor`)).status).toBe(401);
    expect((await getFloor('not-a-real-token-000000000000')).status).toBe(401);
    const foreign = await fetch(`${running.url}/api/floor`, {
      headers: { authorization: `Bearer ${floor.token}`, origin: 'https://evil.example' },
    });
    expect(foreign.status).toBe(403);

    const anonymous = watch(connectClient(running.url, undefined));
    await waitFor('unauthorized', () => anonymous.errors.includes('unauthorized'));
    const wrongOrigin = watch(connectClient(running.url, floor.token, { origin: 'https://evil.example' }));
    await waitFor('origin refused', () => wrongOrigin.errors.includes('origin not allowed'));
    expect(anonymous.snapshots.length + wrongOrigin.snapshots.length).toBe(0);
  });

  it('turns a wallboard link into an httpOnly cookie that opens the API', async () => {
    const { floor, running } = await setup();
    expect((await fetch(`${running.url}/wallboard/wrong-token-0000000000000000`, { redirect: 'manual' })).status).toBe(
      401,
    );
    const link = await fetch(`${running.url}/wallboard/${floor.token}`, { redirect: 'manual' });
    expect(link.status).toBe(302);
    expect(link.headers.get('location')).toBe('/');
    const cookie = link.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(link.headers.get('referrer-policy')).toBe('no-referrer');
    const api = await fetch(`${running.url}/api/floor`, { headers: { cookie: cookie.split(';')[0]! } });
    expect(api.status).toBe(200);
  });

  it('sends a fresh snapshot on reconnect and on request, with the current sequence', async () => {
    const { floor, running } = await setup();
    const socket = connectClient(running.url, floor.token);
    const seen = watch(socket);
    await waitFor('snapshot', () => seen.snapshots[0]);
    await floor.add({ type: 'rep.login', rep: 'rep-1', at: testDayNoon() });
    await waitFor('delta', () => seen.deltas[0]);

    socket.io.engine.close(); // drops the transport; the client reconnects by itself
    await waitFor('snapshot after reconnect', () => seen.snapshots[1]);
    expect(seen.snapshots[1]!.seq).toBe(seen.deltas.at(-1)!.seq);
    expect(seen.snapshots[1]!.reps.map((r) => r.id)).toEqual(['rep-1']);

    socket.emit('floor:resync');
    await waitFor('snapshot on request', () => seen.snapshots[2]);
  });
});

function chunk(fields: string[]): [string, string][] {
  const pairs: [string, string][] = [];
  for (let i = 0; i + 1 < fields.length; i += 2) pairs.push([fields[i]!, fields[i + 1]!]);
  return pairs;
}
