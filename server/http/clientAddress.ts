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
  /** The scheme the client used: X-Forwarded-Proto counts only when it comes from a trusted proxy. */
  scheme(req: IncomingMessage): 'http' | 'https';
  /** True when the TCP peer is a trusted proxy (its connections are not capped per address). */
  isProxy(peer: string): boolean;
  /** The value for express's `app.set('trust proxy', ...)`, so req.ip/req.secure agree with us. */
  expressSetting: boolean | number | string[];
}

const ownScheme = (req: IncomingMessage): 'http' | 'https' =>
  (req.socket as { encrypted?: boolean }).encrypted ? 'https' : 'http';

export function createClientAddress(trust: TrustProxy): ClientAddress {
  if (trust === false) {
    return {
      of: (req) => req.socket.remoteAddress ?? 'unknown',
      scheme: ownScheme,
      isProxy: () => false,
      expressSetting: false,
    };
  }
  const fn = typeof trust === 'number' ? (_addr: string, hop: number) => hop < trust : proxyaddr.compile(trust);
  const isProxy = (peer: string) => (typeof trust === 'number' ? trust > 0 : fn(peer, 0));
  return {
    scheme(req) {
      const peer = req.socket.remoteAddress;
      if (!peer || !isProxy(peer)) return ownScheme(req);
      // As express reads it: the first value the proxy sent.
      const forwarded = String(req.headers['x-forwarded-proto'] ?? '')
        .split(',')[0]
        ?.trim();
      return forwarded === 'https' ? 'https' : forwarded === 'http' ? 'http' : ownScheme(req);
    },
    of: (req) => (req.socket.remoteAddress ? proxyaddr(req as Parameters<typeof proxyaddr>[0], fn) : 'unknown'),
    // A hop count trusts whoever is next in line: every TCP peer is then a proxy.
    isProxy,
    expressSetting: trust,
  };
}
