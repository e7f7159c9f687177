import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createMemoryHistory } from 'vue-router';
import type { Viewer } from '../../../shared/domain/viewer';
import App from '../../../client/App.vue';
import { createAppI18n } from '../../../client/i18n';
import { followSession } from '../../../client/realtime/followSession';
import { createAppRouter } from '../../../client/router';
import { useFloorStore } from '../../../client/stores/floor';
import { json, noContent, stubFetch } from '../support/fakeFetch';
import type { FetchCall } from '../support/fakeFetch';
import { FakeSocket } from '../support/fakeSocket';
import { makeRep, makeSnapshot } from '../support/floorData';
import { freshPinia } from '../support/mountApp';
import { KIOSK, LEAD, REP, SUPERVISOR } from '../support/viewers';

async function openAs(viewer: Viewer, path: string) {
  const pinia = freshPinia();
  const calls: FetchCall[] = stubFetch({
    'GET /api/auth/session': json(200, { viewer }),
    'POST /api/auth/logout': noContent(),
    'GET /api/users': json(200, { users: [] }),
    'GET /api/kiosks': json(200, { kiosks: [] }),
  });
  const socket = new FakeSocket();
  const router = createAppRouter(createMemoryHistory());
  followSession(socket.asSocket(), router);
  useFloorStore().applySnapshot(
    makeSnapshot([makeRep({ id: 'a', team: 'north' }), makeRep({ id: 'b', team: 'south' })]),
  );
  await router.push(path);
  const app = mount(App, { global: { plugins: [pinia, createAppI18n('en'), router] } });
  await flushPromises();
  return { app, router, socket, calls };
}

describe('the app bar', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('gives a supervisor the floor, every team’s console, trends, campaigns, TV mode and admin, with who is signed in', async () => {
    const { app } = await openAs(SUPERVISOR, '/admin');
    const links = app.findAll('.app-bar nav a').map((a) => [a.text(), a.attributes('href')]);
    expect(links).toEqual([
      ['Floorboard', '/floor'],
      ['Floor', '/floor'],
      ['north', '/team/north'],
      ['south', '/team/south'],
      ['Trends', '/trends'],
      ['Campaigns', '/campaigns'],
      ['Market feedback', '/feedback'],
      ['Handoffs', '/handoffs'],
      ['Daily review', '/review'],
      ['Replay', '/replay'],
      ['TV mode', '/tv'],
      ['Admin', '/admin'],
    ]);
    expect(app.find('.app-bar a[href="/admin"]').attributes('aria-current')).toBe('page');
    expect(app.find('[data-test="who"]').text()).toBe('Signed in as sam (Supervisor)');
    expect(app.find('.app-bar .connection').exists()).toBe(true);
    app.unmount();
  });

  it('gives a lead the team’s console, the campaigns of the team’s calls, its market feedback, the handoff board and the daily review', async () => {
    const { app } = await openAs(LEAD, '/campaigns');
    const links = app.findAll('.app-bar nav a').map((a) => [a.text(), a.attributes('href')]);
    expect(links).toEqual([
      ['Floorboard', '/team/north'],
      ['Team console', '/team/north'],
      ['Campaigns', '/campaigns'],
      ['Market feedback', '/feedback'],
      ['Handoffs', '/handoffs'],
      ['Daily review', '/review'],
      ['Replay', '/replay'],
    ]);
    expect(app.find('.app-bar a[href="/campaigns"]').attributes('aria-current')).toBe('page');
    app.unmount();
  });

  it('gives a rep only their own page', async () => {
    const { app } = await openAs(REP, '/me');
    expect(app.findAll('.app-bar nav a').map((a) => a.text())).toEqual(['Floorboard', 'My progress']);
    app.unmount();
  });

  it('leaves a wallboard TV chrome-free', async () => {
    const { app } = await openAs(KIOSK, '/floor');
    expect(app.find('.app-bar').exists()).toBe(false);
    expect(app.find('.wallboard .connection').exists()).toBe(true);
    app.unmount();
  });

  it('signs out: tells the server, disconnects, forgets the floor and shows the login page', async () => {
    const { app, router, socket, calls } = await openAs(SUPERVISOR, '/admin');
    const button = app.findAll('.app-bar button').find((b) => b.text() === 'Sign out')!;
    await button.trigger('click');
    await flushPromises();
    await vi.waitFor(() => expect(router.currentRoute.value.name).toBe('login'));
    await flushPromises();

    expect(calls.some((c) => c.method === 'POST' && c.path === '/api/auth/logout')).toBe(true);
    expect(socket.disconnected).toBe(true);
    expect(useFloorStore().repCount).toBe(0);
    expect(app.find('.app-bar').exists()).toBe(false);
    expect(app.find('input[name="username"]').exists()).toBe(true);
    expect(app.find('[data-test="ended"]').exists()).toBe(false);
    app.unmount();
  });
});
