import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createMemoryHistory } from 'vue-router';
import type { Viewer } from '../../../shared/domain/viewer';
import { createAppRouter } from '../../../client/router';
import { useSessionStore } from '../../../client/stores/session';
import { json, stubFetch } from '../support/fakeFetch';
import type { FetchCall } from '../support/fakeFetch';
import { freshPinia } from '../support/mountApp';
import { KIOSK, LEAD, REP, SUPERVISOR } from '../support/viewers';

function signedInAs(viewer: Viewer | null): FetchCall[] {
  return stubFetch({
    'GET /api/auth/session': json(200, { viewer }),
  });
}

async function open(path: string) {
  const router = createAppRouter(createMemoryHistory());
  await router.push(path);
  return router.currentRoute.value;
}

describe('the router guard', () => {
  beforeEach(() => {
    freshPinia();
  });

  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('sends a visitor without a session to /login, remembering where they were going', async () => {
    signedInAs(null);
    const route = await open('/admin');
    expect(route.fullPath).toBe('/login?redirect=/admin');
    expect(useSessionStore().status).toBe('signed-out');
  });

  it('sends nobody from / to /login without a pointless redirect back to /', async () => {
    signedInAs(null);
    expect((await open('/')).fullPath).toBe('/login');
  });

  it.each([
    ['a kiosk', KIOSK, '/floor'],
    ['a supervisor', SUPERVISOR, '/floor'],
    ['a lead', LEAD, '/team/north'],
    ['a rep', REP, '/me'],
  ])('sends %s from / to their own page', async (_who, viewer, page) => {
    signedInAs(viewer);
    expect((await open('/')).fullPath).toBe(page);
  });

  it('sends a rep who opens /floor to /me', async () => {
    signedInAs(REP);
    expect((await open('/floor')).fullPath).toBe('/me');
  });

  it('sends a lead who opens another team’s console to their own', async () => {
    signedInAs(LEAD);
    const route = await open('/team/south');
    expect(route.fullPath).toBe('/team/north');
    expect(route.params.team).toBe('north');
  });

  it('lets a supervisor open any team’s console and the admin page', async () => {
    signedInAs(SUPERVISOR);
    expect((await open('/team/south')).fullPath).toBe('/team/south');
    expect((await open('/admin')).fullPath).toBe('/admin');
  });

  it('keeps a kiosk and a lead away from the admin page', async () => {
    signedInAs(KIOSK);
    expect((await open('/admin')).fullPath).toBe('/floor');
    freshPinia();
    signedInAs(LEAD);
    expect((await open('/admin')).fullPath).toBe('/team/north');
  });

  it('sends someone signed in away from /login to their page', async () => {
    signedInAs(SUPERVISOR);
    expect((await open('/login')).fullPath).toBe('/floor');
  });

  it('asks the server once and then uses the cached session', async () => {
    const calls = signedInAs(SUPERVISOR);
    const router = createAppRouter(createMemoryHistory());
    await router.push('/floor');
    await router.push('/admin');
    await router.push('/team/east');
    expect(calls.filter((c) => c.path === '/api/auth/session')).toHaveLength(1);
    expect(router.currentRoute.value.fullPath).toBe('/team/east');
  });

  it('sends an unknown address to the viewer’s page', async () => {
    signedInAs(REP);
    expect((await open('/no/such/page')).fullPath).toBe('/me');
  });
});
