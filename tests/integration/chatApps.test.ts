import { createHmac, randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { startSilentSocket } from './support/chatReceiver';
import { addTarget, env, json, makeService, RETRY, sendTest, START, useChatEnv } from './support/chatSetup';

useChatEnv();

describe('chat apps: each vendor gets its documented body and signature', () => {
  it('DingTalk: timestamp and sign (HmacSHA256 of "timestamp\\nsecret", base64, URL-encoded) as query parameters', async () => {
    const { service } = makeService();
    const secret = 'SEC0123456789abcdef+/=';
    const t = await addTarget(service, {
      ...{ name: 'Ding', vendor: 'dingtalk', url: `${env.receiver.url}/robot/send?access_token=tok-1`, secret },
      language: 'en',
    });
    expect((await sendTest(service, t.id)).state).toBe('sent');
    const got = env.receiver.received[0]!;
    expect(got.path).toBe('/robot/send');
    expect(got.query.get('access_token')).toBe('tok-1');
    expect(got.query.get('timestamp')).toBe(String(env.now));
    const expected = createHmac('sha256', Buffer.from(secret, 'utf8'))
      .update(Buffer.from(`${env.now}\n${secret}`, 'utf8'))
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
      url: `${env.receiver.url}/open-apis/bot/v2/hook/abc`,
      secret,
    });
    expect((await sendTest(service, t.id)).state).toBe('sent');
    const body = json(0);
    const seconds = String(Math.floor(env.now / 1000));
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
      url: `${env.receiver.url}/cgi-bin/webhook/send?key=k`,
    });
    const slack = await addTarget(service, {
      name: 'Slack',
      vendor: 'slack',
      url: `${env.receiver.url}/services/T/B/X`,
      language: 'en',
    });
    const teams = await addTarget(service, {
      name: 'Teams',
      vendor: 'teams',
      url: `${env.receiver.url}/workflows/x`,
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
    for (const r of env.receiver.received) expect(r.headers['content-type']).toMatch(/^application\/json/);
    // An unsigned target sends no signature.
    expect(env.receiver.received[0]!.query.has('sign')).toBe(false);
  });
});

describe('chat apps: the end-of-shift summary', () => {
  it('says targets against results, the funnel, reasons, call-backs and handoffs, in the target language, with the review link', async () => {
    const { service } = makeService({ publicUrl: 'https://floor.example.com/' });
    const en = await addTarget(service, {
      ...{ name: 'EN', vendor: 'slack', url: `${env.receiver.url}/s`, language: 'en', team: 'team-a' },
    });
    const zh = await addTarget(service, {
      name: 'ZH',
      vendor: 'wecom',
      url: `${env.receiver.url}/w`,
      language: 'zh-CN',
    });
    for (const t of [en, zh]) expect((await service.sendNow(t.id, 'summary')).ok).toBe(true);
    await service.sendDue();
    await service.sendDue();
    const english = JSON.stringify(json(0));
    expect(english).toContain('End-of-shift summary: Alpha, 2026-12-03');
    expect(english).toContain('Dials: 240 / 300');
    expect(english).toContain('connects 120 (50%)');
    // Reasons in words; a code nobody named stays as sent.
    expect(english).toContain('Price 9, custom_code 4');
    expect(english).toContain('Overdue call-backs: 2');
    expect(english).toContain('Lead handoffs waiting: 1');
    expect(english).toContain('https://floor.example.com/review?day=2026-12-03&team=team-a');
    const chinese = (json(1).markdown as { content: string }).content;
    expect(chinese).toContain('下班小结：销售现场，2026-12-03');
    expect(chinese).toContain('外呼: 240 / 300');
    expect(chinese).toContain('逾期预约回访：2');
    expect(chinese).toContain('价格原因 9');
  });

  it('is queued once at its local time per day, by any number of instances', async () => {
    const prefix = `test:${randomUUID()}:`;
    const a = makeService({ prefix }).service;
    const b = makeService({ prefix }).service;
    await addTarget(a, { name: 'Daily', vendor: 'wecom', url: `${env.receiver.url}/daily`, summaryAt: '18:00' });
    env.now = Date.UTC(2026, 11, 3, 17, 59);
    await Promise.all([a.summaries(), b.summaries()]);
    expect((await a.view()).deliveries).toHaveLength(0);
    env.now = Date.UTC(2026, 11, 3, 18, 0, 30);
    await Promise.all([a.summaries(), b.summaries()]);
    env.now += 30_000;
    await Promise.all([a.summaries(), b.summaries()]);
    await Promise.all([a.sendDue(), b.sendDue()]);
    await Promise.all([a.sendDue(), b.sendDue()]);
    expect(env.receiver.received).toHaveLength(1);
    expect((await a.view()).deliveries.map((d) => [d.kind, d.state])).toEqual([['summary', 'sent']]);
  });
});

describe('chat apps: failures are retried with back-off, recorded, and never sent twice', () => {
  it('a receiver answering 500 is tried again after 1 s, 2 s, 4 s, then given up; the error is shown', async () => {
    const { service } = makeService();
    env.receiver.answer.status = 500;
    const t = await addTarget(service, { name: 'Down', vendor: 'wecom', url: `${env.receiver.url}/down` });
    let d = await sendTest(service, t.id);
    expect(d).toMatchObject({ state: 'pending', attempts: 1, nextAt: START + 1000, lastError: 'HTTP 500' });
    for (const [wait, attempts] of [
      [1000, 2],
      [2000, 3],
      [4000, 4],
    ] as const) {
      env.now += wait - 1;
      await service.sendDue();
      expect(env.receiver.received).toHaveLength(attempts - 1); // not before its time
      env.now += 1;
      await service.sendDue();
      expect(env.receiver.received).toHaveLength(attempts);
    }
    d = (await service.view()).deliveries[0]!;
    expect(d).toMatchObject({ state: 'failed', attempts: 4, nextAt: null, lastError: 'HTTP 500' });
    const target = (await service.view()).targets[0]!;
    expect(target).toMatchObject({ lastError: 'HTTP 500', lastErrorAt: env.now, lastOkAt: null });
    env.now += 3_600_000;
    await service.sendDue();
    expect(env.receiver.received).toHaveLength(4);
  });

  it("a vendor's refusal in a 200 answer (errcode) counts as a failure", async () => {
    const { service } = makeService();
    env.receiver.answer.body = '{"errcode":310000,"errmsg":"sign not match"}';
    const t = await addTarget(service, {
      name: 'Ding',
      vendor: 'dingtalk',
      url: `${env.receiver.url}/robot/send?access_token=x`,
      secret: 's',
    });
    const d = await sendTest(service, t.id);
    expect(d.state).toBe('pending');
    expect(d.lastError).toContain('310000 sign not match');
  });

  it('a receiver that never answers, or never reads, times out and is retried; a redirect is not followed', async () => {
    const { service } = makeService();
    env.receiver.answer.hang = true;
    const hanging = await addTarget(service, { name: 'Hang', vendor: 'slack', url: `${env.receiver.url}/hang` });
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
    env.receiver.answer.hang = false;
    Object.assign(env.receiver.answer, { status: 302, body: '' });
    const moved = await addTarget(service, { name: 'Moved', vendor: 'slack', url: `${env.receiver.url}/moved` });
    const before = env.receiver.received.length;
    expect((await sendTest(service, moved.id)).lastError).toBe('HTTP 302: redirects are not followed');
    expect(env.receiver.received).toHaveLength(before + 1);
  });

  it('reads at most the size limit of an answer (1 KB here): a longer one is cut, so not taken for a success', async () => {
    const { service } = makeService();
    env.receiver.answer.body = `{"errcode":0,"errmsg":"${'x'.repeat(1024 * 1024)}"}`;
    const t = await addTarget(service, { name: 'Big', vendor: 'wecom', url: `${env.receiver.url}/big` });
    expect(await sendTest(service, t.id)).toMatchObject({ state: 'pending', lastError: 'the answer was not JSON' });
    env.receiver.answer.body = '{"errcode":0,"errmsg":"ok"}';
    env.now += RETRY.baseMs;
    await service.sendDue();
    expect((await service.view()).deliveries[0]).toMatchObject({ state: 'sent', attempts: 2, lastError: null });
  });

  it('two instances over one outbox send a message once', async () => {
    const prefix = `test:${randomUUID()}:`;
    const a = makeService({ prefix }).service;
    const b = makeService({ prefix }).service;
    const t = await addTarget(a, { name: 'Once', vendor: 'wecom', url: `${env.receiver.url}/once` });
    for (let i = 0; i < 5; i++) expect((await a.sendNow(t.id, 'test')).ok).toBe(true);
    await Promise.all([a.sendDue(), b.sendDue(), a.sendDue(), b.sendDue()]);
    await Promise.all([a.sendDue(), b.sendDue()]);
    expect(env.receiver.received).toHaveLength(5);
  });
});
