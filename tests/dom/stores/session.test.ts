import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useSessionStore } from '../../../client/stores/session';
import { json, noContent, stubFetch } from '../support/fakeFetch';
import { freshPinia } from '../support/mountApp';
import { KIOSK, LEAD } from '../support/viewers';

const LEAD_USER = { username: 'lena', role: 'lead', team: 'north', rep: null, createdAt: 1 };

describe('session store', () => {
  beforeEach(() => {
    freshPinia();
  });

  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('signs in, then takes the viewer from the session route, and keeps no token', async () => {
    const calls = stubFetch({
      'POST /api/auth/login': json(200, { token: 'secret-token', user: LEAD_USER }),
      'GET /api/auth/session': json(200, { viewer: LEAD }),
    });
    const session = useSessionStore();

    expect(await session.login('lena', 'correct horse battery')).toBeNull();

    expect(session.viewer).toEqual(LEAD);
    expect(session.role).toBe('lead');
    expect(session.team).toBe('north');
    expect(session.home).toEqual({ name: 'team', params: { team: 'north' } });
    expect(calls[0]).toEqual({
      method: 'POST',
      path: '/api/auth/login',
      body: { username: 'lena', password: 'correct horse battery' },
    });
    expect(JSON.stringify(session.$state)).not.toContain('secret-token');
    expect(localStorage.length + sessionStorage.length).toBe(0);
  });

  it('says wrong credentials on 401', async () => {
    stubFetch({ 'POST /api/auth/login': json(401, { error: 'wrong username or password' }) });
    const session = useSessionStore();
    expect(await session.login('lena', 'nope')).toEqual({ kind: 'wrong' });
    expect(session.viewer).toBeNull();
  });

  it('says how long to wait when throttled, from Retry-After', async () => {
    stubFetch({
      'POST /api/auth/login': json(
        429,
        { error: 'too many failed log-ins: wait and try again' },
        { 'Retry-After': '42' },
      ),
    });
    expect(await useSessionStore().login('lena', 'nope')).toEqual({ kind: 'throttled', retryAfterSeconds: 42 });
  });

  it('passes the server’s reason through on a bad request', async () => {
    stubFetch({ 'POST /api/auth/login': json(400, { error: 'username: too long' }) });
    expect(await useSessionStore().login('x'.repeat(80), 'pw')).toEqual({
      kind: 'invalid',
      reason: 'username: too long',
    });
  });

  it('tells a network failure apart', async () => {
    vi.stubGlobal('fetch', vi.fn().mockRejectedValue(new TypeError('Failed to fetch')));
    expect(await useSessionStore().login('lena', 'pw')).toEqual({ kind: 'network' });
  });

  it('loads as signed out on a 200 with no viewer (or an older server’s 401), as unreachable when it is down', async () => {
    stubFetch({ 'GET /api/auth/session': json(200, { viewer: null }) });
    const session = useSessionStore();
    expect(await session.load()).toBe('signed-out');
    expect(session.viewer).toBeNull();

    stubFetch({ 'GET /api/auth/session': json(401, { error: 'authentication required' }) });
    freshPinia();
    expect(await useSessionStore().load()).toBe('signed-out');

    vi.stubGlobal('fetch', vi.fn().mockRejectedValue(new TypeError('Failed to fetch')));
    freshPinia();
    expect(await useSessionStore().load()).toBe('unreachable');
  });

  it('loads as unreachable, not as anyone, when the session answer is not a viewer (a proxy’s page)', async () => {
    stubFetch({
      'GET /api/auth/session': new Response('<!doctype html><title>Floorboard</title>', {
        status: 200,
        headers: { 'content-type': 'text/html' },
      }),
    });
    const session = useSessionStore();
    expect(await session.load()).toBe('unreachable');
    expect(session.viewer).toBeNull();

    stubFetch({ 'GET /api/auth/session': json(200, { viewer: { kind: 'user', username: 'lena', role: 'lead' } }) });
    freshPinia();
    const again = useSessionStore();
    expect(await again.load()).toBe('unreachable');
    expect(again.viewer).toBeNull();
  });

  it('signs out on the server, then forgets the viewer without an "ended" notice', async () => {
    const calls = stubFetch({
      'GET /api/auth/session': json(200, { viewer: LEAD }),
      'POST /api/auth/logout': noContent(),
    });
    const session = useSessionStore();
    await session.load();
    session.end('logged_out'); // the socket may say so before the HTTP answer
    session.viewer = LEAD;

    expect(await session.logout()).toBe(true);
    expect(calls.map((c) => `${c.method} ${c.path}`)).toContain('POST /api/auth/logout');
    expect(session.viewer).toBeNull();
    expect(session.status).toBe('signed-out');
    expect(session.ended).toBeNull();
  });

  it('keeps the session when signing out cannot reach the server', async () => {
    stubFetch({ 'GET /api/auth/session': json(200, { viewer: LEAD }) });
    const session = useSessionStore();
    await session.load();
    vi.stubGlobal('fetch', vi.fn().mockRejectedValue(new TypeError('Failed to fetch')));
    expect(await session.logout()).toBe(false);
    expect(session.viewer).toEqual(LEAD);
  });

  it('remembers why the server ended a session, and whether it was a wallboard link', async () => {
    stubFetch({ 'GET /api/auth/session': json(200, { viewer: KIOSK }) });
    const session = useSessionStore();
    await session.load();
    session.end('revoked');
    expect(session.ended).toEqual({ reason: 'revoked', kiosk: true });
    expect(session.viewer).toBeNull();
    session.end('expired'); // nothing left to end
    expect(session.ended).toEqual({ reason: 'revoked', kiosk: true });
  });
});
