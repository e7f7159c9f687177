import type { z } from 'zod';
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

/** Status of a success whose body is not what the contract says: something answered in the wrong shape. */
export const BAD_ANSWER_STATUS = 502;

/**
 * Same-origin JSON requests; the httpOnly session cookie goes along, so no token is ever in
 * page scripts. Every call resolves (never throws) so views can show the reason. With a schema,
 * a success body is checked against it, and one that does not fit resolves as a 502 failure.
 * Only the typed functions of client/api/ call this: stores and components call those.
 */
export async function request<T>(
  method: 'GET' | 'POST' | 'PUT' | 'DELETE',
  path: string,
  body?: unknown,
  schema?: z.ZodType<T>,
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
  if (res.ok && schema) {
    const checked = schema.safeParse(parsed);
    return checked.success
      ? { ok: true, value: checked.data }
      : { ok: false, status: BAD_ANSWER_STATUS, error: `unexpected answer from the server (${path})` };
  }
  if (res.ok) return { ok: true, value: parsed as T };
  const error = (parsed as ErrorResponse | null)?.error ?? `request failed (${res.status})`;
  const wait = retryAfterSeconds(res.headers.get('retry-after'));
  return wait === undefined
    ? { ok: false, status: res.status, error }
    : { ok: false, status: res.status, error, retryAfterSeconds: wait };
}

export const api = {
  get: <T>(path: string, schema?: z.ZodType<T>) => request<T>('GET', path, undefined, schema),
  post: <T>(path: string, body?: unknown, schema?: z.ZodType<T>) => request<T>('POST', path, body ?? {}, schema),
  put: <T>(path: string, body: unknown, schema?: z.ZodType<T>) => request<T>('PUT', path, body, schema),
  delete: <T = void>(path: string) => request<T>('DELETE', path),
};

/** "?a=1&b=2" from the entries that have a value (not null, undefined or ""), or "" when none do. */
export function queryString(params: Record<string, string | null | undefined>): string {
  const defined = Object.entries(params).filter(
    (entry): entry is [string, string] => typeof entry[1] === 'string' && entry[1] !== '',
  );
  return defined.length === 0
    ? ''
    : `?${defined.map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(value)}`).join('&')}`;
}
