import type { IncomingMessage } from 'node:http';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP } from 'node:net';
import {
  addressProblem,
  bareHost,
  BlockedAddressError,
  guardedLookup,
  systemResolve,
  type Resolve,
} from './addressCheck';
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

/** The usual connection failures in words (the admin screen shows them); others as their code. */
const CONNECT_ERRORS: Record<string, string> = {
  ECONNREFUSED: 'the connection was refused',
  ECONNRESET: 'the connection was reset',
  ENOTFOUND: 'no such host',
  EAI_AGAIN: 'the host name could not be resolved now',
  EHOSTUNREACH: 'the host is unreachable',
  ENETUNREACH: 'the network is unreachable',
  ETIMEDOUT: 'the connection timed out',
  CERT_HAS_EXPIRED: 'its TLS certificate has expired',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'its TLS certificate is self-signed',
  SELF_SIGNED_CERT_IN_CHAIN: 'its TLS certificate is not from a trusted authority',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'its TLS certificate is not from a trusted authority',
  ERR_TLS_CERT_ALTNAME_INVALID: 'its TLS certificate is for another host',
};

/** How a delivery reaches its host: the resolver, and whether private addresses are allowed. */
export interface DeliveryReach {
  allowPrivate: boolean;
  resolve: Resolve;
}

export const PUBLIC_ONLY: DeliveryReach = { allowPrivate: false, resolve: systemResolve };

/**
 * Sends one request; resolves with null when delivered (2xx), else with the error in plain words.
 * The host is checked again here (DNS can change after the target was saved): an IP literal by
 * itself, a name by the connection's own lookup, which refuses a blocked address and connects to
 * the address it checked.
 */
export async function deliver(
  request: VendorRequest,
  limits: DeliveryLimits,
  reach: DeliveryReach = PUBLIC_ONLY,
): Promise<{ error: string | null; body: string }> {
  const url = new URL(request.url);
  const host = bareHost(url.hostname);
  if (!reach.allowPrivate && isIP(host)) {
    const problem = addressProblem(host, host);
    if (problem) return { error: problem, body: '' };
  }
  const signal = AbortSignal.timeout(limits.timeoutMs);
  const send = url.protocol === 'http:' ? httpRequest : httpsRequest;
  let res: IncomingMessage;
  try {
    res = await new Promise<IncomingMessage>((resolve, reject) => {
      const req = send(
        url,
        {
          method: 'POST',
          headers: { ...request.headers, 'content-length': String(Buffer.byteLength(request.body)) },
          lookup: guardedLookup(reach.resolve, reach.allowPrivate),
          agent: false,
          signal,
        },
        resolve,
      );
      req.on('error', reject);
      req.end(request.body);
    });
  } catch (error) {
    if (signal.aborted) return { error: `no answer within ${limits.timeoutMs / 1000} s`, body: '' };
    if (error instanceof BlockedAddressError) return { error: error.message, body: '' };
    const { code, message } = error as { code?: string; message?: string };
    const words = (code && CONNECT_ERRORS[code]) ?? code ?? message ?? String(error);
    return { error: `could not connect: ${words}`.slice(0, 300), body: '' };
  }
  let body: string;
  try {
    body = await readLimited(res, limits.maxResponseBytes);
  } catch (error) {
    return { error: signal.aborted ? 'the answer did not finish in time' : String(error), body: '' };
  }
  const status = res.statusCode ?? 0;
  if (status >= 300 && status < 400) return { error: `HTTP ${status}: redirects are not followed`, body };
  if (status < 200 || status >= 300) return { error: `HTTP ${status}`, body };
  return { error: null, body };
}

/** The answer's text, cut at `max` bytes (the rest is not read: the connection is closed). */
async function readLimited(res: IncomingMessage, max: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of res as AsyncIterable<Buffer>) {
      chunks.push(chunk);
      size += chunk.byteLength;
      if (size >= max) break;
    }
  } finally {
    res.destroy();
  }
  return Buffer.concat(chunks).subarray(0, max).toString('utf8');
}
