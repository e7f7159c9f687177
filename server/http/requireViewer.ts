import type { RequestHandler, Response } from 'express';
import type { Viewer } from '../../shared/domain/viewer';
import type { Authenticate, Authenticated } from '../auth/authenticate';
import { originAllowed, tokenFromHeaders } from '../auth/requestToken';
import { sendError } from './validate';

/** Rejects a foreign browser Origin (403) and a missing or unknown token (401). */
export function requireViewer(authenticate: Authenticate, allowedOrigins: readonly string[]): RequestHandler {
  return checkViewer(authenticate, allowedOrigins, true);
}

/**
 * Rejects a foreign browser Origin (403) only: a missing or unknown token leaves no viewer
 * (`maybeAuthOf` null), for "who am I" where signed out is an answer, not an error.
 */
export function lookUpViewer(authenticate: Authenticate, allowedOrigins: readonly string[]): RequestHandler {
  return checkViewer(authenticate, allowedOrigins, false);
}

function checkViewer(authenticate: Authenticate, allowedOrigins: readonly string[], required: boolean): RequestHandler {
  return (req, res, next) => {
    // req.protocol follows X-Forwarded-Proto only from a trusted proxy (express `trust proxy`).
    const own = { scheme: req.protocol === 'https' ? 'https' : 'http', host: req.headers.host } as const;
    if (!originAllowed(req.headers.origin, own, allowedOrigins)) {
      sendError(res, 403, 'origin not allowed');
      return;
    }
    authenticate(tokenFromHeaders(req.headers)).then((found) => {
      if (!found && required) return sendError(res, 401, 'authentication required: sign in or open a wallboard link');
      res.locals.auth = found ?? null;
      next();
    }, next);
  };
}

export function authOf(res: Response): Authenticated {
  return res.locals.auth as Authenticated;
}

/** The caller after lookUpViewer: null when nobody is signed in. */
export function maybeAuthOf(res: Response): Authenticated | null {
  return (res.locals.auth as Authenticated | null | undefined) ?? null;
}

export function viewerOf(res: Response): Viewer {
  return authOf(res).viewer;
}

/** Who acted, for log lines: a username or a wallboard's name (never a token). */
export function viewerName(viewer: Viewer): string {
  return viewer.kind === 'user' ? viewer.username : `wallboard ${viewer.name}`;
}
