/**
 * Campaign targets over real Redis and HTTP (issue #15 item 4): a supervisor sets a campaign's
 * daily dials, deals and revenue on PUT /api/targets; GET /api/campaigns carries them as the
 * row's target; leads read them but may not write, reps and wallboards neither; bad input is
 * refused and loses nothing; concurrent writers lose nothing.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { CampaignsResponse } from '../../shared/contracts/campaigns';
import type { NewKioskResponse, TargetsResponse } from '../../shared/contracts/http';
import type { SourceEvent } from '../../shared/events/callEvent';
import { redisKeys } from '../../server/redis/keys';
import { createTargetsRepo } from '../../server/redis/targetsRepo';
import { addPeople, call, logIn } from './support/people';
import {
  createTestFloor,
  noonClock,
  startTestApp,
  testDayNoon,
  type RunningApp,
  type TestFloor,
} from './support/testApp';
import { waitFor } from './support/waitFor';

let floor: TestFloor;
let running: RunningApp;
let boss: string;
const t0 = testDayNoon() - 1800_000;

beforeAll(async () => {
  floor = createTestFloor(inject('redisUrl'));
  running = await startTestApp(floor.config, noonClock());
  await addPeople(floor.config);
  const events: SourceEvent[] = [{ type: 'rep.login', rep: 'rep-a1', team: 'team-a', at: t0 }];
  for (const [i, campaign] of ['spring', '__proto__'].entries())
    events.push(
      { type: 'call.dial', rep: 'rep-a1', call: `c-${i}`, at: t0 + i * 100_000 + 1000, campaign } as SourceEvent,
      { type: 'call.answer', rep: 'rep-a1', call: `c-${i}`, at: t0 + i * 100_000 + 5000 },
      { type: 'call.hangup', rep: 'rep-a1', call: `c-${i}`, at: t0 + i * 100_000 + 90_000 },
      {
        type: 'call.outcome',
        rep: 'rep-a1',
        call: `c-${i}`,
        at: t0 + i * 100_000 + 91_000,
        outcome: 'sale',
        amount: 50,
      },
    );
  for (const event of events) await floor.add(event);
  await waitFor('the calls folded', () => running.app.floor.repView('rep-a1').dials === 2);
  boss = (await logIn(running.url, 'boss')).token;
});

afterAll(async () => {
  await running?.stop();
  await floor?.writer.quit();
});

const put = (token: string, body: unknown) => call(running.url, token, 'PUT', '/api/targets', body);
const daily = (campaign: string, targets: Record<string, number | null>) => ({
  scope: { kind: 'campaign', campaign },
  period: 'daily',
  targets,
});

async function campaignRows(token = boss): Promise<CampaignsResponse['campaigns']> {
  const res = await call(running.url, token, 'GET', '/api/campaigns');
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return (res.body as CampaignsResponse).campaigns;
}

describe('campaign targets', () => {
  it('lets a supervisor set them; /api/campaigns shows them as the row target, a __proto__ campaign too', async () => {
    expect((await campaignRows()).find((c) => c.campaign === 'spring')?.target).toBeNull();
    const res = await put(boss, daily('spring', { dials: 200, deals: 4, revenue: 1500.5 }));
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect((res.body as TargetsResponse).settings.campaigns.spring).toEqual({
      daily: { dials: 200, deals: 4, revenue: 1500.5 },
    });
    expect((await put(boss, daily('__proto__', { deals: 3 }))).status).toBe(200);
    const rows = await campaignRows();
    expect(rows.find((c) => c.campaign === 'spring')).toMatchObject({
      dials: 1,
      deals: 1,
      target: { dials: 200, deals: 4, revenue: 1500.5 },
    });
    expect(rows.find((c) => c.campaign === '__proto__')?.target).toEqual({ dials: null, deals: 3, revenue: null });
    expect(({} as Record<string, unknown>).deals).toBeUndefined();
    // A lead's Campaigns screen shows them too.
    const { token: lead } = await logIn(running.url, 'lead-a');
    expect((await campaignRows(lead)).find((c) => c.campaign === 'spring')?.target).toMatchObject({ deals: 4 });

    // Clearing a figure (null) keeps the others; clearing all leaves no target.
    expect((await put(boss, daily('spring', { dials: null }))).status).toBe(200);
    expect((await campaignRows()).find((c) => c.campaign === 'spring')?.target).toEqual({
      dials: null,
      deals: 4,
      revenue: 1500.5,
    });
    expect((await put(boss, daily('__proto__', { deals: null }))).status).toBe(200);
    expect((await campaignRows()).find((c) => c.campaign === '__proto__')?.target).toBeNull();
  });

  it('lets a lead read them but not write; a rep neither; a wallboard or kiosk is refused', async () => {
    expect((await put(boss, daily('spring', { deals: 4 }))).status).toBe(200);
    const { token: lead } = await logIn(running.url, 'lead-a');
    expect((await put(lead, daily('spring', { deals: 99 }))).status).toBe(403);
    const read = await call(running.url, lead, 'GET', '/api/targets');
    expect(read.status).toBe(200);
    expect((read.body as TargetsResponse).settings.campaigns.spring?.daily?.deals).toBe(4);

    const { token: rep } = await logIn(running.url, 'ann');
    expect((await put(rep, daily('spring', { deals: 99 }))).status).toBe(403);
    const repRead = (await call(running.url, rep, 'GET', '/api/targets')).body as TargetsResponse;
    expect(repRead.settings.campaigns).toEqual({});

    const kiosk = (await call(running.url, boss, 'POST', '/api/kiosks', { name: 'TV' })).body as NewKioskResponse;
    expect((await put(kiosk.token, daily('spring', { deals: 99 }))).status).toBe(403);
    expect((await call(running.url, kiosk.token, 'GET', '/api/targets')).status).toBe(403);
    expect((await put(floor.token, daily('spring', { deals: 99 }))).status).toBe(403);
    expect((await campaignRows()).find((c) => c.campaign === 'spring')?.target?.deals).toBe(4);
  });

  it('refuses bad input with a clear error and loses nothing', async () => {
    // A session of its own: writes are rate-limited per session.
    const boss = (await logIn(running.url, 'boss')).token;
    expect((await put(boss, daily('spring', { dials: 200, deals: 4, revenue: 1500.5 }))).status).toBe(200);
    const bad: [string, unknown][] = [
      ['weekly', { scope: { kind: 'campaign', campaign: 'spring' }, period: 'weekly', targets: { deals: 1 } }],
      ['monthly', { scope: { kind: 'campaign', campaign: 'spring' }, period: 'monthly', targets: { deals: 1 } }],
      ['talk minutes', daily('spring', { talkMinutes: 10 })],
      ['leads', daily('spring', { leads: 10 })],
      ['negative', daily('spring', { deals: -1 })],
      ['too big', daily('spring', { revenue: 1e10 })],
      ['a string', daily('spring', { deals: '5' as unknown as number })],
      ['space in id', daily('a b', { deals: 1 })],
      ['other bucket', daily('*', { deals: 1 })],
      ['empty id', daily('', { deals: 1 })],
      ['long id', daily('x'.repeat(65), { deals: 1 })],
      ['extra field', { ...daily('spring', { deals: 1 }), extra: 1 }],
      [
        'extra scope field',
        { scope: { kind: 'campaign', campaign: 'spring', team: 'team-a' }, period: 'daily', targets: {} },
      ],
    ];
    for (const [why, body] of bad) {
      const res = await put(boss, body);
      expect(res.status, why).toBe(400);
      expect(typeof (res.body as { error?: unknown }).error, why).toBe('string');
    }
    expect((await campaignRows()).find((c) => c.campaign === 'spring')?.target).toEqual({
      dials: 200,
      deals: 4,
      revenue: 1500.5,
    });
  });

  it('keeps every figure of concurrent writers (HTTP and the repo)', async () => {
    // Three supervisors' sessions at once (writes are rate-limited per session).
    const [a, b, c] = await Promise.all([1, 2, 3].map(async () => (await logIn(running.url, 'boss')).token));
    for (let round = 1; round <= 5; round++) {
      const results = await Promise.all([
        put(a!, daily('rush', { dials: round * 10 })),
        put(b!, daily('rush', { deals: round })),
        put(c!, daily('rush', { revenue: round * 100 })),
      ]);
      expect(results.map((r) => r.status)).toEqual([200, 200, 200]);
      const layer = (await call(running.url, boss, 'GET', '/api/targets')).body as TargetsResponse;
      expect(layer.settings.campaigns.rush).toEqual({
        daily: { dials: round * 10, deals: round, revenue: round * 100 },
      });
    }
    // Forty writers on one field at once, each adding its own figure: none is lost.
    const repo = createTargetsRepo(floor.writer, redisKeys(floor.config));
    await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        repo.update('campaign:many', (layer) => ({ daily: { ...layer?.daily, [`m${i}`]: i } })),
      ),
    );
    expect(Object.keys((await repo.get('campaign:many'))?.daily ?? {})).toHaveLength(40);
  });
});
