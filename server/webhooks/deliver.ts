import type { VendorRequest } from './vendors';

/** Limits of one delivery: it never waits long, never follows a redirect, never reads much. */
export interface DeliveryLimits {
  timeoutMs: number;
  maxResponseBytes: number;
}

export const DEFAULT_LIMITS: DeliveryLimits = { timeoutMs: 10_000, maxResponseBytes: 64 * 1024 };

/**
 * A webhook URL the server may call: https only, no user:password; plain http only to the loopback
 * address when `allowLocalHttp` (FLOORBOARD_WEBHOOK_ALLOW_LOCAL_HTTP, the demo and tests). Returns the
 * reason when it may not.
 */
export function webhookUrlProblem(raw: string, allowLocalHttp: boolean): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'url: not a URL';
  }
  if (url.username || url.password) return 'url: must not carry a user name or password';
  if (url.hash) return 'url: must not have a #fragment';
  if (url.protocol === 'https:') return null;
  if (url.protocol === 'http:' && allowLocalHttp && ['127.0.0.1', '[::1]', 'localhost'].includes(url.hostname))
    return null;
  return allowLocalHttp ? 'url: must be https:// (or http://127.0.0.1)' : 'url: must be https://';
}

/** Sends one request; resolves with null when delivered (2xx), else with the error in plain words. */
export async function deliver(
  request: VendorRequest,
  limits: DeliveryLimits,
): Promise<{ error: string | null; body: string }> {
  const signal = AbortSignal.timeout(limits.timeoutMs);
  let res: Response;
  try {
    res = await fetch(request.url, {
      method: 'POST',
      headers: request.headers,
      body: request.body,
      redirect: 'manual',
      signal,
    });
  } catch (error) {
    const name = (error as { name?: string }).name;
    if (name === 'TimeoutError' || name === 'AbortError')
      return { error: `no answer within ${limits.timeoutMs / 1000} s`, body: '' };
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    return { error: `could not connect: ${cause?.code ?? cause?.message ?? String(error)}`.slice(0, 300), body: '' };
  }
  let body: string;
  try {
    body = await readLimited(res, limits.maxResponseBytes, signal);
  } catch (error) {
    const name = (error as { name?: string }).name;
    return {
      error: name === 'TimeoutError' || name === 'AbortError' ? 'the answer did not finish in time' : String(error),
      body: '',
    };
  }
  if (res.status >= 300 && res.status < 400) return { error: `HTTP ${res.status}: redirects are not followed`, body };
  if (res.status < 200 || res.status >= 300) return { error: `HTTP ${res.status}`, body };
  return { error: null, body };
}

/** The answer's text, cut at `max` bytes (the rest is not read). */
async function readLimited(res: Response, max: number, signal: AbortSignal): Promise<string> {
  if (!res.body) return '';
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    while (size < max) {
      if (signal.aborted) throw signal.reason;
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      size += value.byteLength;
    }
  } finally {
    void reader.cancel().catch(() => {});
  }
  return Buffer.concat(chunks).subarray(0, max).toString('utf8');
}
