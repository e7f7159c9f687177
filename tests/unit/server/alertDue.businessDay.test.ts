import { describe, expect, it } from 'vitest';
import { boundaryMinutes, nextAlertDue } from '../../../server/alerts/alertDue';
import { DEFAULT_ALERT_THRESHOLDS, type AlertSettings } from '../../../shared/domain/alertTypes';
import type { RepView } from '../../../shared/domain/floorView';
import { businessShift, preciseMinute } from '../../../shared/domain/targets';
import { createLocalTime, MINUTE_MS } from '../../../shared/time';
import { makeRep } from '../../dom/support/floorData';

// A UTC floor, night shift 21:00-05:00, business day from 06:00.
const local = createLocalTime('UTC', 360);
const made = businessShift('21:00', '05:00', 360);
if (!made.ok) throw new Error(made.error);
const SHIFT = made.shift;
const at = (day: number, hh: number, mm = 0) => Date.UTC(2026, 2, day, hh, mm);
const settings: AlertSettings = {
  floor: { ...DEFAULT_ALERT_THRESHOLDS, behindPaceAfter: '01:00', behindPacePercent: 30, notLoggedInMinutes: 15 },
  teams: {},
};
const ctxAt = (now: number) => ({
  now,
  localMinute: preciseMinute(local.minuteOfDay(now), now),
  day: local.dayOf(now),
  shift: SHIFT,
  roster: [],
});

describe('alert timing on a night shift', () => {
  it('wakes the whole floor at the shift start, not-logged-in due, pace check (01:00 next morning) and shift end', () => {
    expect(boundaryMinutes(settings, SHIFT)).toEqual([1260, 1275, 1500, 1740]);
  });

  it('plans the pace alert only from the pace time past midnight, at the instant pace falls behind', () => {
    const rep: RepView = {
      ...makeRep({ id: 'ann', status: 'dialing', statusSince: at(2, 21) }),
      dials: 50,
      targets: { ...makeRep({ id: 'x' }).targets, dials: 100 },
    };
    // 00:30: pace is not checked before 01:00, so no time-driven change is due.
    expect(nextAlertDue(rep, ctxAt(at(3, 0, 30)), settings)).toBeNull();
    // 01:30: 50 dials of 100 fall below 70 % pace when 50 / 70 of the shift (480 min) has gone.
    const due = nextAlertDue(rep, ctxAt(at(3, 1, 30)), settings)!;
    expect(Math.abs(due - (at(2, 21) + (50 / 70) * 480 * MINUTE_MS))).toBeLessThan(MINUTE_MS);
  });
});
