import { afterEach, describe, expect, inject, it } from 'vitest';
import type { KioskView } from '../../shared/contracts/http';
import { addPeople, call, logIn } from './support/people';
import { createTestFloor, noonClock, startTestApp, type TestFloor } from './support/testApp';

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function start(floor: TestFloor) {
  const running = await startTestApp(floor.config, noonClock());
  cleanups.push(() => running.stop());
  return running;
}

async function setup() {
  const floor = createTestFloor(inject('redisUrl'));
  cleanups.push(() => floor.writer.quit());
  const running = await start(floor);
  await addPeople(floor.config);
  return { floor, running, url: running.url };
}

const cookieOf = (res: Response) => res.headers.get('set-cookie')?.split(';')[0] ?? null;

describe('wallboard links', () => {
  it('open straight away in a browser where nobody is signed in', async () => {
    const { floor, url } = await setup();
    const res = await fetch(`${url}/wallboard/${floor.token}`, { redirect: 'manual' });
    expect(res.status).toBe(302);
    expect(cookieOf(res)).toBe(`fb_session=${floor.token}`);
  });

  it("ask before replacing a signed-in person's session, and end it only when confirmed", async () => {
    const { floor, url } = await setup();
    const { token } = await logIn(url, 'boss');
    const cookie = `fb_session=${token}`;
    const opened = await fetch(`${url}/wallboard/${floor.token}`, { redirect: 'manual', headers: { cookie } });
    expect(opened.status).toBe(409);
    expect(opened.headers.get('set-cookie')).toBeNull();
    const page = await opened.text();
    expect(page).toContain('signed in as <strong>boss</strong>');
    expect(page).toContain(`<form method="post" action="/wallboard/${floor.token}">`);
    expect((await call(url, token, 'GET', '/api/auth/session')).status).toBe(200);

    const foreign = await fetch(`${url}/wallboard/${floor.token}`, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie, origin: 'http://evil.example' },
    });
    expect(foreign.status).toBe(403);
    expect((await call(url, token, 'GET', '/api/auth/session')).status).toBe(200);

    const confirmed = await fetch(`${url}/wallboard/${floor.token}`, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie, origin: url },
    });
    expect(confirmed.status).toBe(303);
    expect(cookieOf(confirmed)).toBe(`fb_session=${floor.token}`);
    // The person's session has ended: "who am I" answers nobody.
    expect(await call(url, token, 'GET', '/api/auth/session')).toEqual({
      status: 200,
      body: { viewer: null, currency: 'CNY' },
    });
  });

  it('from the environment are listed and revoked like created ones, and stay revoked after a restart', async () => {
    const { floor, running, url } = await setup();
    const { token: boss } = await logIn(url, 'boss');
    const listed = (await call(url, boss, 'GET', '/api/kiosks')).body as { kiosks: KioskView[] };
    expect(listed.kiosks).toEqual([
      expect.objectContaining({ name: 'Wallboard 1 (environment)', createdBy: 'environment' }),
    ]);
    expect((await call(url, floor.token, 'GET', '/api/floor')).status).toBe(200);
    expect((await call(url, boss, 'DELETE', `/api/kiosks/${listed.kiosks[0]!.id}`)).status).toBe(204);
    expect((await call(url, floor.token, 'GET', '/api/floor')).status).toBe(401);

    await running.stop();
    cleanups.pop(); // stopped above
    const again = await start(floor);
    expect((await call(again.url, floor.token, 'GET', '/api/floor')).status).toBe(401);
    const { token: boss2 } = await logIn(again.url, 'boss');
    expect(((await call(again.url, boss2, 'GET', '/api/kiosks')).body as { kiosks: KioskView[] }).kiosks).toEqual([]);
  });
});
