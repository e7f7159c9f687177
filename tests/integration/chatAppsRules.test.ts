import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Alert } from '../../shared/domain/alertTypes';
import type { ChatService } from '../../server/webhooks/chatService';
import { addTarget, env, makeService, START, useChatEnv } from './support/chatSetup';

useChatEnv();

describe('chat apps: alerts by rule, with a cool-down', () => {
  const alert = (over: Partial<Alert> = {}): Alert => ({
    ...{ id: 'long_pause:rep-a1', rule: 'long_pause', severity: 'warning', rep: 'rep-a1', repName: 'Ann Lee' },
    ...{
      team: 'team-a',
      since: START,
      raisedAt: START,
      clearedAt: null,
      ackBy: null,
      ackAt: null,
      detail: '138 0000 0000',
    },
    ...over,
  });

  it('routes by kind, severity and team; the same alert key is not sent again within the cool-down', async () => {
    const prefix = `test:${randomUUID()}:`;
    const a = makeService({ prefix }).service;
    const b = makeService({ prefix }).service;
    const t = await addTarget(a, {
      name: 'Alerts',
      vendor: 'slack',
      url: `${env.receiver.url}/alerts`,
      language: 'en',
    });
    const rule = await a.addRule({ target: t.id, kinds: ['long_pause', 'idle'], team: 'team-a', cooldownMinutes: 30 });
    expect(rule.ok).toBe(true);
    const critical = await a.addRule({ target: t.id, kinds: [], minSeverity: 'critical', cooldownMinutes: 0 });
    expect(critical.ok).toBe(true);
    // Both instances raise the same alert; its second occurrence comes within the cool-down.
    a.alertRaised(alert());
    b.alertRaised(alert());
    a.alertRaised(alert({ id: 'long_pause:rep-a1#2' }));
    // Not routed: another team, another kind, a warning for the critical-only rule.
    a.alertRaised(alert({ id: 'long_pause:rep-b1', rep: 'rep-b1', team: 'team-b' }));
    a.alertRaised(alert({ id: 'long_call:rep-a1', rule: 'long_call' }));
    // A name from the events carries no markdown into the chat.
    a.alertRaised(
      alert({ id: 'idle:rep-a3', rule: 'idle', rep: 'rep-a3', repName: 'Eve [win](https://evil.example) **x**' }),
    );
    // Another rep's alert has its own cool-down; a critical one also matches the second rule.
    a.alertRaised(alert({ id: 'idle:rep-a2', rule: 'idle', rep: 'rep-a2', repName: 'Amy', severity: 'critical' }));
    await Promise.all([a.tick(), b.tick()]);
    await Promise.all([a.sendDue(), b.sendDue()]);
    const texts = env.receiver.received.map((r) => (JSON.parse(r.body) as { text: string }).text).sort();
    expect(texts).toEqual([
      'Alert: idle (Amy)',
      'Alert: idle (Amy)',
      'Alert: idle (Eve win https://evil.example x)',
      'Alert: pause over its allowance (Ann Lee)',
    ]);
    // Never the detail (it may carry personal data).
    for (const r of env.receiver.received) expect(r.body).not.toContain('138 0000 0000');
  });

  it('a rule without a cool-down sends each occurrence; a removed target gets nothing', async () => {
    const { service } = makeService();
    const t = await addTarget(service, {
      name: 'All',
      vendor: 'wecom',
      url: `${env.receiver.url}/all`,
      language: 'en',
    });
    expect((await service.addRule({ target: t.id, cooldownMinutes: 0 })).ok).toBe(true);
    service.alertRaised(alert());
    service.alertRaised(alert({ id: 'long_pause:rep-a1#2' }));
    await service.tick();
    await service.sendDue();
    expect(env.receiver.received).toHaveLength(2);
    expect((await service.removeTarget(t.id)).ok).toBe(true);
    expect((await service.view()).rules).toEqual([]);
    service.alertRaised(alert({ id: 'long_pause:rep-a1#3' }));
    await service.tick();
    expect(env.receiver.received).toHaveLength(2);
  });
});

describe('chat apps: a warning raised to critical', () => {
  const warning = (over: Partial<Alert> = {}): Alert => ({
    ...{ id: 'idle:rep-a1', rule: 'idle', severity: 'warning', rep: 'rep-a1', repName: 'Ann Lee', team: 'team-a' },
    ...{ since: START, raisedAt: START, clearedAt: null, ackBy: null, ackAt: null, detail: '' },
    ...over,
  });
  const received = () =>
    env.receiver.received.map((r) => `${r.path} ${(JSON.parse(r.body) as { text: string }).text}`).sort();

  it('sends one message to a critical rule (and one to a warnings rule), once across instances and ticks', async () => {
    const prefix = `test:${randomUUID()}:`;
    const a = makeService({ prefix }).service;
    const b = makeService({ prefix }).service;
    const t = (name: string) =>
      addTarget(a, { name, vendor: 'slack', url: `${env.receiver.url}/${name}`, language: 'en' });
    const [critical, warnings] = [await t('critical'), await t('warnings')];
    expect((await a.addRule({ target: critical.id, minSeverity: 'critical', cooldownMinutes: 30 })).ok).toBe(true);
    expect((await a.addRule({ target: warnings.id, cooldownMinutes: 30 })).ok).toBe(true);

    // Raised as a warning (both instances): the warnings rule only.
    a.alertRaised(warning());
    b.alertRaised(warning());
    await Promise.all([a.tick(), b.tick()]);
    await Promise.all([a.sendDue(), b.sendDue()]);
    expect(received()).toEqual(['/warnings Alert: idle (Ann Lee)']);

    // Raised to critical, same id: both instances see the update; one message per rule.
    env.now += 60_000;
    a.alertUpdated(warning({ severity: 'critical' }));
    b.alertUpdated(warning({ severity: 'critical' }));
    await Promise.all([a.tick(), b.tick()]);
    await Promise.all([a.sendDue(), b.sendDue()]);
    expect(received()).toEqual([
      '/critical Alert: idle (Ann Lee)',
      '/warnings Alert: idle (Ann Lee)',
      '/warnings Alert: idle (Ann Lee)',
    ]);
    const last = env.receiver.received.find((r) => r.path === '/critical')!;
    expect(last.body).toContain('critical · Alpha');

    // Not again: the next tick, an acknowledgement of the critical alert, its clearing.
    env.now += 60_000;
    await a.tick();
    a.alertUpdated(warning({ severity: 'critical', ackBy: 'boss', ackAt: env.now }));
    b.alertUpdated(warning({ severity: 'critical', clearedAt: env.now }));
    await Promise.all([a.tick(), b.tick()]);
    await Promise.all([a.sendDue(), b.sendDue()]);
    expect(env.receiver.received).toHaveLength(3);
  });

  it('an alert raised critical is not sent again by the updates that follow it; another day is a new alert', async () => {
    const { service } = makeService();
    const t = await addTarget(service, { name: 'c', vendor: 'slack', url: `${env.receiver.url}/c`, language: 'en' });
    expect((await service.addRule({ target: t.id, minSeverity: 'critical', cooldownMinutes: 0 })).ok).toBe(true);
    service.alertRaised(warning({ severity: 'critical' }));
    await service.tick();
    service.alertUpdated(warning({ severity: 'critical', ackBy: 'boss', ackAt: env.now }));
    await service.tick();
    await service.sendDue();
    expect(env.receiver.received).toHaveLength(1);
    // The same id the next day (alert ids are per business day) escalates again.
    const tomorrow = START + 24 * 3_600_000;
    env.now = tomorrow;
    service.alertRaised(warning({ raisedAt: tomorrow, since: tomorrow }));
    service.alertUpdated(warning({ raisedAt: tomorrow, since: tomorrow, severity: 'critical' }));
    await service.tick();
    await service.sendDue();
    expect(env.receiver.received).toHaveLength(2);
  });
});

describe('chat apps: bad input', () => {
  it('refuses plain http (unless to the loopback address when allowed), credentials in the URL, a bad time or team', async () => {
    const strict = makeService({ allowLocalHttp: false }).service;
    const base = { name: 'X', vendor: 'wecom' };
    const refused = async (service: ChatService, body: Record<string, unknown>) => {
      const r = await service.addTarget({ ...base, ...body });
      return r.ok ? 'accepted' : `${r.status} ${r.error}`;
    };
    expect(await refused(strict, { url: 'http://127.0.0.1:9/x' })).toBe('400 url: must be https://');
    expect(await refused(strict, { url: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k' })).toBe('accepted');
    const loose = makeService({ allowLocalHttp: true }).service;
    expect(await refused(loose, { url: 'http://example.com/x' })).toMatch(/^400 url: must be https:\/\//);
    expect(await refused(loose, { url: 'https://user:pw@example.com/x' })).toMatch(/^400 url: must not carry/);
    expect(await refused(loose, { url: 'not a url at all' })).toMatch(/^400 url/);
    expect(await refused(loose, { url: 'https://e.com/x', summaryAt: '25:00' })).toMatch(/^400 summaryAt/);
    expect(await refused(loose, { url: 'https://e.com/x', team: 'a b' })).toMatch(/^400 team/);
    expect(await refused(loose, { url: 'https://e.com/x', team: '__proto__' })).toBe('accepted'); // names are data
    expect(await refused(loose, { url: 'https://e.com/x', vendor: 'icq' })).toMatch(/^400 vendor/);
    expect(await refused(loose, { url: 'https://e.com/x', extra: 1 })).toMatch(/^400/);
    expect((await loose.addRule({ target: '0123456789abcdef' })).ok).toBe(false);
    expect((await loose.updateTarget('0123456789abcdef', { name: 'Y' })).ok).toBe(false);
  });
});
