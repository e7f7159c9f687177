/**
 * Lead handoffs (issue #16) over real Redis: the ledger makes the same lead from its events in
 * every order and re-delivered; the stream feeds it end to end; a rep sees their own, a lead the
 * team's outgoing and incoming, a supervisor all, a wallboard counts; credit on a won close shows
 * on the leaderboard; 100 concurrent accepts make one acceptance; the waiting alert reaches both
 * leads; the ledger survives a restart and stream trimming.
 */
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, inject, it } from 'vitest';
import type { AlertsResponse } from '../../shared/contracts/http';
import type { LeaderboardResponse } from '../../shared/domain/leaderboard';
import type { HandoffsResponse } from '../../shared/domain/handoffs';
import type { SourceEvent } from '../../shared/events/callEvent';
import { createHandoffRepo, type FactWrite } from '../../server/redis/handoffRepo';
import { addPeople, call, logIn } from './support/people';
import { createTestFloor, startTestApp, testDayNoon } from './support/testApp';
import { waitFor } from './support/waitFor';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const cleanups: (() => Promise<unknown> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function ledger() {
  const redis = new Redis(inject('redisUrl'));
  cleanups.push(() => redis.quit());
  const prefix = `test:${randomUUID()}:ho:`;
  return { redis, prefix, repo: createHandoffRepo(redis, { handoffs: prefix }, { windowMs: 30 * DAY }) };
}

const T = Date.UTC(2026, 10, 23, 9, 0);
/** One lead's facts as the ingest edge writes them (entry IDs in source-time order). */
function facts(lead: string): FactWrite[] {
  const base = { lead, rep: 'rep-a1' };
  return [
    {
      ...base,
      fact: 'handoff',
      at: T,
      id: `${T}-0`,
      fields: {
        rep: 'rep-a1',
        team: 'team-a',
        to: 'team-b',
        toTeam: 'team-b',
        call: '',
        campaign: 'spring',
        contact: 'Mr Li',
        amount: '1000',
      },
    },
    { ...base, fact: 'accepted', at: T + MIN, id: `${T + MIN}-0`, fields: { acceptedBy: 'cathy' } },
    {
      ...base,
      fact: 'closed',
      at: T + 5 * MIN,
      id: `${T + 5 * MIN}-0`,
      fields: { result: 'won', closedAmount: '1200', closedBy: 'cathy' },
    },
    { ...base, fact: 'accepted', at: T + 9 * MIN, id: `${T + 9 * MIN}-0`, fields: { acceptedBy: 'late-dan' } },
  ];
}

function permutations<T>(items: readonly T[]): T[][] {
  if (items.length <= 1) return [[...items]];
  return items.flatMap((item, i) =>
    permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((p) => [item, ...p]),
  );
}

describe('handoff ledger over Redis', () => {
  it('makes the same lead from its events in every order, each delivered twice', async () => {
    const { redis, prefix, repo } = ledger();
    const now = T + HOUR;
    let n = 0;
    for (const order of permutations(facts('x'))) {
      const lead = `L-${n++}`;
      for (const f of [...order, ...order]) await repo.write({ ...f, lead }, now);
      const item = await repo.get(lead);
      expect(item).toMatchObject({
        state: 'won',
        acceptedBy: 'cathy', // the earliest acceptance, never the late one
        closedAmount: 1200,
        contact: 'Mr Li',
        team: 'team-a',
        toTeam: 'team-b',
        handoffAt: T,
      });
      expect(await redis.zscore(`${prefix}open`, lead)).toBeNull(); // closed: not open
      expect(await redis.zscore(`${prefix}to:team-b`, lead)).toBe(String(T));
      expect(await redis.ttl(`${prefix}item:${lead}`)).toBeGreaterThan(0); // closed ones expire
    }
  });

  it('keeps an acceptance that arrives before its handoff, and a close is not undone by a late acceptance', async () => {
    const { redis, prefix, repo } = ledger();
    const [handoff, accepted, closed, late] = facts('L-early');
    expect(await repo.write(accepted!, T + HOUR)).toEqual({ taken: true, state: 'pending' });
    expect(await repo.openLeads(10)).toEqual([]); // nothing listed before the handoff
    expect(await repo.write(handoff!, T + HOUR)).toEqual({ taken: true, state: 'accepted' });
    expect(await repo.openLeads(10)).toEqual(['L-early']);
    expect(await redis.ttl(`${prefix}item:L-early`)).toBe(-1); // open: kept
    expect(await repo.write(closed!, T + HOUR)).toEqual({ taken: true, state: 'won' });
    expect(await repo.write(late!, T + HOUR)).toEqual({ taken: false, state: 'won' });
    expect(await repo.write(closed!, T + HOUR)).toEqual({ taken: false, state: 'won' }); // re-delivered
    // A rejection later than the acceptance (no close yet) wins the decision; an earlier one does not.
    const [h2] = facts('L-rej');
    await repo.write(h2!, T + HOUR);
    await repo.write(
      { ...h2!, fact: 'accepted', at: T + 2 * MIN, id: `${T + 2 * MIN}-0`, fields: { acceptedBy: 'c' } },
      T + HOUR,
    );
    const rej = { ...h2!, fact: 'rejected' as const, fields: { rejectedBy: 'c', rejectedReason: 'no_budget' } };
    expect((await repo.write({ ...rej, at: T + MIN, id: `${T + MIN}-0` }, T + HOUR)).state).toBe('accepted');
    expect((await repo.write({ ...rej, at: T + 3 * MIN, id: `${T + 3 * MIN}-1` }, T + HOUR)).state).toBe('accepted');
    // The earliest rejection is kept (T + MIN): still before the acceptance.
    expect(await repo.get('L-rej')).toMatchObject({
      state: 'accepted',
      rejectedAt: T + MIN,
      rejectedReason: 'no_budget',
    });
  });

  it('lets exactly one of 100 concurrent accepts through', async () => {
    const { prefix, repo } = ledger();
    const [handoff] = facts('L-race');
    await repo.write(handoff!, T + HOUR);
    // Ten connections, ten accepts each, all at once.
    const clients = Array.from({ length: 10 }, () => new Redis(inject('redisUrl')));
    cleanups.push(() => Promise.all(clients.map((c) => c.quit())));
    const repos = clients.map((c) => createHandoffRepo(c, { handoffs: prefix }, { windowMs: 30 * DAY }));
    const results = await Promise.all(
      Array.from({ length: 100 }, (_, i) => repos[i % 10]!.accept('L-race', `person-${i}`, T + HOUR, T + HOUR)),
    );
    expect(results.filter((r) => r === 'accepted')).toHaveLength(1);
    expect(results.filter((r) => r === 'already')).toHaveLength(99);
    const winner = `person-${results.indexOf('accepted')}`;
    expect(await repo.get('L-race')).toMatchObject({ state: 'accepted', acceptedBy: winner });
    expect(await repo.accept('L-none', 'x', T, T)).toBe('missing');
  });
});

describe('handoffs through the app', () => {
  async function setUp(env: Record<string, string> = {}) {
    const floor = createTestFloor(inject('redisUrl'), { FLOORBOARD_TZ: 'UTC', ...env });
    const started = Date.now();
    let jump = 0;
    const clock = () => testDayNoon() + (Date.now() - started) + jump;
    const state = { running: await startTestApp(floor.config, clock) };
    cleanups.push(() => floor.writer.quit());
    cleanups.push(() => state.running.stop());
    await addPeople(floor.config);
    return { floor, clock, jump: (ms: number) => (jump += ms), state };
  }
  const list = async (url: string, token: string, query = '') => {
    const res = await call(url, token, 'GET', `/api/handoffs${query}`);
    expect(res.status).toBe(200);
    return res.body as HandoffsResponse;
  };
  const leads = (r: HandoffsResponse) => [...r.open, ...r.recent].map((h) => h.lead).sort();

  it('shows a rep their own, a lead the team’s outgoing and incoming, a supervisor all, a wallboard counts', async () => {
    const { floor, clock, state } = await setUp();
    const now = clock();
    for (const [rep, team] of [
      ['rep-a1', 'team-a'],
      ['rep-a2', 'team-a'],
      ['rep-b1', 'team-b'],
    ] as const)
      await floor.add({ type: 'rep.login', rep, team, at: now - HOUR });
    const handoff = (rep: string, lead: string, to: string, at: number): SourceEvent => ({
      ...{ type: 'lead.handoff', rep, lead, to, at },
      ...{ contact: `Contact ${lead}`, customer: '13812341234' },
    });
    await floor.add(handoff('rep-a1', 'L-ann', 'team-b', now - 40 * MIN)); // a -> b
    await floor.add(handoff('rep-a2', 'L-amy', 'closers', now - 30 * MIN)); // a -> closers
    await floor.add(handoff('rep-b1', 'L-bob', 'closers', now - 20 * MIN)); // b -> closers
    await floor.add({
      type: 'lead.rejected',
      rep: 'rep-a2',
      lead: 'L-amy',
      by: 'cathy',
      reason: 'no_budget',
      at: now - 10 * MIN,
    });
    const url = state.running.url;
    const [ann, amy, bob, leadA, leadB, boss] = await Promise.all(
      ['ann', 'amy', 'bob', 'lead-a', 'lead-b', 'boss'].map((u) => logIn(url, u)),
    );
    await waitFor('all three in', async () => leads(await list(url, boss!.token)).length === 3);

    const annList = await list(url, ann!.token);
    expect(leads(annList)).toEqual(['L-ann']);
    expect(annList.open[0]).toMatchObject({ contact: 'Contact L-ann', state: 'open', toTeam: 'team-b' });
    expect(leads(await list(url, amy!.token))).toEqual(['L-amy']);
    expect(leads(await list(url, bob!.token))).toEqual(['L-bob']);
    for (const forbidden of ['?rep=rep-a2', '?team=team-b'])
      expect((await call(url, ann!.token, 'GET', `/api/handoffs${forbidden}`)).status).toBe(403);

    // Lead A: the team's two outgoing; contact labels only on incoming ones (none here).
    const aList = await list(url, leadA!.token);
    expect(leads(aList)).toEqual(['L-amy', 'L-ann']);
    expect([...aList.open, ...aList.recent].every((h) => h.contact === null)).toBe(true);
    expect(aList.byRep.map((r) => r.key).sort()).toEqual(['rep-a1', 'rep-a2']);
    expect(aList.byTeam.find((r) => r.key === 'closers')).toMatchObject({
      handoffs: 1,
      rejected: 1,
      acceptanceRate: 0,
    });
    // Lead B: the team's outgoing L-bob and the incoming L-ann, whose contact the receiving team reads.
    const bList = await list(url, leadB!.token);
    expect(leads(bList)).toEqual(['L-ann', 'L-bob']);
    expect(bList.open.find((h) => h.lead === 'L-ann')!.contact).toBe('Contact L-ann');
    expect(bList.open.find((h) => h.lead === 'L-bob')!.contact).toBeNull();
    expect((await call(url, leadA!.token, 'GET', '/api/handoffs?team=team-b')).status).toBe(403);

    const all = await list(url, boss!.token);
    expect(leads(all)).toEqual(['L-amy', 'L-ann', 'L-bob']);
    expect([...all.open, ...all.recent].every((h) => h.contact === null)).toBe(true);
    expect(leads(await list(url, boss!.token, '?team=closers'))).toEqual(['L-amy', 'L-bob']);
    // Nobody ever gets the customer id.
    for (const r of [annList, aList, bList, all]) expect(JSON.stringify(r)).not.toContain('13812341234');

    const kiosk = await list(url, floor.token);
    expect(kiosk).toMatchObject({ open: [], recent: [], byRep: [], byTeam: [], counts: { open: 2, accepted: 0 } });
    expect((await call(url, ann!.token, 'GET', '/api/handoffs?bogus=1')).status).toBe(400);

    // Accepting: the receiving team's lead (or a supervisor) only.
    expect((await call(url, ann!.token, 'POST', '/api/handoffs/L-ann/accept')).status).toBe(403);
    expect((await call(url, leadA!.token, 'POST', '/api/handoffs/L-ann/accept')).status).toBe(403);
    expect((await call(url, leadA!.token, 'POST', '/api/handoffs/L-bob/accept')).status).toBe(404);
    expect((await call(url, leadB!.token, 'POST', '/api/handoffs/bad%20id/accept')).status).toBe(400);
    const accepted = await call(url, leadB!.token, 'POST', '/api/handoffs/L-ann/accept');
    expect(accepted).toMatchObject({ status: 200, body: { state: 'accepted', acceptedBy: 'lead-b' } });
    expect((await call(url, boss!.token, 'POST', '/api/handoffs/L-ann/accept')).status).toBe(409);
  });

  it('credits the originating rep on the leaderboard when the lead closes won, and survives a restart and trimming', async () => {
    const { floor, clock, state } = await setUp();
    const now = clock();
    await floor.add({ type: 'rep.login', rep: 'rep-a1', team: 'team-a', at: now - HOUR });
    await floor.add({
      type: 'lead.handoff',
      rep: 'rep-a1',
      lead: 'L-win',
      to: 'team-b',
      amount: 900,
      at: now - 30 * MIN,
    });
    // The close arrives before the acceptance, and twice.
    for (let i = 0; i < 2; i++)
      await floor.add({
        type: 'lead.closed',
        rep: 'rep-a1',
        lead: 'L-win',
        result: 'won',
        amount: 1500,
        at: now - 5 * MIN,
      });
    await floor.add({ type: 'lead.accepted', rep: 'rep-a1', lead: 'L-win', by: 'cathy', at: now - 20 * MIN });
    const url = state.running.url;
    const boss = await logIn(url, 'boss');
    const board = async (metric: string) =>
      (await call(url, boss.token, 'GET', `/api/leaderboard?metric=${metric}`)).body as LeaderboardResponse;
    await waitFor('credited', async () => (await board('handoffRevenue')).rows[0]?.value === 1500);
    expect((await board('handoffsWon')).rows[0]).toMatchObject({ rep: 'rep-a1', value: 1 });
    expect((await board('revenue')).rows[0]).toMatchObject({ rep: 'rep-a1', value: 0 }); // beside, not in
    const won = await waitFor('won', async () => (await list(url, boss.token)).recent[0]);
    expect(won).toMatchObject({ lead: 'L-win', state: 'won', closedAmount: 1500, acceptedBy: 'cathy' });

    await floor.writer.xtrim(floor.config.stream, 'MAXLEN', 0);
    await state.running.stop();
    state.running = await startTestApp(floor.config, clock);
    const again = await logIn(state.running.url, 'boss');
    const after = await list(state.running.url, again.token);
    expect(after.recent.map((h) => [h.lead, h.state])).toEqual([['L-win', 'won']]);
    expect(after.byRep[0]).toMatchObject({ key: 'rep-a1', won: 1, closeRate: 1, wonAmount: 1500 });
  });

  it('raises handoff_waiting to the origin’s and the receiving team’s leads past the threshold, and clears it on acceptance', async () => {
    const { floor, clock, jump, state } = await setUp();
    const now = clock();
    await floor.add({ type: 'rep.login', rep: 'rep-a1', team: 'team-a', at: now - HOUR });
    await floor.add({ type: 'lead.handoff', rep: 'rep-a1', lead: 'L-wait', to: 'team-b', at: now - 25 * MIN });
    const url = state.running.url;
    const [leadA, leadB, boss] = await Promise.all(['lead-a', 'lead-b', 'boss'].map((u) => logIn(url, u)));
    const waiting = async (token: string) =>
      ((await call(url, token, 'GET', '/api/alerts')).body as AlertsResponse).active.filter(
        (a) => a.rule === 'handoff_waiting',
      );
    await waitFor('listed', async () => (await list(url, boss!.token)).open.length === 1);
    expect(await waiting(leadA!.token)).toEqual([]); // 25 of 30 minutes
    expect((await list(url, boss!.token)).open[0]!.waiting).toBe(false);
    jump(6 * MIN);
    const a = await waitFor('raised to lead A', async () => (await waiting(leadA!.token))[0]);
    expect(a).toMatchObject({ rep: 'rep-a1', team: 'team-a', detail: '1', since: now - 25 * MIN + 30 * MIN });
    expect(await waiting(leadB!.token)).toEqual([expect.objectContaining({ rep: 'rep-a1', team: 'team-b' })]);
    expect((await list(url, boss!.token)).counts).toMatchObject({ open: 1, waiting: 1 });

    expect((await call(url, leadB!.token, 'POST', '/api/handoffs/L-wait/accept')).status).toBe(200);
    await waitFor('cleared', async () => (await waiting(boss!.token)).length === 0);
  });
});
