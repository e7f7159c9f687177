import { createHmac, randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import type { Alert } from '../../shared/domain/alertTypes';
import { createLocalTime } from '../../shared/time';
import { silentLog } from '../../server/log';
import { createChatRepo } from '../../server/redis/chatRepo';
import { redisKeys } from '../../server/redis/keys';
import { createChatService, type ChatService } from '../../server/webhooks/chatService';
import type { SummaryFacts } from '../../server/webhooks/messageText';
import { startReceiver, startSilentSocket, type Receiver } from './support/chatReceiver';

let redis: Redis;
let receiver: Receiver;
let now: number;
const START = Date.UTC(2026, 11, 3, 17, 0);
const RETRY = { baseMs: 1000, capMs: 4000, maxAttempts: 4 };

const facts: SummaryFacts = {
  day: '2026-12-03',
  scope: null,
  figures: { dials: 240, connects: 120, effectiveCalls: 60, talkSeconds: 9000, leads: 12, deals: 3, revenue: 4200 },
  targets: { dials: 300, effectiveCalls: 70, talkMinutes: 200, leads: 10, deals: 4, revenue: 5000 },
  topReasons: [
    { code: 'price', count: 9 },
    { code: 'no_need', count: 4 },
  ],
  overdueCallbacks: 2,
  openHandoffs: 1,
  currency: 'CNY',
};

function makeService(opts: { publicUrl?: string | null; allowLocalHttp?: boolean; prefix?: string } = {}) {
  const prefix = opts.prefix ?? `test:${randomUUID()}:`;
  const keys = redisKeys({ stream: `${prefix}events`, deadLetterStream: `${prefix}dead`, keyPrefix: prefix });
  const service = createChatService({
    repo: createChatRepo(redis, keys),
    clock: () => now,
    localTime: createLocalTime('UTC', 0),
    summaryFacts: (team) => Promise.resolve({ ...facts, scope: team }),
    teamName: (team) => Promise.resolve(team === 'team-a' ? 'Alpha' : null),
    publicUrl: opts.publicUrl ?? null,
    allowLocalHttp: opts.allowLocalHttp ?? true,
    limits: { timeoutMs: 300, maxResponseBytes: 1024 },
    retry: RETRY,
    log: silentLog,
  });
  return { service, prefix };
}

async function addTarget(service: ChatService, body: Record<string, unknown>) {
  const added = await service.addTarget(body);
  if (!added.ok) throw new Error(added.error);
  return added.value;
}

/** Queues a test message to the target and runs the outbox until it was tried once. */
async function sendTest(service: ChatService, id: string) {
  const queued = await service.sendNow(id, 'test');
  if (!queued.ok) throw new Error(queued.error);
  await service.sendDue();
  await service.sendDue();
  return (await service.view()).deliveries.find((d) => d.id === queued.value.id)!;
}

const json = (i: number) => JSON.parse(receiver.received[i]!.body) as Record<string, unknown>;

beforeAll(async () => {
  redis = new Redis(inject('redisUrl'));
  receiver = await startReceiver();
});
afterAll(async () => {
  await receiver.close();
  redis.disconnect();
});
beforeEach(() => {
  now = START;
  receiver.received.length = 0;
  Object.assign(receiver.answer, { status: 200, body: '{"errcode":0,"errmsg":"ok","code":0}', hang: false });
});

describe('chat apps: each vendor gets its documented body and signature', () => {
  it('DingTalk: timestamp and sign (HmacSHA256 of "timestamp\\nsecret", base64, URL-encoded) as query parameters', async () => {
    const { service } = makeService();
    const secret = 'SEC0123456789abcdef+/=';
    const t = await addTarget(service, {
      ...{ name: 'Ding', vendor: 'dingtalk', url: `${receiver.url}/robot/send?access_token=tok-1`, secret },
      language: 'en',
    });
    expect((await sendTest(service, t.id)).state).toBe('sent');
    const got = receiver.received[0]!;
    expect(got.path).toBe('/robot/send');
    expect(got.query.get('access_token')).toBe('tok-1');
    expect(got.query.get('timestamp')).toBe(String(now));
    const expected = createHmac('sha256', Buffer.from(secret, 'utf8'))
      .update(Buffer.from(`${now}\n${secret}`, 'utf8'))
      .digest('base64');
    expect(got.query.get('sign')).toBe(expected);
    expect(got.rawQuery).toContain(`sign=${encodeURIComponent(expected)}`);
    expect(json(0)).toEqual({
      msgtype: 'markdown',
      markdown: { title: 'Floorboard test', text: expect.stringContaining('this chat app is set up') },
    });
  });

  it('Feishu: timestamp (seconds) and sign in the body; the HMAC key is "timestamp\\nsecret" over an empty message', async () => {
    const { service } = makeService();
    const secret = 'fs-secret-xyz';
    const t = await addTarget(service, {
      name: 'Fei',
      vendor: 'feishu',
      url: `${receiver.url}/open-apis/bot/v2/hook/abc`,
      secret,
    });
    expect((await sendTest(service, t.id)).state).toBe('sent');
    const body = json(0);
    const seconds = String(Math.floor(now / 1000));
    expect(body.timestamp).toBe(seconds);
    const expected = createHmac('sha256', Buffer.from(`${seconds}\n${secret}`, 'utf8')).digest('base64');
    expect(body.sign).toBe(expected);
    expect(body.msg_type).toBe('text');
    expect((body.content as { text: string }).text).toContain('Floorboard 测试'); // zh-CN by default
  });

  it('WeCom: markdown; Slack: text and blocks; Teams: an Adaptive Card', async () => {
    const { service } = makeService();
    const wecom = await addTarget(service, {
      name: 'WeCom',
      vendor: 'wecom',
      url: `${receiver.url}/cgi-bin/webhook/send?key=k`,
    });
    const slack = await addTarget(service, {
      name: 'Slack',
      vendor: 'slack',
      url: `${receiver.url}/services/T/B/X`,
      language: 'en',
    });
    const teams = await addTarget(service, {
      name: 'Teams',
      vendor: 'teams',
      url: `${receiver.url}/workflows/x`,
      language: 'en',
    });
    for (const t of [wecom, slack, teams]) expect((await sendTest(service, t.id)).state).toBe('sent');
    expect(json(0)).toEqual({
      msgtype: 'markdown',
      markdown: { content: expect.stringContaining('### Floorboard 测试') },
    });
    expect(json(1)).toMatchObject({
      text: 'Floorboard test',
      blocks: [
        { type: 'header', text: { type: 'plain_text', text: 'Floorboard test' } },
        { type: 'section', text: { type: 'mrkdwn', text: expect.stringContaining('set up') } },
      ],
    });
    expect(json(2)).toMatchObject({
      type: 'message',
      attachments: [
        {
          contentType: 'application/vnd.microsoft.card.adaptive',
          content: { type: 'AdaptiveCard', body: [{ type: 'TextBlock', text: 'Floorboard test' }, expect.anything()] },
        },
      ],
    });
    for (const r of receiver.received) expect(r.headers['content-type']).toMatch(/^application\/json/);
    // An unsigned target sends no signature.
    expect(receiver.received[0]!.query.has('sign')).toBe(false);
  });
});

describe('chat apps: the end-of-shift summary', () => {
  it('says targets against results, the funnel, reasons, call-backs and handoffs, in the target language, with the review link', async () => {
    const { service } = makeService({ publicUrl: 'https://floor.example.com/' });
    const en = await addTarget(service, {
      ...{ name: 'EN', vendor: 'slack', url: `${receiver.url}/s`, language: 'en', team: 'team-a' },
    });
    const zh = await addTarget(service, { name: 'ZH', vendor: 'wecom', url: `${receiver.url}/w`, language: 'zh-CN' });
    for (const t of [en, zh]) expect((await service.sendNow(t.id, 'summary')).ok).toBe(true);
    await service.sendDue();
    await service.sendDue();
    const english = JSON.stringify(json(0));
    expect(english).toContain('End-of-shift summary: Alpha, 2026-12-03');
    expect(english).toContain('Dials: 240 / 300');
    expect(english).toContain('connects 120 (50%)');
    expect(english).toContain('price 9');
    expect(english).toContain('Overdue call-backs: 2');
    expect(english).toContain('Lead handoffs waiting: 1');
    expect(english).toContain('https://floor.example.com/review?day=2026-12-03&team=team-a');
    const chinese = (json(1).markdown as { content: string }).content;
    expect(chinese).toContain('下班小结：销售现场，2026-12-03');
    expect(chinese).toContain('外呼: 240 / 300');
    expect(chinese).toContain('逾期预约回访：2');
  });

  it('is queued once at its local time per day, by any number of instances', async () => {
    const prefix = `test:${randomUUID()}:`;
    const a = makeService({ prefix }).service;
    const b = makeService({ prefix }).service;
    await addTarget(a, { name: 'Daily', vendor: 'wecom', url: `${receiver.url}/daily`, summaryAt: '18:00' });
    now = Date.UTC(2026, 11, 3, 17, 59);
    await Promise.all([a.summaries(), b.summaries()]);
    expect((await a.view()).deliveries).toHaveLength(0);
    now = Date.UTC(2026, 11, 3, 18, 0, 30);
    await Promise.all([a.summaries(), b.summaries()]);
    now += 30_000;
    await Promise.all([a.summaries(), b.summaries()]);
    await Promise.all([a.sendDue(), b.sendDue()]);
    await Promise.all([a.sendDue(), b.sendDue()]);
    expect(receiver.received).toHaveLength(1);
    expect((await a.view()).deliveries.map((d) => [d.kind, d.state])).toEqual([['summary', 'sent']]);
  });
});

describe('chat apps: failures are retried with back-off, recorded, and never sent twice', () => {
  it('a receiver answering 500 is tried again after 1 s, 2 s, 4 s, then given up; the error is shown', async () => {
    const { service } = makeService();
    receiver.answer.status = 500;
    const t = await addTarget(service, { name: 'Down', vendor: 'wecom', url: `${receiver.url}/down` });
    let d = await sendTest(service, t.id);
    expect(d).toMatchObject({ state: 'pending', attempts: 1, nextAt: START + 1000, lastError: 'HTTP 500' });
    for (const [wait, attempts] of [
      [1000, 2],
      [2000, 3],
      [4000, 4],
    ] as const) {
      now += wait - 1;
      await service.sendDue();
      expect(receiver.received).toHaveLength(attempts - 1); // not before its time
      now += 1;
      await service.sendDue();
      expect(receiver.received).toHaveLength(attempts);
    }
    d = (await service.view()).deliveries[0]!;
    expect(d).toMatchObject({ state: 'failed', attempts: 4, nextAt: null, lastError: 'HTTP 500' });
    const target = (await service.view()).targets[0]!;
    expect(target).toMatchObject({ lastError: 'HTTP 500', lastErrorAt: now, lastOkAt: null });
    now += 3_600_000;
    await service.sendDue();
    expect(receiver.received).toHaveLength(4);
  });

  it("a vendor's refusal in a 200 answer (errcode) counts as a failure", async () => {
    const { service } = makeService();
    receiver.answer.body = '{"errcode":310000,"errmsg":"sign not match"}';
    const t = await addTarget(service, {
      name: 'Ding',
      vendor: 'dingtalk',
      url: `${receiver.url}/robot/send?access_token=x`,
      secret: 's',
    });
    const d = await sendTest(service, t.id);
    expect(d.state).toBe('pending');
    expect(d.lastError).toContain('310000 sign not match');
  });

  it('a receiver that never answers, or never reads, times out and is retried; a redirect is not followed', async () => {
    const { service } = makeService();
    receiver.answer.hang = true;
    const hanging = await addTarget(service, { name: 'Hang', vendor: 'slack', url: `${receiver.url}/hang` });
    const started = Date.now();
    expect(await sendTest(service, hanging.id)).toMatchObject({
      state: 'pending',
      lastError: 'no answer within 0.3 s',
    });
    const silent = await startSilentSocket();
    try {
      const deaf = await addTarget(service, { name: 'Deaf', vendor: 'teams', url: `${silent.url}/deaf` });
      expect(await sendTest(service, deaf.id)).toMatchObject({
        ...{ state: 'pending', attempts: 1, nextAt: START + 1000 },
        lastError: expect.stringMatching(/^no answer within 0.3 s|the answer did not finish in time$/),
      });
      expect(silent.connections()).toBeGreaterThanOrEqual(1);
    } finally {
      await silent.close();
    }
    expect(Date.now() - started).toBeLessThan(5000);
    receiver.answer.hang = false;
    Object.assign(receiver.answer, { status: 302, body: '' });
    const moved = await addTarget(service, { name: 'Moved', vendor: 'slack', url: `${receiver.url}/moved` });
    const before = receiver.received.length;
    expect((await sendTest(service, moved.id)).lastError).toBe('HTTP 302: redirects are not followed');
    expect(receiver.received).toHaveLength(before + 1);
  });

  it('two instances over one outbox send a message once', async () => {
    const prefix = `test:${randomUUID()}:`;
    const a = makeService({ prefix }).service;
    const b = makeService({ prefix }).service;
    const t = await addTarget(a, { name: 'Once', vendor: 'wecom', url: `${receiver.url}/once` });
    for (let i = 0; i < 5; i++) expect((await a.sendNow(t.id, 'test')).ok).toBe(true);
    await Promise.all([a.sendDue(), b.sendDue(), a.sendDue(), b.sendDue()]);
    await Promise.all([a.sendDue(), b.sendDue()]);
    expect(receiver.received).toHaveLength(5);
  });
});

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
    const t = await addTarget(a, { name: 'Alerts', vendor: 'slack', url: `${receiver.url}/alerts`, language: 'en' });
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
    // Another rep's alert has its own cool-down; a critical one also matches the second rule.
    a.alertRaised(alert({ id: 'idle:rep-a2', rule: 'idle', rep: 'rep-a2', repName: 'Amy', severity: 'critical' }));
    await Promise.all([a.tick(), b.tick()]);
    await Promise.all([a.sendDue(), b.sendDue()]);
    const texts = receiver.received.map((r) => (JSON.parse(r.body) as { text: string }).text).sort();
    expect(texts).toEqual(['Alert: idle (Amy)', 'Alert: idle (Amy)', 'Alert: pause over its allowance (Ann Lee)']);
    // Never the detail (it may carry personal data).
    for (const r of receiver.received) expect(r.body).not.toContain('138 0000 0000');
  });

  it('a rule without a cool-down sends each occurrence; a removed target gets nothing', async () => {
    const { service } = makeService();
    const t = await addTarget(service, { name: 'All', vendor: 'wecom', url: `${receiver.url}/all`, language: 'en' });
    expect((await service.addRule({ target: t.id, cooldownMinutes: 0 })).ok).toBe(true);
    service.alertRaised(alert());
    service.alertRaised(alert({ id: 'long_pause:rep-a1#2' }));
    await service.tick();
    await service.sendDue();
    expect(receiver.received).toHaveLength(2);
    expect((await service.removeTarget(t.id)).ok).toBe(true);
    expect((await service.view()).rules).toEqual([]);
    service.alertRaised(alert({ id: 'long_pause:rep-a1#3' }));
    await service.tick();
    expect(receiver.received).toHaveLength(2);
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
    expect(await refused(loose, { url: 'https://e.com/x', team: '__proto__' })).toMatch(/^400 team/);
    expect(await refused(loose, { url: 'https://e.com/x', vendor: 'icq' })).toMatch(/^400 vendor/);
    expect(await refused(loose, { url: 'https://e.com/x', extra: 1 })).toMatch(/^400/);
    expect((await loose.addRule({ target: '0123456789abcdef' })).ok).toBe(false);
    expect((await loose.updateTarget('0123456789abcdef', { name: 'Y' })).ok).toBe(false);
  });
});
