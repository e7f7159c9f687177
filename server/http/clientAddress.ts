import type { IncomingMessage } from 'node:http';
import proxyaddr from 'proxy-addr';
import type { TrustProxy } from '../config';

/**
 * The client's address for throttles and caps. Behind nginx every TCP peer is the proxy, so with
 * `FLOORBOARD_TRUST_PROXY` set the address comes from X-Forwarded-For, read from the right and
 * only through hops we trust (express's `trust proxy` semantics, the same function express uses).
 * Unset, X-Forwarded-For is ignored: any client could write it.
 */
export interface ClientAddress {
  of(req: IncomingMessage): string;
  /** True when the TCP peer is a trusted proxy (its connections are not capped per address). */
  isProxy(peer: string): boolean;
  /** The value for express's `app.set('trust proxy', ...)`, so req.ip/req.secure agree with us. */
  expressSetting: boolean | number | string[];
}

export function createClientAddress(trust: TrustProxy): ClientAddress {
  if (trust === false) {
    return { of: (req) => req.socket.remoteAddress ?? 'unknown', isProxy: () => false, expressSetting: false };
  }
  const fn = typeof trust === 'number' ? (_addr: string, hop: number) => hop < trust : proxyaddr.compile(trust);
  return {
    of: (req) => (req.socket.remoteAddress ? proxyaddr(req as Parameters<typeof proxyaddr>[0], fn) : 'unknown'),
    // A hop count trusts whoever is next in line: every TCP peer is then a proxy.
    isProxy: (peer) => (typeof trust === 'number' ? trust > 0 : fn(peer, 0)),
    expressSetting: trust,
  };
}
