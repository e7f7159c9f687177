import { createRouter, createWebHistory } from 'vue-router';
import type { RouteLocationNormalized, RouteLocationRaw, RouterHistory } from 'vue-router';
import type { Viewer } from '../shared/domain/viewer';
import { homeOf, roleOf, useSessionStore } from './stores/session';
import type { ViewerRole } from './stores/session';
import FloorWallboardView from './views/FloorWallboardView.vue';
import LoginView from './views/LoginView.vue';

declare module 'vue-router' {
  interface RouteMeta {
    /** Who may open the page; everyone else is sent to their own page. */
    roles?: readonly ViewerRole[];
    /** Open without a session (the login page). */
    public?: boolean;
    /** The page shows its own connection banner and language switch (the TV floor). */
    ownChrome?: boolean;
    /** No app bar at all, for anyone (TV mode). */
    bare?: boolean;
  }
}

/** Where a viewer (or nobody) may go; true, or where to go instead. */
export function routeFor(to: RouteLocationNormalized, viewer: Viewer | null): true | RouteLocationRaw {
  if (to.meta.public) return viewer && to.name === 'login' ? homeOf(viewer) : true;
  if (!viewer) {
    const redirect = to.name === 'home' ? undefined : to.fullPath;
    return { name: 'login', query: redirect ? { redirect } : {} };
  }
  if (to.name === 'home') return homeOf(viewer);
  const roles = to.meta.roles;
  if (roles && !roles.includes(roleOf(viewer))) return homeOf(viewer);
  // A lead has one console: their own team's.
  if (to.name === 'team' && viewer.kind === 'user' && viewer.role === 'lead' && to.params.team !== viewer.team)
    return homeOf(viewer);
  return true;
}

const Nothing = { render: () => null };

/** The app's pages. The server enforces who sees what; this only routes sensibly. */
export function createAppRouter(history: RouterHistory = createWebHistory()) {
  const router = createRouter({
    history,
    routes: [
      { path: '/', name: 'home', component: Nothing },
      { path: '/login', name: 'login', component: LoginView, meta: { public: true } },
      {
        path: '/floor',
        name: 'floor',
        component: FloorWallboardView,
        meta: { roles: ['kiosk', 'supervisor'], ownChrome: true },
      },
      {
        path: '/tv',
        name: 'tv',
        component: () => import('./views/TvView.vue'),
        meta: { roles: ['kiosk', 'supervisor'], ownChrome: true, bare: true },
      },
      {
        path: '/trends',
        name: 'trends',
        component: () => import('./views/TrendsView.vue'),
        meta: { roles: ['supervisor'] },
      },
      {
        path: '/team/:team',
        name: 'team',
        component: () => import('./views/TeamConsoleView.vue'),
        props: true,
        meta: { roles: ['supervisor', 'lead'] },
      },
      {
        path: '/campaigns',
        name: 'campaigns',
        component: () => import('./views/CampaignsView.vue'),
        meta: { roles: ['supervisor', 'lead'] },
      },
      {
        path: '/feedback',
        name: 'feedback',
        component: () => import('./views/FeedbackView.vue'),
        meta: { roles: ['supervisor', 'lead'] },
      },
      {
        path: '/handoffs',
        name: 'handoffs',
        component: () => import('./views/HandoffsView.vue'),
        meta: { roles: ['supervisor', 'lead'] },
      },
      {
        path: '/replay',
        name: 'replay',
        component: () => import('./views/ReplayView.vue'),
        meta: { roles: ['supervisor', 'lead'] },
      },
      {
        path: '/review',
        name: 'review',
        component: () => import('./views/ReviewView.vue'),
        meta: { roles: ['supervisor', 'lead', 'rep'] },
      },
      { path: '/me', name: 'me', component: () => import('./views/MyProgressView.vue'), meta: { roles: ['rep'] } },
      {
        path: '/admin',
        name: 'admin',
        component: () => import('./views/AdminView.vue'),
        meta: { roles: ['supervisor'] },
      },
      { path: '/:unknown(.*)*', redirect: '/' },
    ],
  });

  router.beforeEach(async (to) => {
    const session = useSessionStore();
    await session.ensureLoaded();
    return routeFor(to, session.viewer);
  });

  return router;
}
