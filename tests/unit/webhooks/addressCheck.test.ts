import { describe, expect, it } from 'vitest';
import { blockedKind, hostProblem } from '../../../server/webhooks/addressCheck';

/** The private-address block of chat-app webhooks: which addresses are not public. */
describe('blockedKind', () => {
  it.each([
    ['127.0.0.1', 'a loopback'],
    ['127.255.255.254', 'a loopback'],
    ['10.255.0.1', 'a private'],
    ['172.31.255.255', 'a private'],
    ['192.168.100.1', 'a private'],
    ['169.254.169.254', 'a link-local'],
    ['100.127.255.255', 'a shared (CGNAT)'],
    ['0.0.0.0', 'an unspecified'],
    ['255.255.255.255', 'a reserved'],
    ['224.0.0.1', 'a multicast'],
    ['::', 'an unspecified'],
    ['::1', 'a loopback'],
    ['fe80::abcd', 'a link-local'],
    ['febf::1', 'a link-local'],
    ['fc00::1', 'a unique-local'],
    ['fdff:ffff::1', 'a unique-local'],
    ['::ffff:127.0.0.1', 'a loopback'],
    ['::ffff:a00:5', 'a private'],
    ['::7f00:1', 'a loopback'], // IPv4-compatible (deprecated)
    ['64:ff9b::c0a8:101', 'a private'], // NAT64 of 192.168.1.1
    ['2002:a9fe:a9fe::1', 'a link-local'], // 6to4 of 169.254.169.254
  ])('%s is %s address', (ip, kind) => {
    expect(blockedKind(ip)).toBe(kind);
  });

  it.each(['1.1.1.1', '172.32.0.1', '100.128.0.1', '192.169.0.1', '2606:4700:4700::1111', '64:ff9b::808:808'])(
    '%s is public',
    (ip) => {
      expect(blockedKind(ip)).toBeNull();
    },
  );

  it('a name that does not resolve (or not in time) is left to the send-time check', async () => {
    expect(await hostProblem('nowhere.invalid', () => Promise.reject(new Error('ENOTFOUND')))).toBeNull();
    expect(await hostProblem('slow.example', () => new Promise(() => {}), 20)).toBeNull();
    expect(await hostProblem('[::1]', () => Promise.resolve([]))).toMatch(/^url: ::1 is a loopback address/);
  });
});
