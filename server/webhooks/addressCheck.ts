import { lookup as dnsLookup } from 'node:dns/promises';
import { BlockList, isIP, type LookupFunction } from 'node:net';

/**
 * Chat-app webhooks reach public addresses only (issue #17's "no private-address block"): a URL
 * whose host is, or resolves to, a loopback, private (RFC 1918), link-local, unique-local, CGNAT,
 * unspecified, multicast or reserved address is refused when saved and again when sent (DNS can
 * change between the two: the send resolves, checks every address and connects to the one checked).
 * FLOORBOARD_WEBHOOK_ALLOW_PRIVATE=1 lifts the block (the demo's and the tests' local receivers).
 */

export interface ResolvedAddress {
  address: string;
  family: number;
}
/** Every address of a host name (the system resolver, as connections use it). */
export type Resolve = (host: string) => Promise<readonly ResolvedAddress[]>;

export const systemResolve: Resolve = (host) => dnsLookup(host, { all: true, verbatim: true });

const RANGES: readonly [string, number, 'ipv4' | 'ipv6', string][] = [
  ['0.0.0.0', 8, 'ipv4', 'an unspecified'],
  ['127.0.0.0', 8, 'ipv4', 'a loopback'],
  ['10.0.0.0', 8, 'ipv4', 'a private'],
  ['172.16.0.0', 12, 'ipv4', 'a private'],
  ['192.168.0.0', 16, 'ipv4', 'a private'],
  ['169.254.0.0', 16, 'ipv4', 'a link-local'],
  ['100.64.0.0', 10, 'ipv4', 'a shared (CGNAT)'],
  ['192.0.0.0', 24, 'ipv4', 'a reserved'],
  ['198.18.0.0', 15, 'ipv4', 'a reserved'],
  ['224.0.0.0', 4, 'ipv4', 'a multicast'],
  ['240.0.0.0', 4, 'ipv4', 'a reserved'],
  ['::', 128, 'ipv6', 'an unspecified'],
  ['::1', 128, 'ipv6', 'a loopback'],
  ['fe80::', 10, 'ipv6', 'a link-local'],
  ['fec0::', 10, 'ipv6', 'a private'],
  ['fc00::', 7, 'ipv6', 'a unique-local'],
  ['ff00::', 8, 'ipv6', 'a multicast'],
];
const LISTS = RANGES.map(([net, prefix, type, kind]) => {
  const list = new BlockList();
  list.addSubnet(net, prefix, type);
  return { list, kind };
});

/** The 8 groups of an IPv6 address (`::` expanded, a dotted IPv4 tail converted). */
function groupsOf(ip: string): number[] {
  let text = ip.toLowerCase();
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = dotted[1]!.split('.').map(Number) as [number, number, number, number];
    text = `${text.slice(0, -dotted[1]!.length)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.split('::') as [string, string | undefined];
  const part = (s: string) => (s === '' ? [] : s.split(':').map((g) => parseInt(g, 16)));
  const [h, t] = [part(head), part(tail ?? '')];
  return tail === undefined ? h : [...h, ...Array<number>(8 - h.length - t.length).fill(0), ...t];
}

/** An IPv4 address carried inside an IPv6 one (mapped, compatible, NAT64, 6to4), else null. */
function embeddedIpv4(ip: string): string | null {
  const g = groupsOf(ip);
  const v4 = (hi: number, lo: number) => `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
  const zeros = (n: number) => g.slice(0, n).every((x) => x === 0);
  if (zeros(5) && (g[5] === 0xffff || g[5] === 0) && !(g[5] === 0 && g[6] === 0)) return v4(g[6]!, g[7]!);
  if (g[0] === 0x64 && g[1] === 0xff9b && g.slice(2, 6).every((x) => x === 0)) return v4(g[6]!, g[7]!);
  if (g[0] === 0x2002) return v4(g[1]!, g[2]!);
  return null;
}

/** What kind of non-public address `ip` is ("a loopback", …), or null for a public one. */
export function blockedKind(ip: string): string | null {
  const family = isIP(ip);
  if (family === 0) return 'an unparsable';
  const type = family === 4 ? 'ipv4' : 'ipv6';
  for (const { list, kind } of LISTS) if (list.check(ip, type)) return kind;
  const inner = family === 6 ? embeddedIpv4(ip) : null;
  return inner === null ? null : blockedKind(inner);
}

const PUBLIC_ONLY = 'chat apps are reached on public addresses only';
/** When saving: how to allow them (not in a send's error: the admin table's cells stay narrow). */
export const ALLOW_HINT = ' (FLOORBOARD_WEBHOOK_ALLOW_PRIVATE=1 allows others)';

/** A URL's host without the brackets of an IPv6 literal. */
export const bareHost = (hostname: string) => hostname.replace(/^\[(.*)\]$/, '$1');

/** The problem with one address of `host`, in words, or null. */
export function addressProblem(host: string, address: string): string | null {
  const kind = blockedKind(address);
  if (kind === null) return null;
  return host === address
    ? `url: ${address} is ${kind} address: ${PUBLIC_ONLY}`
    : `url: ${host} resolves to ${address}, ${kind} address: ${PUBLIC_ONLY}`;
}

/**
 * Checks a URL host when a target is saved: an IP literal by itself, a name by every address it
 * resolves to. A name that does not resolve (yet) is not refused here: the send checks again.
 */
export async function hostProblem(hostname: string, resolve: Resolve, timeoutMs = 5000): Promise<string | null> {
  const host = bareHost(hostname);
  const problem = await firstProblem(host, resolve, timeoutMs);
  return problem === null ? null : problem + ALLOW_HINT;
}

async function firstProblem(host: string, resolve: Resolve, timeoutMs: number): Promise<string | null> {
  if (isIP(host)) return addressProblem(host, host);
  let addresses: readonly ResolvedAddress[];
  try {
    addresses = await Promise.race([
      resolve(host),
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timeout')), timeoutMs).unref()),
    ]);
  } catch {
    return null;
  }
  for (const { address } of addresses) {
    const problem = addressProblem(host, address);
    if (problem) return problem;
  }
  return null;
}

/** An error that refuses a connection for its address (its message is the reason, in words). */
export class BlockedAddressError extends Error {
  readonly code = 'EBLOCKEDADDRESS';
}

/**
 * The `lookup` a connection uses: resolves the name, refuses it when any address is blocked
 * (unless allowed), and hands the checked addresses to the connection, so it connects to one of them.
 */
export function guardedLookup(resolve: Resolve, allowPrivate: boolean): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname).then(
      (found) => {
        const family = options.family === 4 || options.family === 6 ? options.family : 0;
        const addresses = found.filter((a) => family === 0 || a.family === family);
        if (addresses.length === 0) {
          const error = Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
          return callback(error, '', 0);
        }
        if (!allowPrivate)
          for (const { address } of addresses) {
            const problem = addressProblem(hostname, address);
            if (problem) return callback(new BlockedAddressError(problem), '', 0);
          }
        if (options.all) return (callback as unknown as (e: null, a: ResolvedAddress[]) => void)(null, [...addresses]);
        callback(null, addresses[0]!.address, addresses[0]!.family);
      },
      (error: NodeJS.ErrnoException) => callback(error, '', 0),
    );
  };
}
