import { describe, expect, it } from 'vitest';
import {
  alertReader,
  canAcknowledgeAlert,
  listFor,
  settingsUpdate,
  visibleAlertSettings,
} from '../../../server/alerts/alertAccess';
import { DEFAULT_ALERT_THRESHOLDS, type Alert, type AlertSettings } from '../../../shared/domain/alertTypes';
import type { Viewer } from '../../../shared/domain/viewer';

const SUPERVISOR: Viewer = { kind: 'user', username: 'sam', role: 'supervisor' };
const NORTH_LEAD: Viewer = { kind: 'user', username: 'lea', role: 'lead', team: 'north' };
const SOUTH_LEAD: Viewer = { kind: 'user', username: 'sol', role: 'lead', team: 'south' };
const ANA: Viewer = { kind: 'user', username: 'ana', role: 'rep', rep: 'ana', team: 'north' };
const KIOSK: Viewer = { kind: 'kiosk', id: 'k1', name: 'Wallboard' };

function alert(id: string, team: string | null, raisedAt: number, clearedAt: number | null = null): Alert {
  const base = { rule: 'idle', severity: 'warning', rep: id, repName: id, since: 0, detail: null } as const;
  return { ...base, id, team, raisedAt, clearedAt, ackBy: null, ackAt: null };
}

describe('alert access', () => {
  it('lets supervisors acknowledge any alert, a lead the team’s, nobody else', () => {
    const north = alert('a', 'north', 1);
    const teamless = alert('b', null, 1);
    expect([SUPERVISOR, NORTH_LEAD, SOUTH_LEAD, ANA, KIOSK].map((v) => canAcknowledgeAlert(v, north))).toEqual([
      true,
      true,
      false,
      false,
      false,
    ]);
    expect(canAcknowledgeAlert(NORTH_LEAD, teamless)).toBe(false);
    expect(canAcknowledgeAlert(SUPERVISOR, teamless)).toBe(true);
  });

  it('lists the floor for supervisors and wallboards, the team for a lead, newest first, cleared apart', () => {
    const alerts = [
      alert('a', 'north', 1),
      alert('b', 'south', 2),
      alert('c', 'north', 3, 5),
      alert('d', 'north', 4, 9),
    ];
    const floor = alertReader(KIOSK);
    const lead = alertReader(NORTH_LEAD);
    if ('ok' in floor || 'ok' in lead) throw new Error('readers expected');
    const ids = (list: ReturnType<typeof listFor>) => [list.active.map((a) => a.id), list.history.map((a) => a.id)];
    expect(ids(listFor(floor, alerts, false))).toEqual([
      ['b', 'a'],
      ['d', 'c'],
    ]);
    expect(ids(listFor(lead, alerts, false))).toEqual([['a'], ['d', 'c']]);
    expect(ids(listFor(lead, alerts, true))).toEqual([[], ['d', 'c', 'a']]);
    expect(alertReader(ANA)).toMatchObject({ ok: false, status: 403 });
  });

  it('lets a supervisor set the floor and any team, a lead only the lead’s team', () => {
    const floor = { scope: 'floor', thresholds: DEFAULT_ALERT_THRESHOLDS };
    const north = { scope: 'team', team: 'north', thresholds: { idleMinutes: 3 } };
    expect(settingsUpdate(SUPERVISOR, floor)).toEqual({ ok: true, value: floor });
    expect(settingsUpdate(SUPERVISOR, north)).toEqual({ ok: true, value: north });
    expect(settingsUpdate(NORTH_LEAD, north)).toEqual({ ok: true, value: north });
    expect(settingsUpdate(NORTH_LEAD, floor)).toMatchObject({ ok: false, status: 403 });
    expect(settingsUpdate(SOUTH_LEAD, north)).toMatchObject({ ok: false, status: 403 });
    expect(settingsUpdate(ANA, north)).toMatchObject({ ok: false, status: 403 });
    expect(settingsUpdate(KIOSK, north)).toMatchObject({ ok: false, status: 403 });
  });

  it('rejects invalid settings with the reason', () => {
    const bad = (thresholds: unknown, scope = 'team') =>
      settingsUpdate(SUPERVISOR, { scope, team: 'north', thresholds });
    expect(bad({ idleMinutes: 0 })).toEqual({
      ok: false,
      status: 400,
      error: expect.stringMatching(/^thresholds\.idleMinutes: /),
    });
    expect(bad({ behindPaceAfter: '25:00' })).toMatchObject({
      status: 400,
      error: 'thresholds.behindPaceAfter: must be HH:MM',
    });
    expect(bad({ colour: 'red' })).toMatchObject({ status: 400 });
    expect(bad({ idleMinutes: 3 }, 'floor')).toMatchObject({ status: 400 });
    expect(settingsUpdate(SUPERVISOR, null)).toMatchObject({ status: 400 });
  });

  it('shows a lead the floor thresholds and the lead’s own team only', () => {
    const settings: AlertSettings = {
      floor: DEFAULT_ALERT_THRESHOLDS,
      teams: { north: { idleMinutes: 3 }, south: { idleMinutes: 9 } },
    };
    expect(visibleAlertSettings(SUPERVISOR, settings)).toEqual({ ok: true, value: settings });
    expect(visibleAlertSettings(NORTH_LEAD, settings)).toEqual({
      ok: true,
      value: { floor: DEFAULT_ALERT_THRESHOLDS, teams: { north: { idleMinutes: 3 } } },
    });
    expect(visibleAlertSettings(ANA, settings)).toMatchObject({ ok: false, status: 403 });
    expect(visibleAlertSettings(KIOSK, settings)).toMatchObject({ ok: false, status: 403 });
  });
});
