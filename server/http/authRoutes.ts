import express, { type Request, type Response } from 'express';
import type { LoginResponse, SessionResponse } from '../../shared/contracts/http';
import { loginSchema } from '../../shared/domain/viewer';
import type { Clock } from '../../shared/time';
import type { AccountRepo } from '../redis/accountRepo';
import type { LoginThrottle } from '../accounts/loginBackoff';
import { HashersBusy } from '../accounts/passwords';
import type { SessionRepo } from '../redis/sessionRepo';
import type { Authenticate } from '../auth/authenticate';
import { originAllowed, readCookie, SESSION_COOKIE } from '../auth/requestToken';
import type { Bus } from '../bus/busMessage';
import { authOf, lookUpViewer, maybeAuthOf, requireViewer } from './requireViewer';
import { firstIssue, sendError } from './validate';
import type { ClientAddress } from './clientAddress';
import type { Log } from '../log';

const KIOSK_COOKIE_MAX_AGE_MS = 365 * 24 * 3600 * 1000;

export interface AuthRouteDeps {
  accounts: AccountRepo;
  sessions: SessionRepo;
  throttle: LoginThrottle;
  authenticate: Authenticate;
  allowedOrigins: readonly string[];
  bus: Bus;
  clock: Clock;
  sessionTtlMs: number;
  /** The floor's currency, told to every client with the session. */
  currency: string;
  clientAddress: ClientAddress;
  log: Log;
}

function setSessionCookie(req: Request, res: Response, token: string, maxAge: number): void {
  res.cookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'strict', secure: req.secure, path: '/', maxAge });
}

/** Log-in, log-out, "who am I", and the wallboard link a TV opens once. */
export function createAuthRoutes(deps: AuthRouteDeps): express.Router {
  const router = express.Router();
  const signedIn = requireViewer(deps.authenticate, deps.allowedOrigins);
  const maybeSignedIn = lookUpViewer(deps.authenticate, deps.allowedOrigins);
  const log = deps.log.child('auth');

  router.post('/api/auth/login', async (req, res) => {
    const parsed = loginSchema.safeParse(req.body);
    if (!parsed.success) return sendError(res, 400, firstIssue(parsed.error));
    const { username, password } = parsed.data;
    const address = deps.clientAddress.of(req);
    // The attempt is counted before the password is checked: parallel guesses cannot overrun it.
    const verdict = await deps.throttle.take(username, address, deps.clock());
    if (!verdict.allowed) {
      log.warn('log-in throttled', { username, address, by: verdict.by, retryAfterMs: verdict.retryAfterMs });
      res.setHeader('Retry-After', String(Math.ceil(verdict.retryAfterMs / 1000)));
      return sendError(res, 429, 'too many failed log-ins: wait and try again');
    }
    let user;
    try {
      user = await deps.accounts.verify(username, password);
    } catch (error) {
      if (!(error instanceof HashersBusy)) throw error;
      log.warn('log-in refused: password checks busy', { username, address });
      res.setHeader('Retry-After', '1');
      return sendError(res, 503, 'too many log-ins at once: try again in a moment');
    }
    if (!user) {
      log.warn('log-in failed', { username, address });
      return sendError(res, 401, 'wrong username or password');
    }
    await deps.throttle.succeeded(username, address);
    log.info('logged in', { username: user.username, address });
    const { token } = await deps.sessions.create(user.username, deps.clock());
    setSessionCookie(req, res, token, deps.sessionTtlMs);
    res.json({ token, user } satisfies LoginResponse);
  });

  router.post('/api/auth/logout', signedIn, async (_req, res) => {
    const { key, viewer } = authOf(res);
    if (viewer.kind === 'user') {
      log.info('logged out', { username: viewer.username });
      await deps.sessions.revoke(key);
      await deps.bus.publish({ type: 'sessions:ended', keys: [key], reason: 'logged_out' });
    }
    res.clearCookie(SESSION_COOKIE, { path: '/' });
    res.status(204).end();
  });

  // Signed out is an answer here, not an error: a 401 would be logged by every browser that opens /login.
  router.get('/api/auth/session', maybeSignedIn, (_req, res) => {
    res.json({ viewer: maybeAuthOf(res)?.viewer ?? null, currency: deps.currency } satisfies SessionResponse);
  });

  // A TV opens its wallboard link once; the token moves into an httpOnly cookie and out of the
  // address bar. A browser where a person is signed in asks first (409 and a button) instead of
  // silently turning their session into a wallboard's.
  router.get('/wallboard/:token', async (req, res) => {
    if (!(await isWallboard(req.params.token))) return unknownLink(res);
    const current = await deps.authenticate(readCookie(req.headers.cookie, SESSION_COOKIE));
    if (current?.viewer.kind === 'user') {
      res.status(409).type('html').send(confirmPage(current.viewer.username, req.params.token));
      return;
    }
    setSessionCookie(req, res, req.params.token, KIOSK_COOKIE_MAX_AGE_MS);
    res.redirect(302, '/');
  });

  // The confirmation: the person's session in this browser ends, the wallboard's begins.
  router.post('/wallboard/:token', async (req, res) => {
    const own = { scheme: req.protocol === 'https' ? 'https' : 'http', host: req.headers.host } as const;
    if (!originAllowed(req.headers.origin, own, deps.allowedOrigins)) return sendError(res, 403, 'origin not allowed');
    if (!(await isWallboard(req.params.token))) return unknownLink(res);
    const current = await deps.authenticate(readCookie(req.headers.cookie, SESSION_COOKIE));
    if (current?.viewer.kind === 'user') {
      log.info('signed out for a wallboard link', { username: current.viewer.username });
      await deps.sessions.revoke(current.key);
      await deps.bus.publish({ type: 'sessions:ended', keys: [current.key], reason: 'logged_out' });
    }
    setSessionCookie(req, res, req.params.token, KIOSK_COOKIE_MAX_AGE_MS);
    res.redirect(303, '/');
  });

  async function isWallboard(token: string): Promise<boolean> {
    return (await deps.authenticate(token))?.viewer.kind === 'kiosk';
  }
  function unknownLink(res: Response): void {
    res.status(401).type('text/plain').send('Unknown or revoked wallboard link.');
  }

  return router;
}

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** A plain page (no script, no inline style: the CSP allows neither) asking before a sign-out. */
function confirmPage(username: string, token: string): string {
  const action = `/wallboard/${encodeURIComponent(token)}`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Wallboard link</title></head>
<body>
<h1>Use this browser as a wallboard?</h1>
<p>This browser is signed in as <strong>${escapeHtml(username)}</strong>. Opening the wallboard link here signs
${escapeHtml(username)} out of it and shows the wall instead.</p>
<form method="post" action="${escapeHtml(action)}"><button type="submit">Sign out and show the wallboard</button></form>
<p><a href="/">Stay signed in</a></p>
</body></html>
`;
}
