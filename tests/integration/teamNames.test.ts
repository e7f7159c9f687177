import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { SessionResponse, TeamsResponse } from '../../shared/contracts/http';
import { addPeople, call, logInPeople, type Person } from './support/people';
import { createTestFloor, noonClock, startTestApp, type RunningApp, type TestFloor } from './support/testApp';

let floor: TestFloor;
let running: RunningApp;
const tokens = {} as Record<Person | 'kiosk', string>;

beforeAll(async () => {
  floor = createTestFloor(inject('redisUrl'));
  running = await startTestApp(floor.config, noonClock());
  await addPeople(floor.config);
  Object.assign(tokens, await logInPeople(running.url));
});

afterAll(async () => {
  await running?.stop();
  await floor?.writer.quit();
});

const put = (who: Person | 'kiosk' | null, team: string, body: unknown) =>
  call(running.url, who === null ? undefined : tokens[who], 'PUT', `/api/teams/${encodeURIComponent(team)}/name`, body);
const names = async (who: Person | 'kiosk') =>
  ((await call(running.url, tokens[who], 'GET', '/api/teams')).body as TeamsResponse).teams;

describe('team display names', () => {
  it('tells the floor’s currency with the session answer', async () => {
    const session = (await call(running.url, tokens.boss, 'GET', '/api/auth/session')).body as SessionResponse;
    expect(session.currency).toBe('CNY');
  });

  it('lets only a supervisor name a team; 401 without a session', async () => {
    expect((await put(null, 'team-a', { name: 'Tigers' })).status).toBe(401);
    for (const who of ['leadA', 'repA', 'kiosk'] as const) {
      const res = await put(who, 'team-a', { name: 'Tigers' });
      expect(res.status).toBe(403);
    }
    expect(await names('boss')).toEqual([]);
    const ok = await put('boss', 'team-a', { name: '  Tigers 老虎队 🐯 ' });
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual({ id: 'team-a', name: 'Tigers 老虎队 🐯' });
  });

  it('is read by every signed-in viewer and wallboard, not by the signed-out', async () => {
    for (const who of ['boss', 'leadA', 'leadB', 'repA', 'kiosk'] as const)
      expect(await names(who)).toContainEqual({ id: 'team-a', name: 'Tigers 老虎队 🐯' });
    expect((await call(running.url, undefined, 'GET', '/api/teams')).status).toBe(401);
  });

  it('refuses bad names and team ids with a reason, and keeps what was there', async () => {
    const bad: [string, unknown, RegExp][] = [
      ['team-a', { name: '' }, /empty/],
      ['team-a', { name: '   ' }, /empty/],
      ['team-a', { name: 'x'.repeat(41) }, /at most 40/],
      ['team-a', { name: 'a\u0000b' }, /control/],
      ['team-a', { name: 42 }, /./],
      ['team-a', { name: 'ok', extra: 1 }, /./],
      ['team-a', {}, /./],
      ['team a', { name: 'Spaces' }, /team/],
      ['t'.repeat(65), { name: 'Long' }, /team/],
    ];
    for (const [team, body, reason] of bad) {
      const res = await put('boss', team, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect((res.body as { error: string }).error).toMatch(reason);
    }
    // 40 characters of CJK and emoji count as 40 characters.
    expect((await put('boss', 'team-b', { name: '队'.repeat(39) + '🐯' })).status).toBe(200);
    expect(await names('boss')).toContainEqual({ id: 'team-a', name: 'Tigers 老虎队 🐯' });
  });

  it('stores a team id or name such as __proto__ as data', async () => {
    expect((await put('boss', '__proto__', { name: '__proto__' })).status).toBe(200);
    expect((await put('boss', 'constructor', { name: '<script>x</script>' })).status).toBe(200);
    const teams = await names('repA');
    expect(teams).toContainEqual({ id: '__proto__', name: '__proto__' });
    expect(teams).toContainEqual({ id: 'constructor', name: '<script>x</script>' });
  });

  it('clears a name with null: the team shows its id again', async () => {
    expect((await put('boss', 'team-a', { name: null })).status).toBe(200);
    expect((await names('boss')).some((t) => t.id === 'team-a')).toBe(false);
  });
});
