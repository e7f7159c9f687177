/**
 * Campaigns, lists and lines over real Redis and HTTP (issue #15): who sees which calls' campaigns,
 * that no answer carries a customer id or number, list sizes from `list.loaded` and a supervisor,
 * customers reached, and `?campaign=` on the floor and the leaderboard.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { CampaignsResponse } from '../../shared/contracts/campaigns';
import type { FloorResponse, NewKioskResponse } from '../../shared/contracts/http';
import type { LeaderboardResponse } from '../../shared/domain/leaderboard';
import type { SourceEvent } from '../../shared/events/callEvent';
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
const t0 = testDayNoon() - 1800_000;
const PERSONAL = ['crm:111', 'crm:112', 'crm:999', 'Wang 13812345678', '13812345678', 'Li Lei'];

function dialled(
  rep: string,
  id: string,
  at: number,
  ctx: Partial<SourceEvent & { campaign: string; list: string; callerId: string; customer: string; contact: string }>,
  end: { outcome?: 'sale' | 'busy' | 'refused'; amount?: number; cause?: string; answered?: boolean },
): SourceEvent[] {
  const events: SourceEvent[] = [{ type: 'call.dial', rep, call: id, at, ...ctx } as SourceEvent];
  if (end.answered) events.push({ type: 'call.answer', rep, call: id, at: at + 5000 });
  events.push({ type: 'call.hangup', rep, call: id, at: at + 90_000, ...(end.cause ? { cause: end.cause } : {}) });
  if (end.outcome)
    events.push({
      type: 'call.outcome',
      rep,
      call: id,
      at: at + 91_000,
      outcome: end.outcome,
      ...(end.amount !== undefined ? { amount: end.amount } : {}),
    });
  return events;
}

beforeAll(async () => {
  floor = createTestFloor(inject('redisUrl'));
  running = await startTestApp(floor.config, noonClock());
  await addPeople(floor.config);
  const spring = { campaign: 'spring', list: 'l-north', callerId: '+8610000001' };
  const events: SourceEvent[] = [
    { type: 'list.loaded', list: 'l-north', size: 10, campaign: 'spring', at: t0 - 60_000 } as SourceEvent,
    { type: 'rep.login', rep: 'rep-a1', team: 'team-a', at: t0 },
    { type: 'rep.login', rep: 'rep-b1', team: 'team-b', at: t0 },
    ...dialled('rep-a1', 'a-1', t0 + 1000, { ...spring, customer: 'crm:111', contact: 'Wang 13812345678' }, {}),
    ...dialled(
      'rep-a1',
      'a-2',
      t0 + 100_000,
      { ...spring, customer: 'crm:112' },
      { answered: true, outcome: 'sale', amount: 100 },
    ),
    ...dialled('rep-a1', 'a-3', t0 + 200_000, { ...spring, customer: 'crm:111' }, { outcome: 'busy' }),
    ...dialled(
      'rep-a1',
      'a-4',
      t0 + 300_000,
      { campaign: '__proto__', list: '__proto__' },
      { cause: 'UNALLOCATED_NUMBER' },
    ),
    ...dialled(
      'rep-b1',
      'b-1',
      t0 + 1000,
      { campaign: 'autumn', list: 'l-south', callerId: '4001234567', customer: 'crm:999', contact: 'Li Lei' },
      { cause: 'USER_BUSY' },
    ),
    ...dialled(
      'rep-b1',
      'b-2',
      t0 + 100_000,
      { campaign: 'autumn', list: 'l-south', callerId: '4001234567' },
      { answered: true, outcome: 'refused' },
    ),
  ];
  for (const event of events) await floor.add(event);
  await waitFor(
    'the calls folded',
    () => running.app.floor.repView('rep-b1').dials === 2 && running.app.floor.repView('rep-a1').dials === 4,
  );
});

afterAll(async () => {
  await running?.stop();
  await floor?.writer.quit();
});

async function campaignsAs(username: string, query = ''): Promise<CampaignsResponse> {
  const { token } = await logIn(running.url, username);
  const res = await call(running.url, token, 'GET', `/api/campaigns${query}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as CampaignsResponse;
}

describe('GET /api/campaigns', () => {
  it('gives a supervisor every campaign, list and line of the floor, with list reach from Redis', async () => {
    let view: CampaignsResponse | null = null;
    await waitFor('list reach written', async () => {
      view = await campaignsAs('boss');
      return view.lists.find((l) => l.list === 'l-north')?.customersReached === 2;
    });
    const v = view!;
    expect(v.scope).toEqual({ kind: 'floor' });
    const spring = v.campaigns.find((c) => c.campaign === 'spring')!;
    expect(spring).toMatchObject({ dials: 3, connects: 1, deals: 1, revenue: 100, busy: 1, lists: 1, target: null });
    expect(v.campaigns.find((c) => c.campaign === 'autumn')).toMatchObject({
      dials: 2,
      busy: 1,
      refused: 1,
      connects: 1,
    });
    expect(v.campaigns.find((c) => c.campaign === '__proto__')).toMatchObject({ dials: 1, invalid: 1 });
    expect(v.lists.find((l) => l.list === '__proto__')).toMatchObject({ dials: 1, invalid: 1, size: null });
    const north = v.lists.find((l) => l.list === 'l-north')!;
    // Two distinct customers (crm:111 twice): the size came with list.loaded.
    expect(north).toMatchObject({ size: 10, campaign: 'spring', customersReached: 2, customersDialled: 2 });
    expect(v.callerIds.map((c) => c.callerId).sort()).toEqual(['+8610000001', '4001234567']);
    expect(v.callerIds.find((c) => c.callerId === '+8610000001')).toMatchObject({
      dials: 3,
      connects: 1,
      flagged: false,
    });
    expect(v.total).toMatchObject({ dials: 6, deals: 1 });
  });

  it("gives a lead only the team's calls' campaigns, lists and lines", async () => {
    const a = await campaignsAs('lead-a');
    expect(a.scope).toEqual({ kind: 'team', team: 'team-a' });
    expect(a.campaigns.map((c) => c.campaign).sort()).toEqual(['__proto__', 'spring']);
    expect(a.lists.map((l) => l.list).sort()).toEqual(['__proto__', 'l-north']);
    expect(a.callerIds.map((c) => c.callerId)).toEqual(['+8610000001']);
    expect(a.total).toMatchObject({ dials: 4 });
    const b = await campaignsAs('lead-b');
    expect(b.campaigns.map((c) => c.campaign)).toEqual(['autumn']);
    expect(b.campaigns[0]).toMatchObject({ dials: 2, busy: 1 });
    expect(b.lists.map((l) => l.list)).toEqual(['l-south']);
  });

  it('never carries a customer id, a contact or a number in any answer to a lead or a supervisor', async () => {
    for (const username of ['lead-a', 'lead-b', 'boss']) {
      const { token } = await logIn(running.url, username);
      for (const path of ['/api/campaigns', '/api/campaigns?campaign=spring', '/api/floor?campaign=spring']) {
        const text = JSON.stringify((await call(running.url, token, 'GET', path)).body);
        for (const detail of PERSONAL) expect(text, `${username} ${path}`).not.toContain(detail);
      }
    }
  });

  it('refuses reps and wallboards, and bad queries; an unknown campaign has no rows', async () => {
    const { token: rep } = await logIn(running.url, 'ann');
    expect((await call(running.url, rep, 'GET', '/api/campaigns')).status).toBe(403);
    expect((await call(running.url, floor.token, 'GET', '/api/campaigns')).status).toBe(403);
    const { token: boss } = await logIn(running.url, 'boss');
    const kiosk = (await call(running.url, boss, 'POST', '/api/kiosks', { name: 'TV' })).body as NewKioskResponse;
    expect((await call(running.url, kiosk.token, 'GET', '/api/campaigns')).status).toBe(403);
    for (const query of ['?campaign=a%20b', '?campaign=*', '?campaign=a&campaign=b', '?team=team-a'])
      expect((await call(running.url, boss, 'GET', `/api/campaigns${query}`)).status, query).toBe(400);
    const unknown = await campaignsAs('boss', '?campaign=nobody');
    expect(unknown).toMatchObject({ campaigns: [], lists: [], callerIds: [] });
    expect(unknown.total.dials).toBe(0);
  });

  it('?campaign= keeps the campaign and its lists only', async () => {
    const v = await campaignsAs('boss', '?campaign=spring');
    expect(v.campaigns.map((c) => c.campaign)).toEqual(['spring']);
    expect(v.lists.map((l) => l.list)).toEqual(['l-north']);
    expect(v.total).toMatchObject({ dials: 3, deals: 1 });
    // A lead asking for another team's campaign sees none of its calls.
    expect((await campaignsAs('lead-a', '?campaign=autumn')).campaigns).toEqual([]);
  });

  it('lets a supervisor set a list size; a lead may not; a bad size is refused', async () => {
    const { token: boss } = await logIn(running.url, 'boss');
    const { token: lead } = await logIn(running.url, 'lead-b');
    expect((await call(running.url, lead, 'PUT', '/api/lists/l-south/size', { size: 50 })).status).toBe(403);
    for (const body of [{ size: -1 }, { size: 1.5 }, { size: 100_000_001 }, { size: '5' }, { size: 5, x: 1 }])
      expect((await call(running.url, boss, 'PUT', '/api/lists/l-south/size', body)).status, JSON.stringify(body)).toBe(
        400,
      );
    expect((await call(running.url, boss, 'PUT', '/api/lists/bad%20id/size', { size: 5 })).status).toBe(400);
    expect((await call(running.url, boss, 'PUT', '/api/lists/l-south/size', { size: 50 })).status).toBe(200);
    const south = (await campaignsAs('lead-b')).lists.find((l) => l.list === 'l-south')!;
    expect(south).toMatchObject({ size: 50, customersReached: 1 });
  });
});

describe('?campaign= on the floor and the leaderboard', () => {
  it("counts every rep's figures from that campaign's calls only", async () => {
    const { token } = await logIn(running.url, 'boss');
    const all = (await call(running.url, token, 'GET', '/api/floor')).body as FloorResponse;
    const spring = (await call(running.url, token, 'GET', '/api/floor?campaign=spring')).body as FloorResponse;
    expect(all.reps.find((r) => r.id === 'rep-a1')!.dials).toBe(4);
    expect(spring.reps.find((r) => r.id === 'rep-a1')).toMatchObject({ dials: 3, deals: 1, revenue: 100 });
    expect(spring.reps.find((r) => r.id === 'rep-b1')).toMatchObject({ dials: 0, connects: 0 });
    expect(spring.totals).toMatchObject({ dials: 3, deals: 1, revenue: 100 });
    expect(spring.teams.find((t) => t.id === 'team-b')!.totals.dials).toBe(0);
    expect((await call(running.url, token, 'GET', '/api/floor?campaign=a%20b')).status).toBe(400);
    const { token: lead } = await logIn(running.url, 'lead-b');
    const teamB = (await call(running.url, lead, 'GET', '/api/floor?campaign=autumn')).body as FloorResponse;
    expect(teamB.totals.dials).toBe(2);
  });

  it('ranks by the campaign figures today, and refuses the campaign for past periods', async () => {
    const { token } = await logIn(running.url, 'boss');
    const res = await call(running.url, token, 'GET', '/api/leaderboard?metric=dials&campaign=autumn');
    expect(res.status).toBe(200);
    const rows = (res.body as LeaderboardResponse).rows;
    expect(rows.find((r) => r.rep === 'rep-b1')!.value).toBe(2);
    expect(rows.find((r) => r.rep === 'rep-a1')!.value).toBe(0);
    const week = await call(running.url, token, 'GET', '/api/leaderboard?metric=dials&period=week&campaign=autumn');
    expect(week.status).toBe(400);
    expect(JSON.stringify(week.body)).toContain('campaign');
  });
});
