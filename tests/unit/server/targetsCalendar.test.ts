import { describe, expect, it } from 'vitest';
import type { DayTotals, DayTotalsRepo } from '../../../server/redis/dayTotalsRepo';
import type { TargetsRepo } from '../../../server/redis/targetsRepo';
import { createTargetsService } from '../../../server/targets/targetsService';
import { addDays, isoWeek, workCalendar, type WorkCalendar } from '../../../shared/domain/calendar';
import { CN_CALENDAR } from '../../../shared/domain/calendars/cn';
import type { TargetLayer, TargetUpdate } from '../../../shared/domain/targetSettings';
import type { DailyTargets } from '../../../shared/domain/targets';
import type { DayKey } from '../../../shared/time';

const DEFAULTS: DailyTargets = { dials: 120, effectiveCalls: 25, talkMinutes: 150, leads: 6, deals: 2, revenue: 2000 };
const CN = workCalendar([1, 2, 3, 4, 5], CN_CALENDAR);
const ANA = { id: 'ana', team: 'north' };

/** The targets service over in-memory stores: a rep's day totals are what the test says they did. */
function service(calendar: WorkCalendar) {
  const layers = new Map<string, TargetLayer>();
  const days = new Map<DayKey, Map<string, DayTotals>>();
  const repo: TargetsRepo = {
    all: async () => new Map(layers),
    get: async (field) => layers.get(field),
    set: async (field, layer) => void layers.set(field, layer),
    update: async (field, change) => {
      const next = change(layers.get(field));
      layers.set(field, next);
      return next;
    },
  };
  const dayTotals: DayTotalsRepo = {
    save: async () => {},
    load: async (keys) => new Map(keys.flatMap((k) => (days.has(k) ? [[k, days.get(k)!] as const] : []))),
    loadRep: async () => new Map(),
  };
  const targets = createTargetsService({ repo, defaults: DEFAULTS, calendar, dayTotals });
  const set = (update: TargetUpdate) => targets.update(update);
  /** Ana did exactly `figures` on `day`. */
  const did = (day: DayKey, figures: Partial<Pick<DayTotals, 'dials' | 'revenue'>>) => {
    const zero = { name: 'Ana', team: 'north', dials: 0, connects: 0, effectiveCalls: 0, talkSeconds: 0 };
    days.set(day, new Map([['ana', { ...zero, leads: 0, deals: 0, revenue: 0, ...figures }]]));
  };
  return { targets, set, did };
}

function daysOf(first: DayKey, last: DayKey): DayKey[] {
  const out: DayKey[] = [];
  for (let d = first; d <= last; d = addDays(d, 1)) out.push(d);
  return out;
}

describe('monthly targets over China’s 2026 calendar', () => {
  it('spreads October’s figure over exactly its 18 working days (National Day off, Saturday 10 October worked)', async () => {
    const { targets, set, did } = service(CN);
    await set({ scope: { kind: 'floor' }, period: 'monthly', targets: { revenue: 18_000 } });
    const perDay = new Map<DayKey, number>();
    for (const day of daysOf('2026-10-01', '2026-10-31')) {
      await targets.reload(day);
      const today = targets.targetsFor(ANA).revenue;
      perDay.set(day, today);
      did(day, { revenue: today }); // on target every day
    }
    const working = [...perDay].filter(([, v]) => v > 0);
    expect(working).toHaveLength(18);
    expect(new Set(working.map(([, v]) => v))).toEqual(new Set([1000]));
    expect(perDay.get('2026-10-01')).toBe(0);
    expect(perDay.get('2026-10-07')).toBe(0);
    expect(perDay.get('2026-10-08')).toBe(1000);
    expect(perDay.get('2026-10-10')).toBe(1000); // the make-up Saturday
    expect(perDay.get('2026-10-11')).toBe(0);
    expect(perDay.get('2026-10-31')).toBe(0); // an ordinary Saturday
  });

  it('gives each ISO week its share of the month, and the weeks add up to the month', async () => {
    const { targets, set, did } = service(CN);
    await set({ scope: { kind: 'floor' }, period: 'monthly', targets: { revenue: 10_000 } });
    const weeks = new Map<DayKey, number>();
    for (const day of daysOf('2026-10-01', '2026-10-31')) {
      await targets.reload(day);
      const view = targets.viewFor(ANA).revenue;
      expect(view).toMatchObject({ source: 'monthly', level: 'floor', month: 10_000 });
      const monday = isoWeek(day).monday;
      // The week's figure holds all week long while the rep keeps to the day's.
      if (weeks.has(monday)) expect(view.week).toBeCloseTo(weeks.get(monday)!, 1);
      else weeks.set(monday, view.week!);
      did(day, { revenue: view.day });
    }
    // 28 Sep - 4 Oct: nothing to work in October; 5-11: 8, 9, 10; then 5, 5 and 5 (26-30).
    expect([...weeks.values()].map((w) => Math.round(w))).toEqual([0, 1667, 2778, 2778, 2778]);
    expect([...weeks.values()].reduce((a, b) => a + b, 0)).toBeCloseTo(10_000, 0);
  });

  it('spreads February over the 16 working days around the Spring Festival block', async () => {
    const { targets, set } = service(CN);
    await set({ scope: { kind: 'team', team: 'north' }, period: 'monthly', targets: { dials: 1600 } });
    await targets.reload('2026-02-02');
    expect(targets.targetsFor(ANA).dials).toBe(100);
    expect(targets.today().position).toMatchObject({ monthLeft: 16, weekLeft: 5 });
    await targets.reload('2026-02-14'); // Saturday, worked; 14, 24-28: 6 days left
    expect(targets.today().position.monthLeft).toBe(6);
    expect(targets.targetsFor(ANA).dials).toBe(Math.ceil((1600 / 6) * 100) / 100);
    for (const day of ['2026-02-15', '2026-02-18', '2026-02-23']) {
      await targets.reload(day);
      expect(targets.targetsFor(ANA).dials).toBe(0);
    }
  });
});

describe('weekly targets', () => {
  it('spread over the ISO week’s working days, across a month end, and ask nothing on the holidays', async () => {
    const { targets, set, did } = service(CN);
    await set({ scope: { kind: 'rep', rep: 'ana' }, period: 'weekly', targets: { dials: 600 } });
    await targets.reload('2026-09-28'); // Monday: 28, 29, 30 are the week's working days
    expect(targets.viewFor(ANA).dials).toEqual({ source: 'weekly', level: 'rep', month: null, week: 600, day: 200 });
    did('2026-09-28', { dials: 300 });
    await targets.reload('2026-09-29');
    expect(targets.targetsFor(ANA).dials).toBe(150);
    await targets.reload('2026-10-01');
    expect(targets.targetsFor(ANA).dials).toBe(0);
  });
});

describe('a week spanning two months', () => {
  it('counts last month’s days of the week for a weekly figure, and only this month’s for a monthly one', async () => {
    const { targets, set, did } = service(workCalendar([1, 2, 3, 4, 5]));
    await set({ scope: { kind: 'floor' }, period: 'weekly', targets: { dials: 500 } });
    await set({ scope: { kind: 'floor' }, period: 'monthly', targets: { revenue: 2300 } });
    did('2026-06-29', { dials: 100, revenue: 400 }); // Monday
    did('2026-06-30', { dials: 100, revenue: 400 });
    await targets.reload('2026-07-01'); // Wednesday: 1-3 July left this week, 23 weekdays in July
    const view = targets.viewFor(ANA);
    expect(view.dials).toMatchObject({ week: 500, day: 100 }); // (500 - 200) / 3
    expect(view.revenue).toMatchObject({ month: 2300, week: 300, day: 100 }); // June's revenue is not July's
  });
});

describe('public holidays and precedence', () => {
  it('asks nothing on a public holiday, not even a daily figure or the defaults, so pace cannot fall behind', async () => {
    const { targets, set } = service(CN);
    await set({ scope: { kind: 'floor' }, period: 'daily', targets: { leads: 4 } });
    await targets.reload('2026-10-02');
    expect(targets.targetsFor(ANA)).toEqual({
      dials: 0,
      effectiveCalls: 0,
      talkMinutes: 0,
      leads: 0,
      deals: 0,
      revenue: 0,
    });
    await targets.reload('2026-10-10'); // the make-up Saturday is a normal day
    expect(targets.targetsFor(ANA)).toEqual({ ...DEFAULTS, leads: 4 });
  });

  it('keeps daily figures and the defaults on an ordinary weekend; spreads ask nothing then', async () => {
    const { targets, set } = service(CN);
    await set({ scope: { kind: 'floor' }, period: 'monthly', targets: { deals: 40 } });
    await targets.reload('2026-10-17'); // Saturday
    expect(targets.targetsFor(ANA)).toEqual({ ...DEFAULTS, deals: 0 });
  });

  it('lets daily beat weekly beat monthly within a level, and a more specific level beat a broader one', async () => {
    const { targets, set } = service(CN);
    const both = { dials: 500, leads: 30 };
    await set({ scope: { kind: 'team', team: 'north' }, period: 'monthly', targets: { ...both, deals: 22 } });
    await set({ scope: { kind: 'team', team: 'north' }, period: 'weekly', targets: both });
    await set({ scope: { kind: 'team', team: 'north' }, period: 'daily', targets: { dials: 90 } });
    await set({ scope: { kind: 'floor' }, period: 'daily', targets: { leads: 1, deals: 1 } });
    await targets.reload('2026-10-12'); // Monday: 5 working days this week, 15 in the month
    const view = targets.viewFor(ANA);
    expect(view.dials).toMatchObject({ source: 'daily', level: 'team', day: 90 });
    expect(view.leads).toMatchObject({ source: 'weekly', level: 'team', week: 30, day: 6 });
    expect(view.deals).toMatchObject({ source: 'monthly', level: 'team', month: 22, week: 7.34, day: 1.47 });
    expect(view.revenue).toMatchObject({ source: 'default', level: null, day: 2000 });
    // A team's plan: the same, for a rep of the team without figures of their own.
    expect(targets.viewFor({ id: null, team: 'north' }).deals.day).toBe(1.47);
  });
});

describe("a rep's resolved targets", () => {
  it('are one frozen object until a target is set or the day changes, and follow a move of team', async () => {
    const { targets, set } = service(CN);
    await targets.reload('2026-10-12');
    const first = targets.targetsFor(ANA);
    expect(targets.targetsFor({ ...ANA })).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    await set({ scope: { kind: 'team', team: 'south' }, period: 'daily', targets: { dials: 300 } });
    const moved = targets.targetsFor({ id: 'ana', team: 'south' });
    expect([moved.dials, targets.targetsFor(ANA).dials]).toEqual([300, DEFAULTS.dials]);
    await set({ scope: { kind: 'rep', rep: 'ana' }, period: 'daily', targets: { dials: 90 } });
    expect(targets.targetsFor(ANA).dials).toBe(90);
    const before = targets.targetsFor(ANA);
    await targets.reload('2026-10-13');
    expect(targets.targetsFor(ANA)).not.toBe(before);
    expect(targets.targetsFor(ANA)).toEqual(before);
  });
});
