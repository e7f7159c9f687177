import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { HistoryDay, HistoryResponse } from '../../shared/domain/history';
import type { DayFigures } from '../../shared/domain/leaderboard';
import { workCalendar } from '../../shared/domain/calendar';
import { emptyTargetSettings } from '../../shared/domain/targetSettings';
import { createLocalTime } from '../../shared/time';
import { seedHistory } from '../../server/dev/simulator/history';
import { createHistoryService } from '../../server/history/historyService';
import { createDayTotalsRepo } from '../../server/redis/dayTotalsRepo';
import { createTargetsRepo } from '../../server/redis/targetsRepo';
import { redisKeys } from '../../server/redis/keys';
import { addPeople, call, logInPeople, type Person } from './support/people';
import { createTestFloor, startTestApp, type RunningApp, type TestFloor } from './support/testApp';
import { waitFor } from './support/waitFor';

// A fixed month (Wednesday 18 March 2026, UTC, Monday-Friday, no holidays), running at real speed.
const NOON = Date.UTC(2026, 2, 18, 12);
const started = Date.now();
const clock = () => NOON + (Date.now() - started);
const TODAY = '2026-03-18';
const MOVED_ON = '2026-03-09'; // rep-a2 leaves team-a for team-b from this day
const MONTHLY_DEALS_B = 40;
const DAILY_REVENUE = 1000;

const dayKey = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const addDays = (day: string, n: number) => dayKey(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000);
const weekday = (day: string) => new Date(`${day}T00:00:00Z`).getUTCDay() || 7;
const working = (day: string) => weekday(day) <= 5;

/** Deterministic, different figures per rep and day. */
function figures(rep: string, team: string, day: string, i: number): DayFigures {
  const k = Number(rep.slice(-1)) + (rep.includes('b') ? 3 : 0);
  const dials = 40 + ((i * 7 + k * 5) % 23);
  const connects = Math.floor(dials / 2);
  const effectiveCalls = Math.floor(connects / 2);
  const leads = Math.floor(effectiveCalls / 3);
  const deals = (i + k) % 3;
  return {
    name: `Name ${rep}`,
    team,
    dials,
    connects,
    effectiveCalls,
    talkSeconds: connects * 95,
    leads,
    deals,
    revenue: deals * 333.33,
  };
}

let floor: TestFloor;
let running: RunningApp;
let redis: Redis;
const tokens = {} as Record<Person | 'kiosk', string>;
/** Every saved hash, as written (the independent reading). */
const written = new Map<string, Map<string, DayFigures>>();

beforeAll(async () => {
  floor = createTestFloor(inject('redisUrl'), { FLOORBOARD_CALENDAR: 'none', FLOORBOARD_WORKING_DAYS: '1,2,3,4,5' });
  redis = new Redis(floor.config.redisUrl);
  const keys = redisKeys({ stream: 'unused', deadLetterStream: 'unused', keyPrefix: floor.config.keyPrefix });
  // From 1 February (the month and week before the oldest day asked) to yesterday, working days only.
  let i = 0;
  for (let day = '2026-02-01'; day < TODAY; day = addDays(day, 1)) {
    if (!working(day)) continue;
    const reps = new Map<string, DayFigures>([
      ['rep-a1', figures('rep-a1', 'team-a', day, i)],
      ['rep-a2', figures('rep-a2', day < MOVED_ON ? 'team-a' : 'team-b', day, i)],
      ['rep-b1', figures('rep-b1', 'team-b', day, i)],
    ]);
    i++;
    written.set(day, reps);
    await redis.hset(keys.dayTotals(day), ...[...reps].flatMap(([rep, f]) => [rep, JSON.stringify(f)]));
  }
  // A broken entry of another rep on one day is skipped, not fatal.
  await redis.hset(keys.dayTotals('2026-03-10'), 'rep-zz', '{not json');
  const targets = createTargetsRepo(redis, keys);
  await targets.set('floor', { daily: { revenue: DAILY_REVENUE } });
  await targets.set('team:team-b', { monthly: { deals: MONTHLY_DEALS_B } });

  running = await startTestApp(floor.config, clock);
  await addPeople(floor.config);
  const at = clock();
  for (const [rep, team] of [
    ['rep-a1', 'team-a'],
    ['rep-a2', 'team-b'],
    ['rep-b1', 'team-b'],
  ] as const)
    await floor.add({ type: 'rep.login', rep, team, at, name: `Name ${rep}` } as never);
  await floor.add({ type: 'call.dial', rep: 'rep-b1', call: 'c-today-1', at: at + 1000 } as never);
  await waitFor('reps on the floor', () => running.app.floor.state().reps.size === 3);
  await waitFor('the dial', () => running.app.floor.view().reps.find((r) => r.id === 'rep-b1')?.dials === 1);
  Object.assign(tokens, await logInPeople(running.url));
});

afterAll(async () => {
  await running?.stop();
  await floor?.writer.quit();
  await redis?.quit();
});

const get = async (who: Person | 'kiosk' | 'none', query: string) =>
  call(running.url, who === 'none' ? undefined : tokens[who], 'GET', `/api/history?${query}`);

async function history(query: string): Promise<HistoryResponse> {
  const res = await get('boss', query);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as HistoryResponse;
}

const FIELDS = ['dials', 'connects', 'effectiveCalls', 'talkSeconds', 'leads', 'deals', 'revenue'] as const;
const pick = (f: DayFigures) => Object.fromEntries(FIELDS.map((k) => [k, f[k]]));
const cents = (n: number) => Number((n * 100).toPrecision(12));

/** Team-b's monthly deals spread, recomputed by hand: what is left over the working days left. */
function monthlyDealsTarget(rep: string, day: string): number {
  let achieved = 0;
  for (let d = `${day.slice(0, 8)}01`; d < day; d = addDays(d, 1)) achieved += written.get(d)?.get(rep)?.deals ?? 0;
  let left = 0;
  for (let d = day; d.slice(0, 7) === day.slice(0, 7); d = addDays(d, 1)) if (working(d)) left++;
  if (!working(day)) return 0;
  return Math.max(0, Math.ceil(cents((MONTHLY_DEALS_B - achieved) / left)) / 100);
}

describe('GET /api/history', () => {
  it("a rep's days equal the saved day totals, today from the live floor, against that day's targets", async () => {
    const body = await history('rep=rep-a2&days=30');
    expect(body.subject).toEqual({ kind: 'rep', rep: 'rep-a2', name: 'Name rep-a2' });
    expect(body.from).toBe('2026-02-17');
    expect(body.to).toBe(TODAY);
    expect(body.days.map((d) => d.day)).toHaveLength(30);
    for (const d of body.days) {
      expect(d.working).toBe(working(d.day));
      const saved = written.get(d.day)?.get('rep-a2');
      if (d.day === TODAY) {
        expect(d.live).toBe(true);
        expect(d.figures).toMatchObject({ dials: 0, deals: 0, revenue: 0 });
        expect(d.team).toBe('team-b');
      } else if (saved) {
        expect(d.figures).toEqual(pick(saved));
        expect(d.team).toBe(saved.team);
      } else {
        expect(d.figures, d.day).toBeNull(); // a weekend: a gap, never zeros
      }
    }
    // Targets: the floor's daily revenue every day; team-b's monthly deals only once the rep is in team-b.
    const byDay = new Map(body.days.map((d) => [d.day, d]));
    expect(byDay.get('2026-03-06')!.targets!.revenue).toBe(DAILY_REVENUE);
    expect(byDay.get('2026-03-06')!.targets!.deals).toBe(floor.config.defaultTargets.deals); // team-a: the default
    for (const day of ['2026-03-09', '2026-03-12', '2026-03-17', TODAY])
      expect(byDay.get(day)!.targets!.deals, day).toBe(monthlyDealsTarget('rep-a2', day));
    expect(byDay.get('2026-03-14')!.targets!.deals).toBe(0); // a Saturday: no spread
  });

  it("a team's days sum the reps it had that day (a rep who moved counts for the new team from then on)", async () => {
    for (const team of ['team-a', 'team-b']) {
      const body = await history(`team=${team}&days=30`);
      expect(body.subject).toEqual({ kind: 'team', team });
      for (const d of body.days) {
        if (d.day === TODAY) continue;
        const members = [...(written.get(d.day) ?? [])].filter(([, f]) => f.team === team);
        if (members.length === 0) {
          expect(d.figures, d.day).toBeNull();
          continue;
        }
        const sum = Object.fromEntries(FIELDS.map((k) => [k, members.reduce((a, [, f]) => a + f[k], 0)]));
        sum.revenue = Math.round((sum.revenue ?? 0) * 100) / 100;
        expect(d.figures, `${team} ${d.day}`).toEqual(sum);
        expect(d.reps).toBe(members.length);
        expect(d.targets!.revenue).toBe(DAILY_REVENUE * members.length);
        if (team === 'team-b') {
          const deals = members.reduce((a, [rep]) => a + monthlyDealsTarget(rep, d.day), 0);
          expect(d.targets!.deals).toBeCloseTo(deals, 6);
        }
      }
      expect(body.days.find((d) => d.day === '2026-03-06')!.reps).toBe(team === 'team-a' ? 2 : 1);
      expect(body.days.find((d) => d.day === '2026-03-09')!.reps).toBe(team === 'team-a' ? 1 : 2);
    }
    const today = (await history('team=team-b&days=1')).days;
    expect(today).toHaveLength(1);
    expect(today[0]).toMatchObject({ day: TODAY, live: true, reps: 2, figures: { dials: 1 } });
    expect(today[0]!.targets!.deals).toBeCloseTo(
      monthlyDealsTarget('rep-a2', TODAY) + monthlyDealsTarget('rep-b1', TODAY),
      6,
    );
  });

  it('covers up to 190 days and marks the days without records', async () => {
    const body = await history('rep=rep-a1&days=190');
    expect(body.days).toHaveLength(190);
    const seeded = body.days.filter((d: HistoryDay) => d.figures !== null);
    expect(seeded.length).toBe([...written.keys()].length + 1); // every saved working day and today
    expect(body.days[0]).toMatchObject({ figures: null, day: addDays(TODAY, -189) });
  });

  it.each([
    ['rep=rep-a1', { none: 401, kiosk: 403, boss: 200, leadA: 200, leadB: 403, repA: 200, repA2: 403, repB: 403 }],
    // rep-a2 is in team-b now: team-b's lead sees the rep's history, team-a's no longer does.
    ['rep=rep-a2', { none: 401, kiosk: 403, boss: 200, leadA: 403, leadB: 200, repA: 403, repA2: 200, repB: 403 }],
    ['team=team-a', { none: 401, kiosk: 403, boss: 200, leadA: 200, leadB: 403, repA: 403, repA2: 403, repB: 403 }],
    ['team=team-b', { none: 401, kiosk: 403, boss: 200, leadA: 403, leadB: 200, repA: 403, repA2: 403, repB: 403 }],
    ['rep=rep-nobody', { none: 401, kiosk: 403, boss: 404, leadA: 403, leadB: 403, repA: 403, repA2: 403, repB: 403 }],
    // Names are data: nobody here is called so, hence an unknown rep or team (README "Names are data").
    ['rep=__proto__', { none: 401, kiosk: 403, boss: 404, leadA: 403, leadB: 403, repA: 403, repA2: 403, repB: 403 }],
    ['team=__proto__', { none: 401, kiosk: 403, boss: 200, leadA: 403, leadB: 403, repA: 403, repA2: 403, repB: 403 }],
    [
      'team=constructor',
      { none: 401, kiosk: 403, boss: 200, leadA: 403, leadB: 403, repA: 403, repA2: 403, repB: 403 },
    ],
  ] as const)('who may read %s', async (query, expected) => {
    for (const [who, status] of Object.entries(expected)) {
      const res = await get(who as Person | 'kiosk' | 'none', query);
      expect(res.status, `${who} ${query}: ${JSON.stringify(res.body)}`).toBe(status);
      if (status >= 400) expect((res.body as { error: string }).error).toMatch(/\w/);
    }
  });

  it.each([
    ['rep=rep-a1&days=0', /days/],
    ['rep=rep-a1&days=1000', /days/],
    ['rep=rep-a1&days=191', /days/],
    ['rep=rep-a1&days=-5', /days/],
    ['rep=rep-a1&days=1e2', /days/],
    ['rep=rep-a1&days=abc', /days/],
    ['rep=rep-a1&team=team-a', /either rep or team/],
    ['days=30', /either rep or team/],
    ['rep=rep-a1&rep=rep-b1', /rep/],
    ['rep=a%20b', /rep/],
    ['rep=rep-a1&extra=1', /extra|unrecognized/i],
  ])('refuses %s with a clear 400', async (query, reason) => {
    const res = await get('boss', query);
    expect(res.status).toBe(400);
    expect((res.body as { error: string }).error).toMatch(reason);
  });
});

describe('the demo history', () => {
  it('fills every working day of the last 30 with day totals (10 simulated, the rest scaled from them)', async () => {
    const prefix = `test:${randomUUID()}:`;
    const seeded = await seedHistory({
      redisUrl: floor.config.redisUrl,
      ...{ prefix, reps: 8, teams: 2, seed: 7, days: 3, totalsOnlyDays: 20, timeZone: 'UTC' },
      shift: { startMinute: 9 * 60, endMinute: 18 * 60 },
      today: TODAY,
    });
    expect(seeded.days).toEqual(['2026-03-13', '2026-03-16', '2026-03-17']);
    expect(seeded.totalsOnlyDays).toHaveLength(20);
    const keys = redisKeys({ stream: 'unused', deadLetterStream: 'unused', keyPrefix: prefix });
    const service = createHistoryService({
      floor: { state: () => ({ day: TODAY }) as never, view: () => ({ reps: [] }) as never },
      dayTotals: createDayTotalsRepo(redis, keys),
      targets: { settings: () => emptyTargetSettings() },
      defaults: floor.config.defaultTargets,
      calendar: workCalendar([1, 2, 3, 4, 5]),
      localTime: createLocalTime('UTC'),
      clock: () => NOON,
    });
    const boss = { kind: 'user', username: 'boss', role: 'supervisor' } as const;
    const teams = new Set<string>();
    for (const day of [...seeded.totalsOnlyDays, ...seeded.days]) {
      const raw = await redis.hgetall(keys.dayTotals(day));
      expect(Object.keys(raw), day).toHaveLength(8);
      for (const json of Object.values(raw)) {
        const t = JSON.parse(json) as DayFigures;
        expect(t.dials).toBeGreaterThanOrEqual(t.connects);
        expect(t.connects).toBeGreaterThanOrEqual(t.effectiveCalls);
        expect(t.effectiveCalls).toBeGreaterThanOrEqual(t.leads);
        expect(t.leads).toBeGreaterThanOrEqual(t.deals);
        if (t.team) teams.add(t.team);
      }
    }
    const team = [...teams][0]!;
    const answer = await service.get(boss, { team, days: 30 });
    if (!answer.ok) throw new Error(answer.error);
    const past = answer.value.days.filter((d) => d.day < TODAY);
    for (const d of past) expect(d.figures !== null, d.day).toBe(d.working);
    expect(past.filter((d) => d.figures !== null).length).toBe(21);
  });
});
