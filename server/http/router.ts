import { existsSync } from 'node:fs';
import { join } from 'node:path';
import express, { type Request, type Router } from 'express';
import type { ErrorResponse, FloorResponse, HealthResponse } from '../../shared/contracts/http';
import type { FloorSettings, Health, Viewer } from '../../shared/contracts/socket';
import type { StreamId } from '../../shared/streamId';
import type { Clock } from '../../shared/time';
import type { Authenticate } from '../auth/wallboardAuth';
import { SESSION_COOKIE, originAllowed, tokenFromHeaders } from '../auth/requestToken';
import type { FloorService } from '../floor/floorService';

export interface HttpDeps {
  floor: FloorService;
  authenticate: Authenticate;
  allowedOrigins: readonly string[];
  settings: FloorSettings;
  health: () => Promise<Health>;
  cursor: () => StreamId | null;
  clock: Clock;
  clientDir: string | null;
}

const WALLBOARD_COOKIE_MAX_AGE_MS = 30 * 24 * 3600 * 1000;

function error(message: string): ErrorResponse {
  return { error: message };
}

export function createHttpRouter(deps: HttpDeps): Router {
  const router = express.Router();

  // Liveness for load balancers, which cannot sign in; it reveals no floor data.
  router.get('/healthz', async (_req, res) => {
    const health = await deps.health();
    const body: HealthResponse = {
      ...health,
      status: health.redis === 'up' && !health.stale ? 'ok' : 'degraded',
      cursor: deps.cursor(),
      serverNow: deps.clock(),
    };
    res.status(health.redis === 'up' ? 200 : 503).json(body);
  });

  // A TV opens its wallboard link once; the token moves into an httpOnly cookie and out of the address bar.
  router.get('/wallboard/:token', (req, res) => {
    const token = req.params.token;
    if (!deps.authenticate(token)) {
      res.status(401).type('text/plain').send('Unknown or revoked wallboard link.');
      return;
    }
    res.cookie(SESSION_COOKIE, token, {
      httpOnly: true,
      sameSite: 'strict',
      secure: req.secure,
      path: '/',
      maxAge: WALLBOARD_COOKIE_MAX_AGE_MS,
    });
    res.redirect(302, '/');
  });

  const api = express.Router();
  api.use((req, res, next) => {
    if (!originAllowed(req.headers.origin, req.headers.host, deps.allowedOrigins)) {
      res.status(403).json(error('origin not allowed'));
      return;
    }
    const viewer = deps.authenticate(tokenFromHeaders(req.headers));
    if (!viewer) {
      res.status(401).json(error('authentication required: sign in or open a wallboard link'));
      return;
    }
    res.locals.viewer = viewer satisfies Viewer;
    next();
  });
  api.get('/floor', (_req, res) => {
    const body: FloorResponse = {
      ...deps.floor.view(),
      cursor: deps.cursor(),
      serverNow: deps.clock(),
      settings: deps.settings,
    };
    res.json(body);
  });
  api.use((req: Request, res) => {
    res.status(404).json(error(`no such route: ${req.method} ${req.path}`));
  });
  router.use('/api', api);

  if (deps.clientDir && existsSync(join(deps.clientDir, 'index.html'))) {
    const index = join(deps.clientDir, 'index.html');
    router.use(express.static(deps.clientDir, { index: false, maxAge: '1h' }));
    router.get(/^\/(?!api\/|socket\.io\/).*/, (_req, res) => res.sendFile(index, { maxAge: 0 }));
  }
  return router;
}
