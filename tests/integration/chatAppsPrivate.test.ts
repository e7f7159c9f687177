/**
 * Chat apps: no private-address block (issue #17's leftover). A webhook host that is, or resolves
 * to, a loopback, private, link-local, unique-local, CGNAT or unspecified address is refused when
 * saved and again when sent (DNS can change in between); FLOORBOARD_WEBHOOK_ALLOW_PRIVATE allows it.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Resolve } from '../../server/webhooks/addressCheck';
import type { ChatService } from '../../server/webhooks/chatService';
import { addTarget, env, makeService, sendTest, useChatEnv } from './support/chatSetup';

useChatEnv();

const base = { name: 'Robot', vendor: 'wecom', language: 'en' };
async function saving(service: ChatService, url: string): Promise<string> {
  const r = await service.addTarget({ ...base, url });
  return r.ok ? 'accepted' : `${r.status} ${r.error}`;
}

/** A resolver the test controls: host → addresses (family from the form). */
function resolver(table: Record<string, string[]>) {
  const asked: string[] = [];
  const resolve: Resolve = (host) => {
    asked.push(host);
    const list = table[host];
    if (!list) return Promise.reject(Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' }));
    return Promise.resolve(list.map((address) => ({ address, family: address.includes(':') ? 6 : 4 })));
  };
  return { resolve, asked, table };
}

describe('chat apps: private addresses', () => {
  it.each([
    ['https://127.0.0.1/robot', 'url: 127.0.0.1 is a loopback address'],
    ['https://10.0.0.5/robot', 'url: 10.0.0.5 is a private address'],
    ['https://172.16.9.1/robot', 'url: 172.16.9.1 is a private address'],
    ['https://192.168.1.20/robot', 'url: 192.168.1.20 is a private address'],
    ['https://[::1]/robot', 'url: ::1 is a loopback address'],
    ['https://169.254.169.254/latest/meta-data', 'url: 169.254.169.254 is a link-local address'],
    ['https://[fe80::1]/robot', 'url: fe80::1 is a link-local address'],
    ['https://[fd12:3456::1]/robot', 'url: fd12:3456::1 is a unique-local address'],
    ['https://100.64.0.1/robot', 'url: 100.64.0.1 is a shared (CGNAT) address'],
    ['https://0.0.0.0/robot', 'url: 0.0.0.0 is an unspecified address'],
    ['https://[::]/robot', 'url: :: is an unspecified address'],
    // Other spellings of the loopback address: the URL parser's forms are what is checked.
    ['https://2130706433/robot', 'url: 127.0.0.1 is a loopback address'],
    ['https://0x7f.1/robot', 'url: 127.0.0.1 is a loopback address'],
    ['https://017700000001/robot', 'url: 127.0.0.1 is a loopback address'],
    ['https://[::ffff:127.0.0.1]/robot', 'url: ::ffff:7f00:1 is a loopback address'],
    ['https://[::ffff:a9fe:a9fe]/robot', 'url: ::ffff:a9fe:a9fe is a link-local address'],
    ['https://[64:ff9b::a00:5]/robot', 'url: 64:ff9b::a00:5 is a private address'],
    // A name that resolves to the loopback address (the system resolver: /etc/hosts).
    ['https://localhost/robot', 'url: localhost resolves to'],
  ])('refuses %s with a clear 400', async (url, reason) => {
    const strict = makeService({ allowPrivate: false }).service;
    const answer = await saving(strict, url);
    expect(answer).toMatch(/^400 url: /);
    expect(answer).toContain(reason.replace(/^url: /, ''));
    expect(answer).toContain('FLOORBOARD_WEBHOOK_ALLOW_PRIVATE=1');
    expect((await strict.view()).targets).toEqual([]);
  });

  it('accepts a public address or a name that resolves to public ones only; every address is checked', async () => {
    const dns = resolver({
      'oapi.dingtalk.example': ['203.119.1.10', '2401:b180::10'],
      'mixed.example': ['93.184.215.14', '10.1.2.3'],
    });
    const strict = makeService({ allowPrivate: false, resolve: dns.resolve }).service;
    expect(await saving(strict, 'https://1.1.1.1/robot/send')).toBe('accepted');
    expect(await saving(strict, 'https://[2606:4700:4700::1111]/robot')).toBe('accepted');
    expect(await saving(strict, 'https://oapi.dingtalk.example/robot/send?access_token=t')).toBe('accepted');
    expect(await saving(strict, 'https://mixed.example/robot')).toBe(
      '400 url: mixed.example resolves to 10.1.2.3, a private address: chat apps are reached on public addresses only (FLOORBOARD_WEBHOOK_ALLOW_PRIVATE=1 allows others)',
    );
    // Replacing a target's address is checked too; the stored one is kept.
    const t = await addTarget(strict, { ...base, url: 'https://1.1.1.1/robot' });
    const moved = await strict.updateTarget(t.id, { url: 'https://192.168.0.1/robot' });
    expect(moved.ok ? 'accepted' : `${moved.status}`).toBe('400');
    expect((await strict.view()).targets.find((x) => x.id === t.id)!.host).toBe('https://1.1.1.1');
  });

  it('with FLOORBOARD_WEBHOOK_ALLOW_PRIVATE, private addresses are accepted and reached', async () => {
    const loose = makeService({ allowPrivate: true }).service;
    expect(await saving(loose, 'https://127.0.0.1/robot')).toBe('accepted');
    expect(await saving(loose, 'https://10.0.0.5/robot')).toBe('accepted');
    const t = await addTarget(loose, { ...base, vendor: 'slack', url: `${env.receiver.url}/ok` });
    expect(await sendTest(loose, t.id)).toMatchObject({ state: 'sent' });
    expect(env.receiver.received.map((r) => r.path)).toEqual(['/ok']);
  });

  it('checks again at send time: a saved private address, or a name whose DNS changed, gets nothing', async () => {
    const prefix = `test:${randomUUID()}:`;
    // Saved while allowed (or before this block existed), sent by a server that refuses it.
    const saved = await addTarget(makeService({ prefix, allowPrivate: true }).service, {
      ...{ ...base, vendor: 'slack', url: `${env.receiver.url}/literal` },
    });
    const port = new URL(env.receiver.url).port;
    const dns = resolver({ localhost: ['198.51.100.7'] });
    const strict = makeService({ prefix, allowPrivate: false, resolve: dns.resolve }).service;
    expect(await sendTest(strict, saved.id)).toMatchObject({
      state: 'pending',
      lastError: expect.stringMatching(/^url: 127\.0\.0\.1 is a loopback address/) as unknown,
    });
    // A name that resolved to a public address when saved, and to the loopback one when sent.
    const renamed = await addTarget(strict, { ...base, vendor: 'slack', url: `http://localhost:${port}/rebound` });
    dns.table.localhost = ['127.0.0.1'];
    dns.asked.length = 0;
    expect((await sendTest(strict, renamed.id)).lastError).toMatch(
      /^url: localhost resolves to 127\.0\.0\.1, a loopback address/,
    );
    expect(dns.asked).toEqual(['localhost']); // resolved at send time, by the connection's lookup
    expect(env.receiver.received).toEqual([]);
  });

  it('connects to the address it checked (the lookup the connection uses is the checked one)', async () => {
    const port = new URL(env.receiver.url).port;
    // The receiver listens on 127.0.0.1 only: sent to the resolver's 127.0.0.2, nothing answers;
    // to its 127.0.0.1, it arrives. The connection goes where the resolver (the check) said.
    const dns = resolver({ localhost: ['127.0.0.2'] });
    const loose = makeService({ allowPrivate: true, resolve: dns.resolve }).service;
    const t = await addTarget(loose, { ...base, vendor: 'slack', url: `http://localhost:${port}/checked` });
    expect((await sendTest(loose, t.id)).lastError).toBe('could not connect: the connection was refused');
    dns.table.localhost = ['127.0.0.1'];
    env.now += 60_000;
    await loose.sendDue();
    expect((await loose.view()).deliveries[0]).toMatchObject({ state: 'sent', attempts: 2 });
    expect(dns.asked).toEqual(['localhost', 'localhost']); // one lookup per try, by the connection
    expect(env.receiver.received.map((r) => r.path)).toEqual(['/checked']);
  });
});
