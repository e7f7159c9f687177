import { describe, expect, it } from 'vitest';
import type { DailyTargets } from '../../../shared/domain/targets';
import {
  applyTargetUpdate,
  daysOfMonthBefore,
  emptyTargetSettings,
  resolveTargets,
  targetUpdateSchema,
  workingDaysLeft,
  type MonthProgress,
  type TargetSettings,
  type TargetUpdate,
  type WeekProgress,
} from '../../../shared/domain/targetSettings';

const DEFAULTS: DailyTargets = { dials: 180, effectiveCalls: 30, talkMinutes: 150, leads: 6, deals: 2, revenue: 5000 };
const REP = { id: 'ana', team: 'north' };
const NO_WEEK: WeekProgress = {
  workingDaysLeft: 5,
  workingDaysLeftInMonth: 5,
  achievedBeforeToday: {},
  achievedInMonthBeforeToday: {},
};
const NO_MONTH: MonthProgress = { workingDaysLeft: 10, achievedBeforeToday: {}, week: NO_WEEK };
const MON_FRI = [1, 2, 3, 4, 5];

function settings(overrides: Partial<TargetSettings>): TargetSettings {
  return { ...emptyTargetSettings(), ...overrides };
}

describe('resolveTargets()', () => {
  it.each(['__proto__', 'constructor', 'toString', 'hasOwnProperty'])(
    'treats a team and a rep named %s as names: applied to them only, and listed when serialised',
    (name) => {
      // As the targets service loads them: one assignment per stored field.
      const s = emptyTargetSettings();
      s.teams[name] = { daily: { dials: 11 } };
      s.reps[name] = { daily: { leads: 3 } };
      expect(resolveTargets(s, DEFAULTS, { id: 'ana', team: name }, NO_MONTH)).toEqual({ ...DEFAULTS, dials: 11 });
      expect(resolveTargets(s, DEFAULTS, { id: name, team: null }, NO_MONTH)).toEqual({ ...DEFAULTS, leads: 3 });
      expect(resolveTargets(s, DEFAULTS, REP, NO_MONTH)).toEqual(DEFAULTS);
      const sent = JSON.parse(JSON.stringify(s)) as TargetSettings;
      expect(Object.keys(sent.teams)).toEqual([name]);
      expect(Object.keys(sent.reps)).toEqual([name]);
    },
  );

  it('gives the defaults when nobody has set anything', () => {
    expect(resolveTargets(emptyTargetSettings(), DEFAULTS, REP, NO_MONTH)).toEqual(DEFAULTS);
  });

  it('lets the most specific level win per metric: rep over team over floor over defaults', () => {
    const s = settings({
      floor: { daily: { dials: 100, leads: 1, deals: 1 } },
      teams: { north: { daily: { dials: 200, leads: 2 } } },
      reps: { ana: { daily: { dials: 300 } } },
    });
    expect(resolveTargets(s, DEFAULTS, REP, NO_MONTH)).toEqual({ ...DEFAULTS, dials: 300, leads: 2, deals: 1 });
  });

  it("ignores other teams' and other reps' settings", () => {
    const s = settings({
      teams: { south: { daily: { dials: 1 } } },
      reps: { bo: { daily: { leads: 1 } } },
    });
    expect(resolveTargets(s, DEFAULTS, REP, NO_MONTH)).toEqual(DEFAULTS);
  });

  it('skips the team level for a teamless rep', () => {
    const s = settings({ floor: { daily: { dials: 100 } }, teams: { north: { daily: { dials: 200 } } } });
    expect(resolveTargets(s, DEFAULTS, { id: 'cy', team: null }, NO_MONTH).dials).toBe(100);
  });

  it('prefers a daily figure to a monthly one within the same level', () => {
    const s = settings({ reps: { ana: { daily: { deals: 3 }, monthly: { deals: 100 } } } });
    expect(resolveTargets(s, DEFAULTS, REP, NO_MONTH).deals).toBe(3);
  });

  it('prefers a monthly figure at a more specific level to a daily one at a broader level', () => {
    const s = settings({ floor: { daily: { deals: 9 } }, teams: { north: { monthly: { deals: 40 } } } });
    expect(resolveTargets(s, DEFAULTS, REP, NO_MONTH).deals).toBe(4);
  });

  it('spreads what is left of a monthly figure over the working days left', () => {
    const s = settings({ floor: { monthly: { revenue: 100_000 } } });
    const month: MonthProgress = { workingDaysLeft: 8, achievedBeforeToday: { revenue: 60_000 }, week: NO_WEEK };
    expect(resolveTargets(s, DEFAULTS, REP, month).revenue).toBe(5000);
  });

  it('rounds a spread monthly figure up to the cent', () => {
    const s = settings({ floor: { monthly: { revenue: 100 } } });
    expect(
      resolveTargets(s, DEFAULTS, REP, { workingDaysLeft: 3, achievedBeforeToday: {}, week: NO_WEEK }).revenue,
    ).toBe(33.34);
  });

  it('keeps a remainder that is already whole cents unchanged, without a floating-point cent on top', () => {
    const s = settings({ floor: { monthly: { revenue: 12_000 } } });
    const month: MonthProgress = { workingDaysLeft: 1, achievedBeforeToday: { revenue: 9550.55 }, week: NO_WEEK };
    expect(resolveTargets(s, DEFAULTS, REP, month).revenue).toBe(2449.45);
    const small = settings({ floor: { monthly: { revenue: 1.1 } } });
    expect(
      resolveTargets(small, DEFAULTS, REP, { workingDaysLeft: 1, achievedBeforeToday: {}, week: NO_WEEK }).revenue,
    ).toBe(1.1);
  });

  it('never asks for a negative figure once the monthly target is passed', () => {
    const s = settings({ reps: { ana: { monthly: { leads: 50 } } } });
    const month: MonthProgress = { workingDaysLeft: 5, achievedBeforeToday: { leads: 70 }, week: NO_WEEK };
    expect(resolveTargets(s, DEFAULTS, REP, month).leads).toBe(0);
  });

  it('asks for 0 from a monthly figure when no working days are left', () => {
    const s = settings({ reps: { ana: { monthly: { dials: 4000 } } } });
    expect(resolveTargets(s, DEFAULTS, REP, { workingDaysLeft: 0, achievedBeforeToday: {}, week: NO_WEEK }).dials).toBe(
      0,
    );
  });

  it('does not change the settings or the defaults it is given', () => {
    const s = settings({ reps: { ana: { daily: { dials: 1 } } } });
    const before = structuredClone(s);
    resolveTargets(s, DEFAULTS, REP, NO_MONTH);
    expect(s).toEqual(before);
    expect(DEFAULTS.dials).toBe(180);
  });
});

describe('workingDaysLeft()', () => {
  it.each([
    ['a Monday, Mon-Fri (23-27 and 30)', '2026-11-23', MON_FRI, 6],
    ['a Monday, Mon-Sat (23-28 and 30)', '2026-11-23', [1, 2, 3, 4, 5, 6], 7],
    ['a Saturday, Mon-Fri (only the 30th)', '2026-11-28', MON_FRI, 1],
    ['a Saturday, Mon-Sat (28 and 30)', '2026-11-28', [1, 2, 3, 4, 5, 6], 2],
    ['a Sunday, with Sunday working (29 and 30)', '2026-11-29', [7, 1], 2],
    ['the last day of the month, a working one', '2026-11-30', MON_FRI, 1],
    ['the last day of the year, a Thursday', '2026-12-31', MON_FRI, 1],
    ['the first of a month (November 2026: 21 weekdays)', '2026-11-01', MON_FRI, 21],
    ['a leap-year February (29 is a Tuesday)', '2028-02-28', MON_FRI, 2],
    ['a non-leap February ending on a Saturday', '2026-02-27', MON_FRI, 1],
    ['no working weekdays at all', '2026-11-23', [], 0],
  ])('counts the days left from %s', (_when, day, weekdays, expected) => {
    expect(workingDaysLeft(day, weekdays)).toBe(expected);
  });
});

describe('daysOfMonthBefore()', () => {
  it('lists the earlier days of the month, in order', () => {
    expect(daysOfMonthBefore('2026-11-04')).toEqual(['2026-11-01', '2026-11-02', '2026-11-03']);
  });

  it('lists nothing on the first of the month', () => {
    expect(daysOfMonthBefore('2026-11-01')).toEqual([]);
  });

  it('lists 30 days on the 31st, ending the day before', () => {
    const days = daysOfMonthBefore('2026-12-31');
    expect(days).toHaveLength(30);
    expect(days[0]).toBe('2026-12-01');
    expect(days.at(-1)).toBe('2026-12-30');
  });
});

describe('applyTargetUpdate()', () => {
  const update = (patch: Partial<TargetUpdate>): TargetUpdate => ({
    scope: { kind: 'floor' },
    period: 'daily',
    targets: {},
    ...patch,
  });

  it('sets figures on an empty layer', () => {
    expect(applyTargetUpdate(undefined, update({ targets: { dials: 200, deals: 3 } }))).toEqual({
      daily: { dials: 200, deals: 3 },
    });
  });

  it('overwrites and adds figures, keeping the ones not mentioned', () => {
    const layer = { daily: { dials: 200, leads: 5 } };
    expect(applyTargetUpdate(layer, update({ targets: { dials: 150, deals: 2 } }))).toEqual({
      daily: { dials: 150, leads: 5, deals: 2 },
    });
  });

  it('clears a figure given null', () => {
    const layer = { daily: { dials: 200, leads: 5 } };
    expect(applyTargetUpdate(layer, update({ targets: { dials: null } }))).toEqual({ daily: { leads: 5 } });
  });

  it('keeps the other period untouched', () => {
    const layer = { daily: { dials: 200 }, monthly: { revenue: 90_000 } };
    expect(applyTargetUpdate(layer, update({ period: 'monthly', targets: { revenue: null, deals: 40 } }))).toEqual({
      daily: { dials: 200 },
      monthly: { deals: 40 },
    });
  });

  it('sets a figure of 0 rather than clearing it', () => {
    expect(applyTargetUpdate({ daily: { leads: 5 } }, update({ targets: { leads: 0 } }))).toEqual({
      daily: { leads: 0 },
    });
  });

  it('returns a new layer and leaves the one given unchanged', () => {
    const layer = { daily: { dials: 200 } };
    const next = applyTargetUpdate(layer, update({ targets: { dials: null } }));
    expect(layer).toEqual({ daily: { dials: 200 } });
    expect(next).not.toBe(layer);
  });
});

describe('targetUpdateSchema', () => {
  const valid = {
    scope: { kind: 'team', team: 'north' },
    period: 'monthly',
    targets: { revenue: 90_000, leads: null },
  };

  it.each([
    ['a team update', valid],
    ['a floor update', { scope: { kind: 'floor' }, period: 'daily', targets: { dials: 0 } }],
    ['a rep update', { scope: { kind: 'rep', rep: 'ana.b-1' }, period: 'daily', targets: {} }],
    ['a weekly update', { ...valid, period: 'weekly' }],
  ])('accepts %s', (_what, body) => {
    expect(targetUpdateSchema.safeParse(body).success).toBe(true);
  });

  it.each([
    ['a negative figure', { ...valid, targets: { revenue: -1 } }],
    ['a figure that is not a number', { ...valid, targets: { revenue: '100' } }],
    ['an unknown metric', { ...valid, targets: { calls: 10 } }],
    ['an unknown scope kind', { ...valid, scope: { kind: 'site', site: 'x' } }],
    ['an unknown period', { ...valid, period: 'yearly' }],
    ['an extra top-level key', { ...valid, note: 'hi' }],
    ['an extra key in the scope', { ...valid, scope: { kind: 'floor', team: 'north' } }],
    ['a team id with spaces', { ...valid, scope: { kind: 'team', team: 'north east' } }],
    ['a team scope without a team', { ...valid, scope: { kind: 'team' } }],
    ['a rep id with spaces', { ...valid, scope: { kind: 'rep', rep: 'ana b' } }],
  ])('rejects %s', (_what, body) => {
    expect(targetUpdateSchema.safeParse(body).success).toBe(false);
  });
});
