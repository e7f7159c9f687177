/**
 * The issue #15 per-rep alerts end to end, on real Redis and real sockets: the contact ledger
 * counts a hundred dials of one customer in the same millisecond exactly; contact frequency and
 * missing outcomes reach the rep's lead and the supervisor (never another team's lead), and no
 * customer id or phone number is on any wire.
 */
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { AlertsResponse } from '../../shared/contracts/http';
import type { Alert } from '../../shared/domain/alertTypes';
import { redisKeys } from '../../server/redis/keys';
import { createContactRepo } from '../../server/redis/contactRepo';
import { addPeople, call, logIn } from './support/people';
import {
  connectClient,
  createTestFloor,
  noonClock,
  startTestApp,
  type RunningApp,
  type TestFloor,
  type TestSocket,
} from './support/testApp';
import { waitFor } from './support/waitFor';

const MINUTE = 60_000;

describe('the contact ledger (real Redis)', () => {
  let floor: TestFloor;
  let redis: Redis;
  beforeAll(() => {
    floor = createTestFloor(inject('redisUrl'));
    redis = new Redis(inject('redisUrl'));
  });
  afterAll(async () => {
    await floor.writer.quit();
    await redis.quit();
  });

  it('counts 100 concurrent dials of one customer in the same millisecond as 1..100, once per call', async () => {
    const keys = redisKeys(floor.config);
    const repo = createContactRepo(redis, keys);
    const at = Date.UTC(2026, 2, 2, 2, 0);
    const dial = (i: number) =>
      repo.dial({ day: '2026-03-02', customer: 'crm:100', call: `c${i}`, rep: `rep-${i % 7}`, at });
    const first = await Promise.all(Array.from({ length: 100 }, (_, i) => dial(i)));
    expect(first.filter((d) => d === null)).toHaveLength(1);
    const times = first.flatMap((d) => (d ? [d.times] : [])).sort((a, b) => a - b);
    expect(times).toEqual(Array.from({ length: 99 }, (_, i) => i + 2));
    // A re-read of the stream (or another instance) gets the same answers and counts nothing more.
    const again = await Promise.all(Array.from({ length: 100 }, (_, i) => dial(i)));
    expect(again.map((d) => d?.times ?? 1)).toEqual(first.map((d) => d?.times ?? 1));
    expect(await redis.hget(keys.contact('2026-03-02', 'crm:100'), 'n')).toBe('100');
    expect(await redis.ttl(keys.contact('2026-03-02', 'crm:100'))).toBeGreaterThan(24 * 3600);
  });

  it('answers a repeat with the other reps and the smallest gap to each', async () => {
    const repo = createContactRepo(redis, redisKeys(floor.config));
    const at = Date.UTC(2026, 2, 2, 2, 0);
    const base = { day: '2026-03-02', customer: 'crm:200' };
    expect(await repo.dial({ ...base, call: 'a', rep: 'rep-b1', at })).toBeNull();
    await repo.dial({ ...base, call: 'b', rep: 'rep-b1', at: at + 3 * MINUTE });
    await repo.dial({ ...base, call: 'c', rep: 'rep-a2', at: at + 20 * MINUTE });
    expect(await repo.dial({ ...base, call: 'd', rep: 'rep-a1', at: at + 5 * MINUTE })).toEqual({
      rep: 'rep-a1',
      at: at + 5 * MINUTE,
      times: 4,
      others: [
        { rep: 'rep-a2', gapMs: 15 * MINUTE },
        { rep: 'rep-b1', gapMs: 2 * MINUTE },
      ],
    });
  });
});

describe('contact frequency and missing outcomes on the wire', () => {
  const SECRETS = ['crm:secret-4242', '13912345678'];
  let floor: TestFloor;
  let running: RunningApp;
  const sockets: TestSocket[] = [];
  const wire = new Map<string, string[]>();
  const raised = new Map<string, Alert[]>();

  function listen(name: string, token: string): TestSocket {
    const socket = connectClient(running.url, token);
    sockets.push(socket);
    wire.set(name, []);
    raised.set(name, []);
    socket.onAny((event: string, ...args: unknown[]) => wire.get(name)!.push(`${event} ${JSON.stringify(args)}`));
    socket.on('alert:raised', (alerts: Alert[]) => raised.get(name)!.push(...alerts));
    return socket;
  }

  beforeAll(async () => {
    floor = createTestFloor(inject('redisUrl'));
    const clock = noonClock();
    running = await startTestApp(floor.config, clock);
    await addPeople(floor.config);
    const [leadA, leadB, boss] = await Promise.all(['lead-a', 'lead-b', 'boss'].map((u) => logIn(running.url, u)));
    const all = [
      listen('kiosk', floor.token),
      listen('lead-a', leadA!.token),
      listen('lead-b', leadB!.token),
      listen('supervisor', boss!.token),
    ];
    await Promise.all(all.map((s) => new Promise<void>((resolve) => s.once('floor:snapshot', () => resolve()))));

    const at = clock() - 30 * MINUTE;
    await floor.add({ type: 'rep.login', rep: 'rep-a1', team: 'team-a', at });
    await floor.add({ type: 'rep.login', rep: 'rep-b1', team: 'team-b', at });
    const [customer, phone] = SECRETS as [string, string];
    // rep-b1 dials the customer, rep-a1 two minutes later (two reps within 10 min), then 3 more times.
    await floor.add({ type: 'call.dial', rep: 'rep-b1', call: 'b1', customer, contact: phone, at: at + MINUTE });
    for (let i = 0; i < 4; i++) {
      const t = at + 3 * MINUTE + i * MINUTE;
      await floor.add({ type: 'call.dial', rep: 'rep-a1', call: `a${i}`, customer, contact: phone, at: t });
      await floor.add({ type: 'call.hangup', rep: 'rep-a1', call: `a${i}`, at: t + 20_000 });
      await floor.add({ type: 'call.outcome', rep: 'rep-a1', call: `a${i}`, outcome: 'no_answer', at: t + 21_000 });
    }
    // A call of rep-a1's hung up 20 minutes ago without an outcome.
    await floor.add({ type: 'call.dial', rep: 'rep-a1', call: 'lost', customer: phone, at: at + 9 * MINUTE });
    await floor.add({ type: 'call.hangup', rep: 'rep-a1', call: 'lost', customer: phone, at: at + 10 * MINUTE });
    await waitFor('both alerts reach lead-a', () =>
      ['contact_frequency', 'missing_outcome'].every((rule) => raised.get('lead-a')!.some((a) => a.rule === rule)),
    );
    await waitFor('and the supervisor', () => raised.get('supervisor')!.length >= 2);
  });

  afterAll(async () => {
    for (const socket of sockets) socket.disconnect();
    await running?.stop();
    await floor?.writer.quit();
  });

  it("names the rep, the other rep and the count, for the rep's lead", () => {
    const alerts = raised.get('lead-a')!;
    expect(alerts.find((a) => a.rule === 'contact_frequency')).toMatchObject({
      rep: 'rep-a1',
      team: 'team-a',
      detail: expect.stringMatching(/^\d*\/rep-b1$/),
    });
    expect(alerts.find((a) => a.rule === 'missing_outcome')).toMatchObject({ rep: 'rep-a1', detail: '1' });
  });

  it("another team's lead gets none of them, on the socket or over HTTP", async () => {
    expect(raised.get('lead-b')!.filter((a) => a.rep === 'rep-a1')).toEqual([]);
    const leadB = await logIn(running.url, 'lead-b');
    const res = await call(running.url, leadB.token, 'GET', '/api/alerts');
    expect((res.body as AlertsResponse).active.filter((a) => a.rep === 'rep-a1')).toEqual([]);
  });

  it.each(['kiosk', 'lead-a', 'lead-b', 'supervisor'])('the %s socket carries no customer id or phone', (name) => {
    const seen = wire.get(name)!.join('\n');
    for (const secret of SECRETS) expect(seen).not.toContain(secret);
  });

  it('keeps the contact alert open across a restart that folds from a checkpoint', async () => {
    const boss = await logIn(running.url, 'boss');
    const before = (await call(running.url, boss.token, 'GET', '/api/alerts')).body as AlertsResponse;
    const open = before.active.find((a) => a.rule === 'contact_frequency')!;
    expect(open).toBeDefined();
    await running.stop(); // saves a checkpoint: the next start folds nothing of the dials above
    running = await startTestApp(floor.config, noonClock());
    const again = await logIn(running.url, 'boss');
    // The start's whole-floor evaluation is over once the server listens.
    const after = (await call(running.url, again.token, 'GET', '/api/alerts')).body as AlertsResponse;
    expect(after.active.find((a) => a.id === open.id)).toMatchObject({ clearedAt: null, detail: open.detail });
    const stored = await floor.writer.hgetall(
      `${floor.config.keyPrefix}contact-repeats:${open.id ? dayOfAlert(open) : ''}`,
    );
    for (const secret of SECRETS) expect(JSON.stringify(stored)).not.toContain(secret);
  });

  it('no alert answer over HTTP carries one either', async () => {
    for (const who of ['lead-a', 'boss']) {
      const { token } = await logIn(running.url, who);
      const body = JSON.stringify((await call(running.url, token, 'GET', '/api/alerts')).body);
      expect(body).toContain('contact_frequency');
      for (const secret of SECRETS) expect(body).not.toContain(secret);
    }
  });
});

/** The local (UTC, the test floor's zone) day of an alert. */
function dayOfAlert(alert: Alert): string {
  return new Date(alert.since).toISOString().slice(0, 10);
}

describe('the issue #15 thresholds over HTTP', () => {
  let floor: TestFloor;
  let running: RunningApp;
  beforeAll(async () => {
    floor = createTestFloor(inject('redisUrl'));
    running = await startTestApp(floor.config, noonClock());
    await addPeople(floor.config);
  });
  afterAll(async () => {
    await running?.stop();
    await floor?.writer.quit();
  });
  const put = (token: string, body: unknown) => call(running.url, token, 'PUT', '/api/alert-settings', body);

  it('a supervisor sets a campaign’s list thresholds; a lead reads but may not set them', async () => {
    const [boss, lead] = await Promise.all([logIn(running.url, 'boss'), logIn(running.url, 'lead-a')]);
    const body = { scope: 'campaign', campaign: 'spring', thresholds: { listInvalidPercent: 45, listDryMinutes: 20 } };
    expect((await put(boss.token, body)).status).toBe(200);
    expect((await put(lead.token, body)).status).toBe(403);
    const asLead = await call(running.url, lead.token, 'GET', '/api/alert-settings');
    expect(asLead.body).toMatchObject({ campaigns: { spring: body.thresholds } });
    // A team overrides the per-rep rules, never the floor's lines and lists.
    const team = (thresholds: object) => put(lead.token, { scope: 'team', team: 'team-a', thresholds });
    expect((await team({ missingOutcomeMinutes: 5, contactMaxPerDay: 2 })).status).toBe(200);
    const refused = await team({ listInvalidPercent: 5 });
    expect(refused.status).toBe(400);
    // Emptied, the campaign's overrides are gone.
    expect((await put(boss.token, { ...body, thresholds: {} })).status).toBe(200);
    expect((await call(running.url, boss.token, 'GET', '/api/alert-settings')).body).not.toHaveProperty('campaigns');
  });

  it('a floor sent without the new thresholds keeps their values; a bad one is refused with a reason', async () => {
    const boss = await logIn(running.url, 'boss');
    const current = (await call(running.url, boss.token, 'GET', '/api/alert-settings')).body as {
      floor: Record<string, unknown>;
    };
    expect(
      (await put(boss.token, { scope: 'floor', thresholds: { ...current.floor, contactMaxPerDay: 6 } })).status,
    ).toBe(200);
    const { contactMaxPerDay: _, listMinDials: __, ...older } = current.floor;
    expect((await put(boss.token, { scope: 'floor', thresholds: { ...older, idleMinutes: 7 } })).status).toBe(200);
    const after = (await call(running.url, boss.token, 'GET', '/api/alert-settings')).body as typeof current;
    expect(after.floor).toMatchObject({
      idleMinutes: 7,
      contactMaxPerDay: 6,
      listMinDials: current.floor.listMinDials,
    });
    const bad = await put(boss.token, { scope: 'floor', thresholds: { ...after.floor, callerIdDropPercent: 100 } });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('callerIdDropPercent');
  });
});
