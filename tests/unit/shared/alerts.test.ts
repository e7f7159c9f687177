import { describe, expect, it } from 'vitest';
import {
  detectGoodNews,
  evaluateAlerts,
  floorGoodNews,
  thresholdsFor,
  type AlertContext,
  type RosterEntry,
} from '../../../shared/domain/alerts';
import { DEFAULT_ALERT_THRESHOLDS, defaultAlertSettings, type AlertSettings } from '../../../shared/domain/alertTypes';
import { emptyTotals, type RepView } from '../../../shared/domain/floorView';
import { preciseMinute } from '../../../shared/domain/targets';
import { createLocalTime, MINUTE_MS, SECOND_MS } from '../../../shared/time';

// A Shanghai floor (UTC+8), shift 09:00-18:00; local 10:00 on 2026-03-02 is 02:00 UTC.
const local = createLocalTime('Asia/Shanghai');
const SHIFT = { startMinute: 9 * 60, endMinute: 18 * 60 };
const localAt = (hh: number, mm: number, ms = 0) => Date.UTC(2026, 2, 2, hh - 8, mm) + ms;
const T10 = localAt(10, 0);
const FLOOR: AlertSettings = { floor: DEFAULT_ALERT_THRESHOLDS, teams: {} };

function rep(id: string, fields: Partial<RepView> = {}): RepView {
  return {
    id,
    name: id.toUpperCase(),
    team: 'north',
    // Dialing raises nothing by itself, so each test shows only the rule it is about.
    status: 'dialing',
    pauseReason: null,
    statusSince: T10,
    currentCall: null,
    callAnsweredAt: null,
    // A full day's dials: on pace all day unless a test says otherwise.
    dials: 180,
    connects: 0,
    effectiveCalls: 0,
    talkSeconds: 0,
    wrapupSeconds: 0,
    pauseSeconds: 0,
    loggedInSeconds: 600,
    leads: 0,
    deals: 0,
    revenue: 0,
    refusals: [],
    callbacks: [],
    callbackCount: 0,
    missingDetails: 0,
    handoffsWon: 0,
    handoffRevenue: 0,
    targets: { dials: 180, effectiveCalls: 30, talkMinutes: 150, leads: 6, deals: 2, revenue: 5000 },
    version: 1,
    ...fields,
  };
}

function ctx(now: number, roster: readonly RosterEntry[] = []): AlertContext {
  return { now, localMinute: preciseMinute(local.minuteOfDay(now), now), day: local.dayOf(now), shift: SHIFT, roster };
}

const evaluate = (reps: RepView[], now: number, settings = FLOOR, roster: RosterEntry[] = []) =>
  evaluateAlerts(reps, ctx(now, roster), settings);
const ids = (reps: RepView[], now: number, settings = FLOOR, roster: RosterEntry[] = []) =>
  evaluate(reps, now, settings, roster).map((c) => c.id);

describe('status rules raise at the threshold and not a millisecond before', () => {
  const cases = [
    { rule: 'long_call', view: { status: 'on_call', callAnsweredAt: T10 }, threshold: 20 * MINUTE_MS },
    { rule: 'long_wrapup', view: { status: 'wrapup' }, threshold: 180 * SECOND_MS },
    { rule: 'long_pause', view: { status: 'paused', pauseReason: 'break' }, threshold: 15 * MINUTE_MS },
    { rule: 'long_pause', view: { status: 'paused', pauseReason: 'lunch' }, threshold: 60 * MINUTE_MS },
    { rule: 'idle', view: { status: 'available' }, threshold: 5 * MINUTE_MS },
  ] as const;
  it.each(cases)('$rule ($view.status $view.pauseReason)', ({ rule, view, threshold }) => {
    const ana = rep('ana', view);
    expect(evaluate([ana], T10 + threshold - 1)).toEqual([]);
    const [condition, ...rest] = evaluate([ana], T10 + threshold);
    expect(rest).toEqual([]);
    expect(condition).toMatchObject({ id: `${rule}:ana:${T10}`, rule, rep: 'ana', repName: 'ANA', since: T10 });
    expect(condition?.severity).toBe(rule === 'long_call' ? 'critical' : 'warning');
  });

  it('does not raise for other statuses, nor a long call with no answer time', () => {
    const reps = [rep('a', { status: 'dialing' }), rep('b', { status: 'offline' }), rep('c', { status: 'on_call' })];
    expect(evaluate(reps, T10 + 3 * 3600_000)).toEqual([]);
  });

  it('names the pause reason and turns a pause critical past twice its allowance, keeping its id', () => {
    const ana = rep('ana', { status: 'paused', pauseReason: 'break' });
    expect(evaluate([ana], T10 + 30 * MINUTE_MS - 1)).toMatchObject([{ severity: 'warning', detail: 'break' }]);
    expect(evaluate([ana], T10 + 30 * MINUTE_MS)).toMatchObject([
      { id: `long_pause:ana:${T10}`, severity: 'critical', detail: 'break' },
    ]);
  });

  it('gives the same ids on every evaluation while the condition holds, a new one when it starts again', () => {
    const ana = rep('ana', { status: 'wrapup' });
    const first = ids([ana], T10 + 5 * MINUTE_MS);
    expect(ids([ana], T10 + 9 * MINUTE_MS)).toEqual(first);
    const later = T10 + 20 * MINUTE_MS;
    expect(ids([rep('ana', { status: 'wrapup', statusSince: later })], later + 10 * MINUTE_MS)).toEqual([
      `long_wrapup:ana:${later}`,
    ]);
  });
});

describe('team overrides', () => {
  const settings: AlertSettings = {
    floor: DEFAULT_ALERT_THRESHOLDS,
    teams: { north: { longCallMinutes: 10, pauseMinutes: { break: 5 } as never, notLoggedInMinutes: 30 } },
  };

  it('merge over the floor, pause allowances per reason', () => {
    expect(thresholdsFor(settings, 'north')).toEqual({
      ...DEFAULT_ALERT_THRESHOLDS,
      longCallMinutes: 10,
      notLoggedInMinutes: 30,
      pauseMinutes: { ...DEFAULT_ALERT_THRESHOLDS.pauseMinutes, break: 5 },
    });
    expect(thresholdsFor(settings, 'south')).toEqual(DEFAULT_ALERT_THRESHOLDS);
    expect(thresholdsFor(settings, null)).toEqual(DEFAULT_ALERT_THRESHOLDS);
  });

  it.each(['__proto__', 'constructor', 'toString', 'hasOwnProperty'])(
    'thresholdsFor() treats a team named %s as a name: its overrides apply to it only and are listed',
    (name) => {
      const settings = defaultAlertSettings();
      settings.teams[name] = { idleMinutes: 2 }; // as the alert repository loads them
      expect(thresholdsFor(settings, name)).toEqual({ ...DEFAULT_ALERT_THRESHOLDS, idleMinutes: 2 });
      expect(thresholdsFor(settings, 'north')).toEqual(DEFAULT_ALERT_THRESHOLDS);
      expect(Object.keys((JSON.parse(JSON.stringify(settings)) as AlertSettings).teams)).toEqual([name]);
    },
  );

  it('apply to the team only', () => {
    const onCall = { status: 'on_call', callAnsweredAt: T10 } as const;
    const reps = [rep('n', onCall), rep('s', { ...onCall, team: 'south' }), rep('x', { ...onCall, team: null })];
    expect(ids(reps, T10 + 10 * MINUTE_MS - 1, settings)).toEqual([]);
    expect(ids(reps, T10 + 10 * MINUTE_MS, settings)).toEqual([`long_call:n:${T10}`]);
    expect(ids(reps, T10 + 20 * MINUTE_MS, settings)).toEqual([
      `long_call:n:${T10}`,
      `long_call:s:${T10}`,
      `long_call:x:${T10}`,
    ]);
    const paused = [
      rep('n', { status: 'paused', pauseReason: 'break' }),
      rep('s', { status: 'paused', pauseReason: 'break', team: 'south' }),
    ];
    expect(ids(paused, T10 + 5 * MINUTE_MS, settings)).toEqual([`long_pause:n:${T10}`]);
    const lunch = [rep('n', { status: 'paused', pauseReason: 'lunch' })];
    expect(ids(lunch, T10 + 59 * MINUTE_MS, settings)).toEqual([]);
  });
});

describe('behind_pace', () => {
  // At 11:00, 2/9 of the shift: 40 of 180 dials expected; more than 30 % behind is under 28.
  const behind = rep('ana', { dials: 10 });
  const onPace = rep('ben', { dials: 28 });

  it('raises only from the set hour, for logged-in reps more than the percentage behind', () => {
    expect(ids([behind, onPace], localAt(10, 59, 59_999))).toEqual([]);
    const [condition, ...rest] = evaluate([behind, onPace], localAt(11, 0));
    expect(rest).toEqual([]);
    expect(condition).toMatchObject({
      id: 'behind_pace:ana:2026-03-02',
      rule: 'behind_pace',
      severity: 'warning',
      since: localAt(11, 0),
      detail: '25%',
    });
    expect(ids([rep('cy', { dials: 10, status: 'offline' })], localAt(11, 0))).toEqual([]);
    expect(ids([rep('dee', { dials: 10, targets: { ...behind.targets, dials: 0 } })], localAt(11, 0))).toEqual([]);
  });

  it('keeps its id and since all day, and honours a team hour and percentage', () => {
    expect(evaluate([behind], localAt(15, 37, 12_500))).toMatchObject([
      { id: 'behind_pace:ana:2026-03-02', since: localAt(11, 0) },
    ]);
    const settings: AlertSettings = { ...FLOOR, teams: { north: { behindPaceAfter: '12:00', behindPacePercent: 80 } } };
    expect(ids([behind], localAt(11, 59, 59_999), settings)).toEqual([]);
    // At 12:00 pace is 10/60 = 17 %: more than 80 % behind.
    expect(evaluate([behind], localAt(12, 0), settings)).toMatchObject([{ since: localAt(12, 0), detail: '17%' }]);
  });

  it('ends with the shift', () => {
    expect(ids([behind], localAt(17, 59, 59_999))).toHaveLength(1);
    expect(ids([behind], localAt(18, 0))).toEqual([]);
  });
});

describe('not_logged_in', () => {
  const roster: RosterEntry[] = [
    { rep: 'absent', team: 'north', name: 'Absent Annie' },
    { rep: 'never', team: 'north' },
    { rep: 'here', team: 'north' },
    { rep: 'left', team: 'north' },
    { rep: 'late', team: 'south' },
  ];
  const reps = [
    rep('never', { status: 'offline', loggedInSeconds: 0 }),
    rep('here', { status: 'dialing', statusSince: localAt(9, 14) }),
    rep('left', { status: 'offline', loggedInSeconds: 300 }),
  ];
  const settings: AlertSettings = { ...FLOOR, teams: { south: { notLoggedInMinutes: 30 } } };

  it('raises shift start + N minutes for roster reps not on the floor or never logged in today', () => {
    expect(ids(reps, localAt(9, 14, 59_999), settings, roster)).toEqual([]);
    const at915 = evaluate(reps, localAt(9, 15), settings, roster);
    expect(at915.map((c) => c.id)).toEqual(['not_logged_in:absent:2026-03-02', 'not_logged_in:never:2026-03-02']);
    expect(at915[0]).toMatchObject({
      rule: 'not_logged_in',
      severity: 'critical',
      repName: 'Absent Annie',
      team: 'north',
      since: localAt(9, 15),
    });
    expect(ids(reps, localAt(9, 29, 59_999), settings, roster)).not.toContain('not_logged_in:late:2026-03-02');
    expect(evaluate(reps, localAt(9, 30), settings, roster)).toContainEqual(
      expect.objectContaining({ id: 'not_logged_in:late:2026-03-02', since: localAt(9, 30), team: 'south' }),
    );
  });

  it("treats yesterday's offline reps as not logged in today, until the floor's day turns", () => {
    const now = localAt(9, 20);
    const yesterday = evaluateAlerts(reps, { ...ctx(now, roster), repsDay: '2026-03-01' }, FLOOR).map((c) => c.id);
    expect(yesterday).toContain('not_logged_in:left:2026-03-02');
    expect(yesterday).not.toContain('not_logged_in:here:2026-03-02');
    expect(ids(reps, now, FLOOR, roster)).not.toContain('not_logged_in:left:2026-03-02');
  });
});

describe('good news', () => {
  const at = T10 + 1000;
  it('is a sale when deals go up, with the revenue it brought', () => {
    const before = rep('ana', { deals: 0, revenue: 0 });
    expect(detectGoodNews(before, { ...before, deals: 1, revenue: 1200 }, at)).toEqual([
      { id: 'sale:ana:1', kind: 'sale', rep: 'ana', repName: 'ANA', team: 'north', amount: 1200, metric: null, at },
    ]);
    expect(detectGoodNews(before, { ...before, dials: 5 }, at)).toEqual([]);
  });

  it('is a rep target crossed from below, once', () => {
    const before = rep('ana', { deals: 1, revenue: 4000, leads: 6 });
    const after = { ...before, deals: 2, revenue: 5500, leads: 7 };
    const news = detectGoodNews(before, after, at);
    expect(news.map((n) => n.id)).toEqual(['sale:ana:2', 'rep_target:ana:deals:2', 'rep_target:ana:revenue:5000']);
    expect(news[0]?.amount).toBe(1500);
    expect(news[1]).toMatchObject({ kind: 'rep_target', metric: 'deals', amount: 2 });
    expect(detectGoodNews(after, { ...after, deals: 3, revenue: 6000 }, at).map((n) => n.kind)).toEqual(['sale']);
  });

  it('is the floor reaching its deals or revenue target, not a new day resetting it', () => {
    const target = { ...emptyTotals().targets, deals: 10, revenue: 20_000 };
    const before = { ...emptyTotals(), deals: 9, revenue: 19_000, targets: target };
    const after = { ...before, deals: 10, revenue: 19_500 };
    expect(floorGoodNews(before, after, at)).toEqual([
      {
        id: 'floor_target:deals:10',
        kind: 'floor_target',
        rep: null,
        repName: null,
        team: null,
        amount: 10,
        metric: 'deals',
        at,
      },
    ]);
    expect(floorGoodNews(after, { ...after, deals: 11 }, at)).toEqual([]);
    expect(floorGoodNews({ ...after, deals: 12 }, { ...emptyTotals(), targets: target }, at)).toEqual([]);
  });
});
