import type { ErrorResponse } from '../../shared/contracts/http';

/**
 * Outcome of an API call: the body, or the server's reason with its status (0 = network).
 * A throttled call (429) also says how many seconds to wait, from its Retry-After header.
 */
export type ApiResult<T> =
  { ok: true; value: T } | { ok: false; status: number; error: string; retryAfterSeconds?: number };

/** Seconds from a Retry-After header (delta-seconds or an HTTP date), or undefined. */
export function retryAfterSeconds(header: string | null, now: number = Date.now()): number | undefined {
  if (header === null || header.trim() === '') return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, Math.ceil(seconds));
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - now) / 1000));
}

/**
 * Same-origin JSON requests; the httpOnly session cookie goes along, so no token is ever in
 * page scripts. Every call resolves (never throws) so views can show the reason.
 */
export async function request<T>(
  method: 'GET' | 'POST' | 'PUT' | 'DELETE',
  path: string,
  body?: unknown,
): Promise<ApiResult<T>> {
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    return { ok: false, status: 0, error: 'network unreachable' };
  }
  if (res.status === 204) return { ok: true, value: undefined as T };
  let parsed: unknown = null;
  try {
    parsed = await res.json();
  } catch {
    // an empty or non-JSON body: the status speaks for itself
  }
  if (res.ok) return { ok: true, value: parsed as T };
  const error = (parsed as ErrorResponse | null)?.error ?? `request failed (${res.status})`;
  const wait = retryAfterSeconds(res.headers.get('retry-after'));
  return wait === undefined
    ? { ok: false, status: res.status, error }
    : { ok: false, status: res.status, error, retryAfterSeconds: wait };
}

export const api = {
  get: <T>(path: string) => request<T>('GET', path),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, body ?? {}),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, body),
  delete: <T = void>(path: string) => request<T>('DELETE', path),
};
