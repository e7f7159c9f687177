import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import type { RouteLocationRaw } from 'vue-router';
import type { SessionEndReason } from '../../shared/contracts/socket';
import type { Viewer } from '../../shared/domain/viewer';
import * as authApi from '../api/auth';
import { DEFAULT_CURRENCY } from '../../shared/domain/money';

/** The four kinds of people (and screens) the app routes between. */
export type ViewerRole = 'kiosk' | 'supervisor' | 'lead' | 'rep';

export function roleOf(viewer: Viewer): ViewerRole {
  return viewer.kind === 'kiosk' ? 'kiosk' : viewer.role;
}

/** Each viewer's own page: where `/` leads and where a wrong turn ends. */
export function homeOf(viewer: Viewer): RouteLocationRaw {
  if (viewer.kind === 'kiosk' || viewer.role === 'supervisor') return { name: 'floor' };
  if (viewer.role === 'lead') return { name: 'team', params: { team: viewer.team } };
  return { name: 'me' };
}

/** Why a sign-in failed, for the login form to put in words. */
export type LoginFailure =
  | { kind: 'wrong' }
  | { kind: 'throttled'; retryAfterSeconds: number | null }
  | { kind: 'invalid'; reason: string }
  | { kind: 'network' }
  | { kind: 'other'; status: number; reason: string };

/** 'unknown' before the first check; 'unreachable' when the server could not answer it. */
export type SessionStatus = 'unknown' | 'signed-in' | 'signed-out' | 'unreachable';

/** How the last session ended without this browser asking, to tell the person on the login page. */
export interface SessionEnded {
  reason: SessionEndReason;
  /** A wallboard TV's link, rather than a person's sign-in. */
  kiosk: boolean;
}

/**
 * Who is signed in. The session itself is the httpOnly cookie: nothing here is a secret,
 * and nothing is kept in storage.
 */
export const useSessionStore = defineStore('session', () => {
  const viewer = shallowRef<Viewer | null>(null);
  const status = ref<SessionStatus>('unknown');
  const ended = ref<SessionEnded | null>(null);
  /** The floor's currency (ISO 4217), as the server told it with the session. */
  const currency = ref(DEFAULT_CURRENCY);
  let pending: Promise<SessionStatus> | null = null;

  const role = computed<ViewerRole | null>(() => (viewer.value ? roleOf(viewer.value) : null));
  const isKiosk = computed(() => role.value === 'kiosk');
  const isSupervisor = computed(() => role.value === 'supervisor');
  const isLead = computed(() => role.value === 'lead');
  const isRep = computed(() => role.value === 'rep');
  /** The lead's or rep's team, if any. */
  const team = computed(() => {
    const v = viewer.value;
    return v?.kind === 'user' && v.role !== 'supervisor' ? v.team : null;
  });
  const home = computed<RouteLocationRaw>(() => (viewer.value ? homeOf(viewer.value) : { name: 'login' }));
  const displayName = computed(() => {
    const v = viewer.value;
    if (!v) return '';
    return v.kind === 'kiosk' ? v.name : v.username;
  });

  /** Asks the server who we are; concurrent calls share one request. */
  function load(): Promise<SessionStatus> {
    pending ??= (async () => {
      const result = await authApi.fetchSession();
      if (result.ok) {
        // Nobody signed in is a 200 with no viewer (a 401 from an older server means the same).
        viewer.value = result.value.viewer;
        currency.value = result.value.currency;
        status.value = result.value.viewer ? 'signed-in' : 'signed-out';
      } else if (result.status === 401) {
        viewer.value = null;
        status.value = 'signed-out';
      } else {
        // The server is down or restarting: keep whoever we knew, and let the caller retry.
        status.value = viewer.value ? 'signed-in' : 'unreachable';
      }
      return status.value;
    })().finally(() => {
      pending = null;
    });
    return pending;
  }

  /** Loads once; afterwards the answer is cached until sign-in, sign-out or the session ends. */
  function ensureLoaded(): Promise<SessionStatus> {
    if (status.value === 'signed-in' || status.value === 'signed-out') return Promise.resolve(status.value);
    return load();
  }

  /** Signs in; on failure answers why (the server's words where it gave any). */
  async function login(username: string, password: string): Promise<LoginFailure | null> {
    const result = await authApi.login(username, password);
    if (!result.ok) {
      if (result.status === 0) return { kind: 'network' };
      if (result.status === 401) return { kind: 'wrong' };
      if (result.status === 429) return { kind: 'throttled', retryAfterSeconds: result.retryAfterSeconds ?? null };
      if (result.status === 400) return { kind: 'invalid', reason: result.error };
      return { kind: 'other', status: result.status, reason: result.error };
    }
    ended.value = null;
    const { user } = result.value;
    // The session route is the authority on the viewer (a lead's team, a rep's id); a check
    // already in flight was sent before the cookie existed, so ask afresh.
    if (pending) await pending;
    const loaded = await load();
    if (loaded === 'unreachable') {
      viewer.value = viewerFromUser(user);
      status.value = viewer.value ? 'signed-in' : 'unreachable';
    }
    if (viewer.value) return null;
    // Signed in, yet the next request carried no session: the browser refused the cookie.
    return { kind: 'other', status: 401, reason: 'the session cookie was not kept: allow cookies for this site' };
  }

  /**
   * Signs out on the server, then here; whoever watches `viewer` disconnects and routes to /login.
   * False when the server could not be reached: the cookie still works, so nothing changes.
   */
  async function logout(): Promise<boolean> {
    const result = await authApi.logout();
    if (!result.ok && result.status !== 401) return false;
    viewer.value = null;
    status.value = 'signed-out';
    // The person asked for it: no "you were signed out" notice, even if the socket said so first.
    ended.value = null;
    return true;
  }

  /** The server ended this session (socket `session:ended`, or a refused handshake). */
  function end(reason: SessionEndReason): void {
    if (!viewer.value) return;
    ended.value = { reason, kiosk: viewer.value.kind === 'kiosk' };
    viewer.value = null;
    status.value = 'signed-out';
  }

  function dismissEnded(): void {
    ended.value = null;
  }

  return {
    viewer,
    status,
    ended,
    currency,
    role,
    isKiosk,
    isSupervisor,
    isLead,
    isRep,
    team,
    home,
    displayName,
    load,
    ensureLoaded,
    login,
    logout,
    end,
    dismissEnded,
  };
});

function viewerFromUser(user: {
  username: string;
  role: 'supervisor' | 'lead' | 'rep';
  team: string | null;
  rep: string | null;
}): Viewer | null {
  if (user.role === 'supervisor') return { kind: 'user', username: user.username, role: 'supervisor' };
  if (user.role === 'lead')
    return user.team ? { kind: 'user', username: user.username, role: 'lead', team: user.team } : null;
  return user.rep ? { kind: 'user', username: user.username, role: 'rep', rep: user.rep, team: user.team } : null;
}
