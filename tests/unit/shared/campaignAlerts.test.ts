import { describe, expect, it } from 'vitest';
import { OTHER_BUCKET, zeroCounts, type CallerIdRow, type ListRow } from '../../../shared/contracts/campaigns';
import {
  alertSettingsUpdateSchema,
  DEFAULT_ALERT_THRESHOLDS,
  type AlertSettings,
} from '../../../shared/domain/alertTypes';
import {
  campaignThresholds,
  CONTACT_HOLD_MS,
  contactCondition,
  figureConditions,
  missingOutcomeCondition,
  pendingHangups,
  type RepeatDial,
} from '../../../shared/domain/campaignAlerts';
import type { CallRecord } from '../../../shared/domain/callBook';
import { MINUTE_MS } from '../../../shared/time';

const DAY = '2026-03-02';
const NOW = Date.UTC(2026, 2, 2, 10, 0);
const settings = (over: Partial<AlertSettings> = {}): AlertSettings => ({
  floor: DEFAULT_ALERT_THRESHOLDS,
  teams: {},
  ...over,
});

function line(callerId: string, recentDials: number, recentConnects: number, baselineRate: number | null): CallerIdRow {
  return {
    ...{ callerId, dials: 200, connects: 100, recentDials, recentConnects, baselineRate },
    ...{ floorRateSameHour: 0.6, flagged: false },
  };
}

function list(id: string, fields: Partial<ListRow>): ListRow {
  return {
    ...zeroCounts(),
    ...{ list: id, campaign: null, customersReached: null, customersDialled: null, size: null, dryAt: null },
    ...fields,
  };
}

describe('caller_id_flagged (default: 50 % below baseline over 20 recent dials)', () => {
  const raised = (row: CallerIdRow, s = settings()) =>
    figureConditions({ callerIds: [row], lists: [] }, s, NOW, DAY).filter((c) => c.rule === 'caller_id_flagged');

  it('holds at half the baseline, not one connect above it', () => {
    // Baseline 80 %: 8 of 20 (40 %) is the threshold; 9 of 20 (45 %) is not.
    expect(raised(line('+862155550100', 20, 8, 0.8))).toHaveLength(1);
    expect(raised(line('+862155550100', 20, 9, 0.8))).toHaveLength(0);
  });

  it('needs the minimum of recent dials, and a baseline', () => {
    expect(raised(line('+862155550100', 19, 0, 0.8))).toHaveLength(0);
    expect(raised(line('+862155550100', 20, 0, null))).toHaveLength(0);
    expect(raised(line('+862155550100', 20, 0, 0))).toHaveLength(0);
    expect(raised(line(OTHER_BUCKET, 500, 0, 0.8))).toHaveLength(0);
  });

  it('names the line, no rep and no team (the supervisor), with the rates as detail', () => {
    const [c] = raised(line('+862155550100', 20, 5, 0.8));
    expect(c).toMatchObject({
      id: `caller_id_flagged:+862155550100:${DAY}`,
      rep: 'line:+862155550100',
      repName: '+862155550100',
      team: null,
      severity: 'critical',
      detail: '25/80',
    });
  });

  it('follows the floor threshold', () => {
    const strict = settings({ floor: { ...DEFAULT_ALERT_THRESHOLDS, callerIdDropPercent: 40, callerIdMinDials: 10 } });
    expect(raised(line('+862155550100', 10, 4, 0.8), strict)).toHaveLength(1); // 40 % <= 80 % × 0.6
    expect(raised(line('+862155550100', 10, 5, 0.8), strict)).toHaveLength(0);
  });
});

describe('list_quality (default: 30 % invalid over at least 50 dials)', () => {
  const raised = (row: ListRow, s = settings()) =>
    figureConditions({ callerIds: [], lists: [row] }, s, NOW, DAY).filter((c) => c.rule === 'list_quality');

  it('holds from the threshold on, with the minimum of dials', () => {
    expect(raised(list('L1', { dials: 50, invalid: 15 }))).toHaveLength(1);
    expect(raised(list('L1', { dials: 50, invalid: 14 }))).toHaveLength(0);
    expect(raised(list('L1', { dials: 49, invalid: 49 }))).toHaveLength(0);
    expect(raised(list(OTHER_BUCKET, { dials: 500, invalid: 400 }))).toHaveLength(0);
  });

  it('says the rate and the dials, for the supervisor', () => {
    expect(raised(list('L1', { dials: 120, invalid: 42 }))[0]).toMatchObject({
      id: `list_quality:L1:${DAY}`,
      rep: 'list:L1',
      team: null,
      detail: '35/120',
    });
  });

  it("takes the list's campaign's override over the floor's", () => {
    const s = settings({ campaigns: { spring: { listInvalidPercent: 50 } } });
    expect(raised(list('L1', { dials: 100, invalid: 40, campaign: 'spring' }), s)).toHaveLength(0);
    expect(raised(list('L1', { dials: 100, invalid: 50, campaign: 'spring' }), s)).toHaveLength(1);
    expect(raised(list('L2', { dials: 100, invalid: 40, campaign: 'autumn' }), s)).toHaveLength(1);
    expect(campaignThresholds(s, 'spring').listMinDials).toBe(DEFAULT_ALERT_THRESHOLDS.listMinDials);
  });
});

describe('list_running_dry (default: within 30 minutes at the current pace)', () => {
  const raised = (dryAt: number | null, s = settings()) =>
    figureConditions({ callerIds: [], lists: [list('L1', { dryAt })] }, s, NOW, DAY).filter(
      (c) => c.rule === 'list_running_dry',
    );

  it('holds at 30 minutes left, not a millisecond before', () => {
    expect(raised(NOW + 30 * MINUTE_MS)).toMatchObject([{ severity: 'warning', detail: '30' }]);
    expect(raised(NOW + 30 * MINUTE_MS + 1)).toHaveLength(0);
    expect(raised(null)).toHaveLength(0);
  });

  it('turns critical once dry', () => {
    expect(raised(NOW)).toMatchObject([{ severity: 'critical', detail: '0' }]);
    expect(raised(NOW - MINUTE_MS)).toMatchObject([{ severity: 'critical', detail: '0' }]);
  });

  it("a campaign's override applies to its lists", () => {
    const s = settings({ campaigns: { spring: { listDryMinutes: 60 } } });
    const row = list('L1', { dryAt: NOW + 45 * MINUTE_MS, campaign: 'spring' });
    expect(figureConditions({ callerIds: [], lists: [row] }, s, NOW, DAY)).toHaveLength(1);
    expect(figureConditions({ callerIds: [], lists: [{ ...row, campaign: null }] }, s, NOW, DAY)).toHaveLength(0);
  });
});

describe('missing_outcome (default: 10 minutes after hang-up)', () => {
  const rep = (calls: [string, CallRecord][]) => ({
    ...{ id: 'rep-a1', name: 'Ann', team: 'north' },
    pending: pendingHangups(calls),
  });
  const hungUp = (at: number, outcome?: CallRecord['outcome']): CallRecord => ({
    dialAt: at - 60_000,
    hangupAt: at,
    ...(outcome && { outcome }),
  });
  const t = DEFAULT_ALERT_THRESHOLDS;

  it('holds at 10 minutes after the hang-up, and says when it will', () => {
    const calls: [string, CallRecord][] = [['c1', hungUp(NOW - 10 * MINUTE_MS)]];
    expect(missingOutcomeCondition(rep(calls), t, NOW, DAY).condition).toMatchObject({
      id: `missing_outcome:rep-a1:${DAY}`,
      team: 'north',
      detail: '1',
      since: NOW,
    });
    const before = missingOutcomeCondition(rep(calls), t, NOW - 1, DAY);
    expect(before).toEqual({ condition: null, nextDue: NOW });
  });

  it('counts the overdue calls only; an outcome or a call still going is not missing', () => {
    const calls: [string, CallRecord][] = [
      ['c1', hungUp(NOW - 30 * MINUTE_MS)],
      ['c2', hungUp(NOW - 20 * MINUTE_MS)],
      ['c3', hungUp(NOW - 25 * MINUTE_MS, 'sale')],
      ['c4', { dialAt: NOW - 40 * MINUTE_MS }],
      ['c5', hungUp(NOW - 5 * MINUTE_MS)],
    ];
    const { condition, nextDue } = missingOutcomeCondition(rep(calls), t, NOW, DAY);
    expect(condition?.detail).toBe('2');
    expect(nextDue).toBe(NOW + 5 * MINUTE_MS);
  });
});

describe('contact_frequency (default: more than 3 dials today, or two reps within 10 minutes)', () => {
  const who = { id: 'rep-a1', name: 'Ann', team: 'north' };
  const t = DEFAULT_ALERT_THRESHOLDS;
  const dial = (at: number, times: number, others: RepeatDial['others'] = []): RepeatDial => ({
    rep: 'rep-a1',
    at,
    times,
    others,
  });

  it('the fourth dial of a customer breaches, the third does not', () => {
    expect(contactCondition(who, [dial(NOW, 3)], t, NOW).condition).toBeNull();
    expect(contactCondition(who, [dial(NOW, 4)], t, NOW).condition).toMatchObject({
      id: `contact_frequency:rep-a1:${NOW}`,
      team: 'north',
      detail: '4/',
    });
  });

  it('another rep within 10 minutes breaches, at 10 minutes and a millisecond not', () => {
    const within = dial(NOW, 2, [{ rep: 'rep-b1', gapMs: 10 * MINUTE_MS }]);
    expect(contactCondition(who, [within], t, NOW).condition?.detail).toBe('/rep-b1');
    const apart = dial(NOW, 2, [{ rep: 'rep-b1', gapMs: 10 * MINUTE_MS + 1 }]);
    expect(contactCondition(who, [apart], t, NOW).condition).toBeNull();
  });

  it('stays open an hour after the last breach, then clears by itself', () => {
    const repeats = [dial(NOW, 4), dial(NOW + 30 * MINUTE_MS, 5, [{ rep: 'rep-b1', gapMs: 1000 }])];
    const open = contactCondition(who, repeats, t, NOW + 89 * MINUTE_MS);
    expect(open.condition).toMatchObject({ id: `contact_frequency:rep-a1:${NOW}`, detail: '5/rep-b1' });
    expect(open.nextDue).toBe(NOW + 30 * MINUTE_MS + CONTACT_HOLD_MS);
    expect(contactCondition(who, repeats, t, NOW + 90 * MINUTE_MS).condition).toBeNull();
  });

  it('a breach an hour after the last one opens a new alert', () => {
    const repeats = [dial(NOW, 4), dial(NOW + CONTACT_HOLD_MS, 5)];
    expect(contactCondition(who, repeats, t, NOW + CONTACT_HOLD_MS).condition?.id).toBe(
      `contact_frequency:rep-a1:${NOW + CONTACT_HOLD_MS}`,
    );
  });

  it('follows the team threshold given', () => {
    expect(contactCondition(who, [dial(NOW, 4)], { ...t, contactMaxPerDay: 4 }, NOW).condition).toBeNull();
  });

  it('never carries anything but rep ids and counts', () => {
    const { condition } = contactCondition(who, [dial(NOW, 9, [{ rep: 'rep-b1', gapMs: 0 }])], t, NOW);
    expect(condition!.detail).toMatch(/^\d*\/[A-Za-z0-9._,-]*$/);
  });
});

describe('threshold settings', () => {
  it('a team may not set the floor-wide line and list thresholds', () => {
    const team = (thresholds: object) =>
      alertSettingsUpdateSchema.safeParse({ scope: 'team', team: 'north', thresholds });
    expect(team({ missingOutcomeMinutes: 5, contactMaxPerDay: 2, contactRepeatMinutes: 30 }).success).toBe(true);
    expect(team({ listInvalidPercent: 10 }).success).toBe(false);
    expect(team({ callerIdDropPercent: 10 }).success).toBe(false);
  });

  it('a campaign sets its lists’ thresholds only, within range', () => {
    const campaign = (thresholds: object) =>
      alertSettingsUpdateSchema.safeParse({ scope: 'campaign', campaign: 'spring', thresholds });
    expect(campaign({ listInvalidPercent: 40, listMinDials: 20, listDryMinutes: 15 }).success).toBe(true);
    expect(campaign({ missingOutcomeMinutes: 5 }).success).toBe(false);
    expect(campaign({ listInvalidPercent: 0 }).success).toBe(false);
    expect(campaign({ listMinDials: 2.5 }).success).toBe(false);
    expect(alertSettingsUpdateSchema.safeParse({ scope: 'campaign', campaign: 'a b', thresholds: {} }).success).toBe(
      false,
    );
  });

  it('a floor sent without the new thresholds is still valid (an older client)', () => {
    const { callerIdDropPercent: _a, contactMaxPerDay: _b, ...older } = DEFAULT_ALERT_THRESHOLDS;
    expect(alertSettingsUpdateSchema.safeParse({ scope: 'floor', thresholds: older }).success).toBe(true);
    const bad = { ...DEFAULT_ALERT_THRESHOLDS, contactMaxPerDay: 0 };
    expect(alertSettingsUpdateSchema.safeParse({ scope: 'floor', thresholds: bad }).success).toBe(false);
  });
});
