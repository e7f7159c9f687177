import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createMemoryHistory } from 'vue-router';
import type { CoachingNote } from '../../../shared/domain/coaching';
import { SERVER_DISCONNECT_RETRY_MS, bindRealtime } from '../../../client/realtime/bindRealtime';
import { followSession } from '../../../client/realtime/followSession';
import { createAppRouter } from '../../../client/router';
import { useConnectionStore } from '../../../client/stores/connection';
import { useFloorStore } from '../../../client/stores/floor';
import { useNotesStore } from '../../../client/stores/notes';
import { useSessionStore } from '../../../client/stores/session';
import { json, stubFetch } from '../support/fakeFetch';
import { FakeSocket } from '../support/fakeSocket';
import { makeRep, makeSnapshot } from '../support/floorData';
import { freshPinia } from '../support/mountApp';
import { KIOSK, REP } from '../support/viewers';

const note: CoachingNote = {
  id: 'n1',
  rep: 'rep-001',
  team: 'north',
  author: 'lena',
  text: 'Great close on the last call',
  tag: 'praise',
  call: null,
  createdAt: 1,
  ackAt: null,
};

describe('bindRealtime() with sessions, ranks and notes', () => {
  let socket: FakeSocket;

  beforeEach(() => {
    freshPinia();
    socket = new FakeSocket();
    bindRealtime(socket.asSocket());
  });

  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('keeps the scope, viewer and rank of the snapshot, and a changed rank', () => {
    const floor = useFloorStore();
    socket.serverSends(
      'floor:snapshot',
      makeSnapshot([makeRep({ id: 'rep-001' })], {
        scope: { kind: 'rep', rep: 'rep-001' },
        viewer: REP,
        rank: { floor: 4, floorSize: 60, team: 2, teamSize: 15 },
      }),
    );
    expect(floor.scope).toEqual({ kind: 'rep', rep: 'rep-001' });
    expect(floor.viewer).toEqual(REP);
    expect(floor.rank?.floor).toBe(4);

    socket.serverSends('rank:changed', { floor: 3, floorSize: 60, team: 1, teamSize: 15 });
    expect(floor.rank).toEqual({ floor: 3, floorSize: 60, team: 1, teamSize: 15 });
  });

  it('hands added and acknowledged notes to the notes store', () => {
    const notes = useNotesStore();
    const added = vi.spyOn(notes, 'onAdded');
    const acked = vi.spyOn(notes, 'onAcked');

    socket.serverSends('note:added', note);
    socket.serverSends('note:acked', { ...note, ackAt: 5 });

    expect(added).toHaveBeenCalledExactlyOnceWith(note);
    expect(acked).toHaveBeenCalledExactlyOnceWith({ ...note, ackAt: 5 });
  });

  it('ends the session when the server says so, and does not reconnect after it closes the socket', () => {
    vi.useFakeTimers();
    const session = useSessionStore();
    session.viewer = KIOSK;
    socket.serverSends('connect');

    socket.serverSends('session:ended', 'revoked');
    socket.serverSends('disconnect', 'io server disconnect');
    vi.advanceTimersByTime(SERVER_DISCONNECT_RETRY_MS * 5);

    expect(session.viewer).toBeNull();
    expect(session.ended).toEqual({ reason: 'revoked', kiosk: true });
    expect(socket.connects).toBe(0);
  });

  it('treats a refused handshake during a session as an expired session', () => {
    const session = useSessionStore();
    session.viewer = REP;
    socket.serverSends('connect_error', new Error('unauthorized'));
    expect(session.ended).toEqual({ reason: 'expired', kiosk: false });
    expect(socket.disconnected).toBe(true);
  });
});

describe('followSession()', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('connects once signed in; on sign-out disconnects, drops the floor and goes to /login', async () => {
    freshPinia();
    stubFetch({ 'GET /api/auth/session': json(200, { viewer: KIOSK }) });
    const socket = new FakeSocket();
    bindRealtime(socket.asSocket());
    const router = createAppRouter(createMemoryHistory());
    followSession(socket.asSocket(), router);
    expect(socket.connects).toBe(0);

    await router.push('/');
    expect(router.currentRoute.value.fullPath).toBe('/floor');
    expect(socket.connects).toBe(1);
    socket.serverSends('connect');
    socket.serverSends('floor:snapshot', makeSnapshot([makeRep({ id: 'r1' })]));
    socket.serverSends('note:added', note);
    expect(useFloorStore().repCount).toBe(1);
    expect(useNotesStore().all).toHaveLength(1);

    socket.serverSends('session:ended', 'revoked');
    await vi.waitFor(() => expect(router.currentRoute.value.name).toBe('login'));
    expect(router.currentRoute.value.query).toEqual({ redirect: '/floor' });

    expect(socket.disconnected).toBe(true);
    expect(useFloorStore().loaded).toBe(false);
    expect(useFloorStore().repCount).toBe(0);
    expect(useNotesStore().all).toEqual([]);
    expect(useConnectionStore().connected).toBe(false);
    expect(socket.connects).toBe(1);
  });
});

describe('acknowledging a note', () => {
  beforeEach(() => {
    freshPinia();
  });

  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('goes over HTTP even with the live socket connected: the socket only receives', async () => {
    const socket = new FakeSocket();
    bindRealtime(socket.asSocket());
    socket.serverSends('connect');
    expect(useConnectionStore().connected).toBe(true);
    const calls = stubFetch({ 'POST /api/coaching-notes/n1/ack': json(200, { ...note, ackAt: 9 }) });
    const notes = useNotesStore();
    notes.onAdded(note);

    expect(await notes.acknowledge('n1')).toEqual({ ok: true, value: { ...note, ackAt: 9 } });
    expect(calls.map((c) => `${c.method} ${c.path}`)).toEqual(['POST /api/coaching-notes/n1/ack']);
    expect(socket.sent).toEqual([]);
    expect(notes.all[0]?.ackAt).toBe(9);
  });

  it('resolves with the server’s refusal, its status and reason, and changes nothing', async () => {
    stubFetch({ 'POST /api/coaching-notes/n1/ack': json(403, { error: 'only the rep acknowledges' }) });
    const notes = useNotesStore();
    notes.onAdded(note);

    expect(await notes.acknowledge('n1')).toEqual({ ok: false, status: 403, error: 'only the rep acknowledges' });
    expect(notes.all[0]?.ackAt).toBeNull();
  });
});
