import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { FloorResponse, MeResponse, NewKioskResponse, SessionResponse } from '../../shared/contracts/http';
import type { CoachingNote } from '../../shared/domain/coaching';
import { addPeople, call, logIn, PEOPLE, type Person } from './support/people';
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
const tokens = {} as Record<Person | 'kiosk' | 'revoked', string>;
let noteForA1: CoachingNote;

beforeAll(async () => {
  floor = createTestFloor(inject('redisUrl'));
  running = await startTestApp(floor.config, noonClock());
  await addPeople(floor.config);
  const at = testDayNoon();
  for (const [rep, team] of [
    ['rep-a1', 'team-a'],
    ['rep-a2', 'team-a'],
    ['rep-b1', 'team-b'],
  ] as const)
    await floor.add({ type: 'rep.login', rep, team, at });
  await waitFor('reps on the floor', () => running.app.floor.state().reps.size === 3);
  for (const person of Object.keys(PEOPLE) as Person[])
    tokens[person] = (await logIn(running.url, PEOPLE[person].username)).token;
  tokens.revoked = (await logIn(running.url, 'ann')).token;
  expect((await call(running.url, tokens.revoked, 'POST', '/api/auth/logout')).status).toBe(204);
  const kiosk = await call(running.url, tokens.boss, 'POST', '/api/kiosks', { name: 'TV by the door' });
  expect(kiosk.status).toBe(201);
  tokens.kiosk = (kiosk.body as NewKioskResponse).token;
  const note = await call(running.url, tokens.leadA, 'POST', '/api/coaching-notes', {
    rep: 'rep-a1',
    text: 'Nice close',
  });
  expect(note.status).toBe(201);
  noteForA1 = note.body as CoachingNote;
});

afterAll(async () => {
  await running?.stop();
  await floor?.writer.quit();
});

type Who = Person | 'kiosk' | 'revoked' | 'none';
const as = (who: Who) => (who === 'none' ? undefined : tokens[who]);
const status = async (who: Who, method: string, path: string, body?: unknown) =>
  (await call(running.url, as(who), method, path, body)).status;

describe('authorisation matrix over HTTP', () => {
  it.each([
    ['GET', '/api/floor', { none: 401, revoked: 401, kiosk: 200, boss: 200, leadA: 200, repA: 403 }],
    ['GET', '/api/me', { none: 401, revoked: 401, kiosk: 400, boss: 400, leadA: 400, repA: 200 }],
    ['GET', '/api/me?rep=rep-a1', { kiosk: 403, boss: 200, leadA: 200, leadB: 403, repA: 200, repA2: 403 }],
    [
      'GET',
      '/api/coaching-notes?rep=rep-a1',
      { none: 401, kiosk: 403, boss: 200, leadA: 200, leadB: 403, repA: 200, repB: 403 },
    ],
    ['GET', '/api/coaching-notes?team=team-a', { none: 401, kiosk: 403, boss: 200, leadA: 200, leadB: 403, repA: 403 }],
    [
      'GET',
      '/api/coaching-notes/effects?team=team-a',
      { none: 401, kiosk: 403, boss: 200, leadA: 200, leadB: 403, repA: 403 },
    ],
    [
      'GET',
      '/api/coaching-notes/effects?rep=rep-a1',
      { none: 401, kiosk: 403, boss: 200, leadA: 200, leadB: 403, repA: 200, repA2: 403 },
    ],
    ['GET', '/api/targets', { none: 401, kiosk: 403, boss: 200, leadA: 200, repA: 200 }],
    [
      'GET',
      '/api/targets/resolved?rep=rep-a1',
      { none: 401, kiosk: 403, boss: 200, leadA: 200, leadB: 403, repA: 200, repA2: 403 },
    ],
    [
      'GET',
      '/api/targets/resolved?team=team-a',
      { none: 401, kiosk: 403, boss: 200, leadA: 200, leadB: 403, repA: 403 },
    ],
    ['GET', '/api/users', { none: 401, revoked: 401, kiosk: 403, boss: 200, leadA: 403, repA: 403 }],
    ['GET', '/api/dead-letters', { none: 401, kiosk: 403, boss: 200, leadA: 403, repA: 403 }],
    ['GET', '/api/sources', { none: 401, kiosk: 403, boss: 200, leadA: 403, repA: 403 }],
    ['GET', '/api/kiosks', { none: 401, kiosk: 403, boss: 200, leadA: 403, repA: 403 }],
    ['GET', '/api/webhooks', { none: 401, revoked: 401, kiosk: 403, boss: 200, leadA: 403, repA: 403 }],
    // Signed out is an answer ("nobody"), not an error: see the test below.
    ['GET', '/api/auth/session', { none: 200, revoked: 200, kiosk: 200, boss: 200, leadA: 200, repA: 200 }],
  ] as const)('%s %s', async (method, path, expected) => {
    for (const [who, code] of Object.entries(expected)) {
      expect({ who, status: await status(who as Who, method, path) }).toEqual({ who, status: code });
    }
  });

  it('answers "who am I" with no viewer when nobody is signed in, and the viewer otherwise', async () => {
    const viewer = async (who: Who) =>
      ((await call(running.url, as(who), 'GET', '/api/auth/session')).body as SessionResponse).viewer;
    expect(await viewer('none')).toBeNull();
    expect(await viewer('revoked')).toBeNull();
    expect(await viewer('boss')).toMatchObject({ kind: 'user', role: 'supervisor' });
    expect(await viewer('kiosk')).toMatchObject({ kind: 'kiosk' });
  });

  it('gives each role exactly its part of the floor', async () => {
    const ids = async (who: Who) =>
      ((await call(running.url, as(who), 'GET', '/api/floor')).body as FloorResponse).reps.map((r) => r.id);
    expect(await ids('boss')).toEqual(['rep-a1', 'rep-a2', 'rep-b1']);
    expect(await ids('kiosk')).toEqual(['rep-a1', 'rep-a2', 'rep-b1']);
    expect(await ids('leadA')).toEqual(['rep-a1', 'rep-a2']);
    const me = (await call(running.url, tokens.repA, 'GET', '/api/me')).body as MeResponse;
    expect(me.rep.id).toBe('rep-a1');
    expect(me.notes.map((n) => n.id)).toEqual([noteForA1.id]);
  });

  it('lets a lead coach their own team only, a supervisor anyone, nobody else', async () => {
    const send = (who: Who, rep: string) =>
      status(who, 'POST', '/api/coaching-notes', { rep, text: 'Try the price anchor' });
    expect(await send('leadA', 'rep-a2')).toBe(201);
    expect(await send('leadA', 'rep-b1')).toBe(403);
    expect(await send('boss', 'rep-b1')).toBe(201);
    expect(await send('repA', 'rep-a2')).toBe(403);
    expect(await send('kiosk', 'rep-a1')).toBe(403);
    expect(await send('none', 'rep-a1')).toBe(401);
  });

  it('lets only the rep acknowledge their note', async () => {
    const ack = (who: Who) => status(who, 'POST', `/api/coaching-notes/${noteForA1.id}/ack`);
    expect(await ack('repA2')).toBe(403);
    expect(await ack('leadA')).toBe(403);
    expect(await ack('boss')).toBe(403);
    expect(await ack('kiosk')).toBe(403);
    expect(await ack('repA')).toBe(200);
    expect(await status('repA', 'POST', '/api/coaching-notes/00000000-0000-0000-0000-000000000000/ack')).toBe(404);
  });

  it('lets a lead set targets for the team and its reps, a supervisor for anything', async () => {
    const put = (who: Who, scope: object) =>
      status(who, 'PUT', '/api/targets', { scope, period: 'daily', targets: { dials: 150 } });
    expect(await put('leadA', { kind: 'team', team: 'team-a' })).toBe(200);
    expect(await put('leadA', { kind: 'rep', rep: 'rep-a1' })).toBe(200);
    expect(await put('leadA', { kind: 'team', team: 'team-b' })).toBe(403);
    expect(await put('leadA', { kind: 'rep', rep: 'rep-b1' })).toBe(403);
    expect(await put('leadA', { kind: 'floor' })).toBe(403);
    expect(await put('repA', { kind: 'rep', rep: 'rep-a1' })).toBe(403);
    expect(await put('kiosk', { kind: 'floor' })).toBe(403);
    expect(await put('boss', { kind: 'floor' })).toBe(200);
  });

  it('keeps accounts and wallboards to the supervisor', async () => {
    const user = { username: 'newbie', password: 'a-long-password', role: 'rep', rep: 'rep-a9', team: 'team-a' };
    expect(await status('leadA', 'POST', '/api/users', user)).toBe(403);
    expect(await status('kiosk', 'POST', '/api/kiosks', { name: 'x' })).toBe(403);
    expect(await status('boss', 'POST', '/api/users', user)).toBe(201);
    expect(await status('boss', 'POST', '/api/users', user)).toBe(409);
    const listed = (await call(running.url, tokens.boss, 'GET', '/api/users')).body as { users: object[] };
    expect(JSON.stringify(listed)).not.toMatch(/scrypt|password/);
    expect(await status('leadA', 'DELETE', '/api/users/newbie')).toBe(403);
    expect(await status('boss', 'DELETE', '/api/users/newbie')).toBe(204);
  });

  it('answers bad payloads with 400 and the reason', async () => {
    const reason = async (method: string, path: string, body: unknown) => {
      const res = await call(running.url, tokens.boss, method, path, body);
      expect(res.status).toBe(400);
      return (res.body as { error: string }).error;
    };
    expect(await reason('POST', '/api/coaching-notes', { rep: 'rep-a1', text: '' })).toMatch(/^text: /);
    expect(await reason('POST', '/api/coaching-notes', { rep: 'rep-a1', text: 'x'.repeat(1001) })).toMatch(
      /^text: .*1000/,
    );
    expect(await reason('POST', '/api/coaching-notes', { rep: 'rep-a1', text: 'ok', tag: 'shout' })).toMatch(/^tag: /);
    expect(await reason('POST', '/api/coaching-notes', { rep: 'a b', text: 'ok' })).toMatch(/^rep: /);
    expect(
      await reason('PUT', '/api/targets', { scope: { kind: 'floor' }, period: 'daily', targets: { dials: -1 } }),
    ).toMatch(/^targets.dials: /);
    expect(await reason('POST', '/api/users', { username: 'x1', password: 'long-enough-pw', role: 'lead' })).toMatch(
      /^team: /,
    );
    const raw = await fetch(`${running.url}/api/coaching-notes`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tokens.boss}`, 'content-type': 'application/json' },
      body: '{"rep": ',
    });
    expect(raw.status).toBe(400);
    expect(((await raw.json()) as { error: string }).error).toMatch(/JSON/);
  });

  it('revokes a kiosk token at once', async () => {
    const created = (await call(running.url, tokens.boss, 'POST', '/api/kiosks', { name: 'Spare TV' }))
      .body as NewKioskResponse;
    expect(await status('none', 'GET', '/api/floor')).toBe(401);
    expect((await call(running.url, created.token, 'GET', '/api/floor')).status).toBe(200);
    expect(await status('boss', 'DELETE', `/api/kiosks/${created.kiosk.id}`)).toBe(204);
    expect((await call(running.url, created.token, 'GET', '/api/floor')).status).toBe(401);
  });
});
