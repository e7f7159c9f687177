import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { ChatAppsResponse, ChatTargetView } from '../../shared/contracts/webhooks';
import { addPeople, call, logIn } from './support/people';
import { createTestFloor, noonClock, startTestApp, type RunningApp, type TestFloor } from './support/testApp';
import { startReceiver, type Receiver } from './support/chatReceiver';
import { waitFor } from './support/waitFor';

const PATH = '/api/webhooks';
const TOKEN = 'tok-SECRET-1234567890';
const SECRET = 'SEC-secret-0987654321';
let floor: TestFloor;
let running: RunningApp;
let receiver: Receiver;
let boss: string;

beforeAll(async () => {
  floor = createTestFloor(inject('redisUrl'), {
    FLOORBOARD_SHIFT_START: '08:00',
    FLOORBOARD_SHIFT_END: '20:00',
    FLOORBOARD_WEBHOOK_ALLOW_LOCAL_HTTP: '1',
    FLOORBOARD_WEBHOOK_ALLOW_PRIVATE: '1',
    FLOORBOARD_WEBHOOK_TIMEOUT_MS: '300',
    FLOORBOARD_WEBHOOK_RETRY_BASE_MS: '200',
    FLOORBOARD_PUBLIC_URL: 'https://floor.example.com',
  });
  running = await startTestApp(floor.config, noonClock());
  receiver = await startReceiver();
  await addPeople(floor.config);
  boss = (await logIn(running.url, 'boss')).token;
});

afterAll(async () => {
  await running?.stop();
  await receiver?.close();
  await floor?.writer.quit();
});

const view = async () => (await call(running.url, boss, 'GET', PATH)).body as ChatAppsResponse;

describe('/api/webhooks', () => {
  it('is for supervisors only: leads, reps and wallboards get 403, no session 401', async () => {
    for (const who of ['lead-a', 'ann']) {
      const { token } = await logIn(running.url, who);
      expect((await call(running.url, token, 'GET', PATH)).status).toBe(403);
      const body = { name: 'x', vendor: 'wecom', url: `${receiver.url}/x` };
      expect((await call(running.url, token, 'POST', PATH, body)).status).toBe(403);
      expect((await call(running.url, token, 'POST', `${PATH}/0123456789abcdef/test`)).status).toBe(403);
    }
    expect((await call(running.url, floor.token, 'GET', PATH)).status).toBe(403);
    expect((await call(running.url, undefined, 'GET', PATH)).status).toBe(401);
  });

  it('never answers the URL token or the secret after saving; "set" shows, and both can be replaced', async () => {
    const added = await call(running.url, boss, 'POST', PATH, {
      ...{ name: 'Ding', vendor: 'dingtalk', url: `${receiver.url}/robot/send?access_token=${TOKEN}` },
      secret: SECRET,
    });
    expect(added.status).toBe(201);
    const target = added.body as ChatTargetView;
    expect(target).toMatchObject({ host: receiver.url, urlSet: true, secretSet: true });
    const answers: unknown[] = [added.body, await view()];
    const replaced = await call(running.url, boss, 'PUT', `${PATH}/${target.id}`, {
      ...{ url: `${receiver.url}/robot/send?access_token=${TOKEN}-2`, secret: `${SECRET}-2` },
    });
    expect(replaced.status).toBe(200);
    answers.push(replaced.body, await view());
    const sent = await call(running.url, boss, 'POST', `${PATH}/${target.id}/test`);
    expect(sent.status).toBe(202);
    await waitFor('the test message', () => receiver.received.find((r) => r.path === '/robot/send'));
    // The new token and secret are the ones used.
    expect(receiver.received.at(-1)!.query.get('access_token')).toBe(`${TOKEN}-2`);
    answers.push(sent.body, await view());
    const cleared = await call(running.url, boss, 'PUT', `${PATH}/${target.id}`, { secret: null });
    expect(cleared.body).toMatchObject({ secretSet: false });
    answers.push(cleared.body);
    for (const answer of answers) {
      expect(JSON.stringify(answer)).not.toContain(TOKEN);
      expect(JSON.stringify(answer)).not.toContain('SEC-secret');
    }
    expect((await call(running.url, boss, 'DELETE', `${PATH}/${target.id}`)).status).toBe(204);
    expect((await call(running.url, boss, 'DELETE', `${PATH}/${target.id}`)).status).toBe(404);
  });

  it('refuses bad input with a clear 400 and keeps what was stored', async () => {
    const bad = [
      { name: 'x', vendor: 'wecom', url: 'http://example.com/hook' },
      { name: 'x', vendor: 'wecom', url: 'ftp://127.0.0.1/hook' },
      { name: 'x', vendor: 'nope', url: `${receiver.url}/x` },
      { name: 'x', vendor: 'wecom', url: `${receiver.url}/x`, team: 'a b' },
      { name: 'x', vendor: 'wecom', url: `${receiver.url}/x`, summaryAt: '24:00' },
      { name: '', vendor: 'wecom', url: `${receiver.url}/x` },
    ];
    const before = (await view()).targets.length;
    for (const body of bad) {
      const res = await call(running.url, boss, 'POST', PATH, body);
      expect(res.status).toBe(400);
      expect((res.body as { error: string }).error).toMatch(/^(url|vendor|team|summaryAt|name)/);
    }
    expect((await view()).targets).toHaveLength(before);
    expect((await call(running.url, boss, 'POST', `${PATH}/rules`, { target: 'nope' })).status).toBe(400);
    // Names are data: a team really called __proto__ is a team like any other.
    const proto = await call(running.url, boss, 'POST', PATH, {
      ...{ name: 'proto', vendor: 'wecom', url: `${receiver.url}/x`, team: '__proto__' },
    });
    expect(proto.status).toBe(201);
    const id = (proto.body as { id: string }).id;
    expect((await view()).targets.find((t) => t.id === id)).toMatchObject({ team: '__proto__' });
    expect((await call(running.url, boss, 'DELETE', `${PATH}/${id}`)).status).toBe(204);
  });

  it('a failing receiver is retried with back-off and reported while the floor goes on', async () => {
    receiver.answer.hang = true;
    const added = await call(running.url, boss, 'POST', PATH, {
      name: 'Hang',
      vendor: 'slack',
      url: `${receiver.url}/hang`,
    });
    const target = added.body as ChatTargetView;
    expect((await call(running.url, boss, 'POST', `${PATH}/${target.id}/test`)).status).toBe(202);
    // The floor reads events and answers at once while the chat app hangs.
    const at = Date.now();
    await floor.add({ type: 'rep.login', rep: 'rep-z9', team: 'team-z', at: noonClock()() });
    await waitFor('the floor took the event', () => running.app.floor.state().reps.get('rep-z9'));
    const started = Date.now();
    expect((await call(running.url, boss, 'GET', '/api/floor')).status).toBe(200);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(Date.now() - at).toBeLessThan(3000);
    const failing = await waitFor(
      'two tries recorded',
      async () => {
        const d = (await view()).deliveries.find((x) => x.target === target.id);
        return d && d.attempts >= 2 ? d : undefined;
      },
      5000,
    );
    expect(failing).toMatchObject({ state: 'pending', lastError: 'no answer within 0.3 s' });
    expect((await view()).targets.find((t) => t.id === target.id)).toMatchObject({
      lastError: 'no answer within 0.3 s',
    });
    receiver.answer.hang = false;
    await call(running.url, boss, 'DELETE', `${PATH}/${target.id}`);
  });

  it("routes a raised alert to a rule's target, in its language, without personal data", async () => {
    const added = await call(running.url, boss, 'POST', PATH, {
      ...{ name: 'Alerts', vendor: 'wecom', url: `${receiver.url}/alerts`, language: 'en' },
    });
    const target = added.body as ChatTargetView;
    const rule = await call(running.url, boss, 'POST', `${PATH}/rules`, { target: target.id, kinds: ['long_wrapup'] });
    expect(rule.status).toBe(201);
    const now = noonClock()();
    await floor.add({ type: 'rep.login', rep: 'rep-a1', team: 'team-a', name: 'Ann Lee', at: now - 600_000 });
    await floor.add({ type: 'call.dial', rep: 'rep-a1', call: 'w1', at: now - 500_000 });
    await floor.add({ type: 'call.answer', rep: 'rep-a1', call: 'w1', at: now - 400_000 });
    await floor.add({ type: 'call.hangup', rep: 'rep-a1', call: 'w1', at: now - 300_000 });
    const got = await waitFor(
      'the alert at the receiver',
      () => receiver.received.find((r) => r.path === '/alerts'),
      5000,
    );
    const content = (JSON.parse(got.body) as { markdown: { content: string } }).markdown.content;
    expect(content).toContain('Alert: long wrap-up (Ann Lee)');
  });
});
