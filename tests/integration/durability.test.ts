import { afterEach, describe, expect, inject, it } from 'vitest';
import type { MeResponse, NotesResponse, TargetsResponse } from '../../shared/contracts/http';
import type { UserView } from '../../shared/domain/viewer';
import { addPeople, call, logIn } from './support/people';
import { createTestFloor, noonClock, startTestApp, testDayNoon, type RunningApp } from './support/testApp';
import { waitFor } from './support/waitFor';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe('what people set survives a server restart', () => {
  it('keeps notes with their acknowledgement, targets, accounts and sessions', async () => {
    const floor = createTestFloor(inject('redisUrl'));
    const clock = noonClock();
    let running: RunningApp = await startTestApp(floor.config, clock);
    cleanups.push(() => floor.writer.quit().then(() => undefined));
    cleanups.push(() => running.stop());
    await addPeople(floor.config);
    await floor.add({ type: 'rep.login', rep: 'rep-a1', team: 'team-a', at: testDayNoon() });
    await waitFor('rep on the floor', () => running.app.floor.state().reps.size === 1);
    const boss = (await logIn(running.url, 'boss')).token;
    const lead = (await logIn(running.url, 'lead-a')).token;
    const rep = (await logIn(running.url, 'ann')).token;

    const note = (
      await call(running.url, lead, 'POST', '/api/coaching-notes', {
        rep: 'rep-a1',
        text: 'Great close',
        tag: 'praise',
      })
    ).body as { id: string };
    expect((await call(running.url, rep, 'POST', `/api/coaching-notes/${note.id}/ack`)).status).toBe(200);
    const target = { scope: { kind: 'rep', rep: 'rep-a1' }, period: 'daily', targets: { dials: 321 } };
    expect((await call(running.url, lead, 'PUT', '/api/targets', target)).status).toBe(200);
    const newUser = { username: 'carol', password: 'another-long-pw', role: 'rep', rep: 'rep-a3', team: 'team-a' };
    expect((await call(running.url, boss, 'POST', '/api/users', newUser)).status).toBe(201);

    await running.stop();
    running = await startTestApp(floor.config, clock);

    const notes = (await call(running.url, lead, 'GET', '/api/coaching-notes?rep=rep-a1')).body as NotesResponse;
    expect(notes.notes).toMatchObject([{ id: note.id, text: 'Great close', tag: 'praise', author: 'lead-a' }]);
    expect(notes.notes[0]!.ackAt).toEqual(expect.any(Number));
    const me = (await call(running.url, rep, 'GET', '/api/me')).body as MeResponse;
    expect(me.rep.targets.dials).toBe(321);
    const targets = (await call(running.url, boss, 'GET', '/api/targets')).body as TargetsResponse;
    expect(targets.settings.reps['rep-a1']?.daily?.dials).toBe(321);
    const users = (await call(running.url, boss, 'GET', '/api/users')).body as { users: UserView[] };
    expect(users.users.map((u) => u.username)).toContain('carol');
    expect((await logIn(running.url, 'carol', 'another-long-pw')).user.rep).toBe('rep-a3');
  });
});
