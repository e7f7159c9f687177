import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, inject, it } from 'vitest';
import type { RepView } from '../../shared/domain/floorView';
import type { CallEvent } from '../../shared/events/callEvent';
import {
  LEADERBOARD_METRICS,
  LEADERBOARD_PERIODS,
  type LeaderboardMetric,
  type LeaderboardPeriod,
} from '../../shared/domain/leaderboard';
import type { DailyTargets } from '../../shared/domain/targets';
import type { Viewer } from '../../shared/domain/viewer';
import { createLocalTime, HOUR_MS, MINUTE_MS } from '../../shared/time';
import { createDayTotalsRepo } from '../../server/redis/dayTotalsRepo';
import { applyBatch } from '../support/applyBatch';
import { createFloorService } from '../../server/floor/floorService';
import { createLeaderboardService } from '../../server/leaderboard/leaderboardService';
import { redisKeys } from '../../server/redis/keys';
import { createEventBuilder } from '../support/builders';

const redisUrl = inject('redisUrl');
const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const ZONE = 'Asia/Shanghai';
const localTime = createLocalTime(ZONE);
const TODAY = '2026-03-18'; // a Wednesday
const NOW = Date.UTC(2026, 2, 18, 6); // 14:00 in Shanghai
const supervisor: Viewer = { kind: 'user', username: 'boss', role: 'supervisor' };
const REPS = ['r1', 'r2', 'r3', 'r4', 'r5'];
const teamOf = (rep: string) => (rep === 'r1' || rep === 'r2' || rep === 'r5' ? 'ta' : 'tb');
const targetsFor = (rep: { id: string }): DailyTargets => ({
  ...{ dials: 100, effectiveCalls: 20, talkMinutes: 100, leads: 5, deals: 2 },
  revenue: 1000 + 100 * Number(rep.id.slice(1)),
});

type Figures = Pick<RepView, 'dials' | 'connects' | 'effectiveCalls' | 'talkSeconds' | 'leads' | 'deals' | 'revenue'>;

/** Deterministic figures per (day, rep), with a funnel that holds; some reps skip some days. */
function figures(dayIndex: number, repIndex: number): Figures | null {
  if ((dayIndex + repIndex) % 4 === 3) return null;
  const n = (k: number) => ((dayIndex * 31 + repIndex * 17 + k * 7) % 13) + k;
  const deals = n(1) % 3;
  const leads = deals + (n(2) % 3);
  const effectiveCalls = leads + n(3);
  const connects = effectiveCalls + n(4);
  return {
    dials: connects + n(5) * 3,
    connects,
    effectiveCalls,
    talkSeconds: n(6) * 97,
    leads,
    deals,
    revenue: deals * (150 + 10 * repIndex),
  };
}

function repView(id: string, f: Figures): RepView {
  return {
    id,
    name: `Rep ${id}`,
    team: teamOf(id),
    ...{ status: 'offline', pauseReason: null, statusSince: 0, currentCall: null, callAnsweredAt: null },
    ...f,
    ...{
      wrapupSeconds: 0,
      pauseSeconds: 0,
      loggedInSeconds: 0,
      refusals: [],
      callbacks: [],
      callbackCount: 0,
      missingDetails: 0,
      handoffsWon: 0,
      handoffRevenue: 0,
      version: 1,
    },
    targets: targetsFor({ id }),
  };
}

// Past days seeded in Redis: the end of February (outside every period), last week, this week,
// and a stale periodic save of today that must not be counted on top of the live day.
const SEEDED = [
  '2026-02-27',
  '2026-03-02',
  '2026-03-05',
  '2026-03-09',
  '2026-03-13',
  '2026-03-16',
  '2026-03-17',
  TODAY,
];
const PERIOD_DAYS: Record<LeaderboardPeriod, string[]> = {
  today: [],
  week: ['2026-03-16', '2026-03-17'],
  month: ['2026-03-02', '2026-03-05', '2026-03-09', '2026-03-13', '2026-03-16', '2026-03-17'],
};

/** Today's calls per rep: [talk seconds or null for unanswered, outcome, amount]. */
const LIVE: Record<string, [number | null, 'sale' | 'lead' | 'refused' | 'no_answer', number][]> = {
  r1: [
    [300, 'sale', 500],
    [20, 'refused', 0],
    [null, 'no_answer', 0],
  ],
  r2: [
    [90, 'lead', 0],
    [400, 'sale', 250],
  ],
  r3: [
    [30, 'lead', 0],
    [null, 'no_answer', 0],
    [61, 'refused', 0],
    [120, 'sale', 700],
  ],
  r4: [[null, 'no_answer', 0]],
};

function liveFigures(rep: string): Figures | null {
  const calls = LIVE[rep];
  if (!calls) return null;
  const f: Figures = { dials: 0, connects: 0, effectiveCalls: 0, talkSeconds: 0, leads: 0, deals: 0, revenue: 0 };
  for (const [talk, outcome, amount] of calls) {
    f.dials++;
    if (talk === null) continue;
    f.connects++;
    f.talkSeconds += talk;
    if (talk >= 60 || outcome === 'lead' || outcome === 'sale') f.effectiveCalls++;
    if (outcome === 'lead' || outcome === 'sale') f.leads++;
    if (outcome === 'sale') [f.deals, f.revenue] = [f.deals + 1, f.revenue + amount];
  }
  return f;
}

/** The independent computation: plain loops over what the test seeded and fed. */
function expectedBoard(metric: LeaderboardMetric, period: LeaderboardPeriod, team: string | null) {
  const rows: { rep: string; value: number }[] = [];
  for (const rep of REPS) {
    if (team !== null && teamOf(rep) !== team) continue;
    const sum: Figures = { dials: 0, connects: 0, effectiveCalls: 0, talkSeconds: 0, leads: 0, deals: 0, revenue: 0 };
    let daysWorked = 0;
    const days = PERIOD_DAYS[period].map((day) => figures(SEEDED.indexOf(day), REPS.indexOf(rep)));
    for (const f of [...days, liveFigures(rep)]) {
      if (!f) continue;
      daysWorked++;
      for (const key of Object.keys(sum) as (keyof Figures)[]) sum[key] += f[key];
    }
    if (daysWorked === 0) continue;
    const target = targetsFor({ id: rep }).revenue * daysWorked;
    const value =
      metric === 'conversion'
        ? sum.connects > 0
          ? sum.deals / sum.connects
          : 0
        : metric === 'targetPercent'
          ? (100 * sum.revenue) / target
          : ((sum as Partial<Record<LeaderboardMetric, number>>)[metric] ?? 0); // no handoffs seeded: 0
    rows.push({ rep, value });
  }
  rows.sort((a, b) => b.value - a.value || a.rep.localeCompare(b.rep));
  return rows.map((row, i) => ({ position: i + 1, ...row }));
}

async function setup() {
  const redis = new Redis(redisUrl);
  cleanups.push(() => redis.quit());
  const keys = redisKeys({ stream: 'unused', deadLetterStream: 'unused', keyPrefix: `test:${randomUUID()}:` });
  const dayTotals = createDayTotalsRepo(redis, keys);
  for (const [d, day] of SEEDED.entries()) {
    const views = REPS.flatMap((rep, r) => {
      const f = day === TODAY ? { ...figures(0, 0)!, deals: 50, revenue: 99_999 } : figures(d, r);
      return f ? [repView(rep, f)] : [];
    });
    await dayTotals.save(day, views);
  }
  const rules = { effectiveCallMs: 60_000, dayOf: localTime.dayOf };
  const floor = createFloorService({
    targetsFor,
    today: TODAY,
  });
  const b = createEventBuilder({ start: NOW - 4 * HOUR_MS, stepMs: MINUTE_MS });
  for (const [rep, calls] of Object.entries(LIVE)) {
    const events: CallEvent[] = [b.login(rep, { name: `Rep ${rep}`, team: teamOf(rep) })];
    for (const [i, [talk, outcome, amount]] of calls.entries()) {
      events.push(
        ...b.callSequence(rep, `${rep}-c${i}`, {
          talkMs: talk === null ? null : talk * 1000,
          outcome,
          ...(outcome === 'sale' && { amount }),
          ...(outcome === 'refused' && { reason: 'price' }),
        }),
      );
      b.advance(15 * MINUTE_MS);
    }
    applyBatch(floor, events, rules);
  }
  const service = createLeaderboardService({ floor, dayTotals, localTime, clock: () => NOW, targetsFor });
  return { service };
}

describe('leaderboards over a real redis-server', () => {
  it('today, week and month equal totals computed independently from the seeded days and live calls', async () => {
    const { service } = await setup();
    for (const period of LEADERBOARD_PERIODS) {
      for (const metric of LEADERBOARD_METRICS) {
        for (const team of [null, 'ta', 'tb']) {
          const result = await service.get(supervisor, { metric, period, ...(team && { team }) });
          if (!result.ok) throw new Error(result.error);
          const got = result.value.rows.map(({ position, rep, value }) => ({ position, rep, value }));
          expect(got, `${metric} ${period} ${team ?? 'floor'}`).toEqual(expectedBoard(metric, period, team));
        }
      }
    }
  });

  it('names the period it covers', async () => {
    const { service } = await setup();
    const month = await service.get(supervisor, { metric: 'deals', period: 'month' });
    expect(month.ok && [month.value.from, month.value.to]).toEqual(['2026-03-01', TODAY]);
    const week = await service.get(supervisor, { metric: 'deals', period: 'week' });
    expect(week.ok && week.value.from).toBe('2026-03-16');
  });
});
