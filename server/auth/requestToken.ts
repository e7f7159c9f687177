/** The httpOnly cookie that carries a browser's token (never readable by page scripts). */
export const SESSION_COOKIE = 'fb_session';

/** Token from `Authorization: Bearer`, else from the session cookie; never from the URL. */
export function tokenFromHeaders(headers: {
  authorization?: string | undefined;
  cookie?: string | undefined;
}): string | undefined {
  const bearer = /^Bearer\s+(\S+)$/i.exec(headers.authorization ?? '');
  if (bearer) return bearer[1];
  return readCookie(headers.cookie, SESSION_COOKIE);
}

export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) {
      try {
        return decodeURIComponent(part.slice(eq + 1).trim());
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

/**
 * True when a browser's Origin may talk to us: our own origin (scheme, host and port, as the
 * request reached us), or one listed in the allowlist. A page on http://floor must not drive
 * https://floor, nor one on another port of the same host.
 */
export function originAllowed(
  origin: string | undefined,
  own: { scheme: 'http' | 'https'; host: string | undefined },
  allowlist: readonly string[],
): boolean {
  if (!origin) return true; // not a browser cross-site request (curl, dialer adapters, tests)
  if (!own.host) return false;
  try {
    const presented = new URL(origin).origin;
    if (allowlist.some((allowed) => new URL(allowed).origin === presented)) return true;
    // URL drops default ports (https://floor:443 is https://floor), on both sides alike.
    return presented === new URL(`${own.scheme}://${own.host}`).origin;
  } catch {
    return false;
  }
}
