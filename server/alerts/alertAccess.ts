import type { Ack } from '../../shared/contracts/socket';
import {
  alertSettingsUpdateSchema,
  type Alert,
  type AlertSettings,
  type AlertSettingsUpdate,
} from '../../shared/domain/alertTypes';
import type { Viewer } from '../../shared/domain/viewer';
import { firstIssue } from '../../shared/validation';
import { namedRecord } from '../../shared/records';

/**
 * Who may see and act on alerts. Supervisors and wallboards watch the whole floor, a lead the
 * lead's team; a rep never sees alerts about people (their own included: they are for managers).
 */
export type AlertReader = { kind: 'floor' } | { kind: 'team'; team: string };

type Denied = Extract<Ack<never>, { ok: false }>;

export function alertReader(viewer: Viewer): AlertReader | Denied {
  if (viewer.kind === 'kiosk' || viewer.role === 'supervisor') return { kind: 'floor' };
  if (viewer.role === 'lead') return { kind: 'team', team: viewer.team };
  return { ok: false, status: 403, error: 'alerts are for supervisors and team leads' };
}

export function readerSees(reader: AlertReader, alert: Pick<Alert, 'team'>): boolean {
  return reader.kind === 'floor' || alert.team === reader.team;
}

/** Acknowledging takes a named person: a supervisor for any alert, a lead for the team's. */
export function canAcknowledgeAlert(viewer: Viewer, alert: Pick<Alert, 'team'>): boolean {
  if (viewer.kind !== 'user') return false;
  if (viewer.role === 'supervisor') return true;
  return viewer.role === 'lead' && alert.team === viewer.team;
}

/** Floor and campaign thresholds are the supervisor's; a team's overrides also its lead's. */
export function canEditAlertSettings(viewer: Viewer, update: AlertSettingsUpdate): boolean {
  if (viewer.kind !== 'user') return false;
  if (viewer.role === 'supervisor') return true;
  return viewer.role === 'lead' && update.scope === 'team' && update.team === viewer.team;
}

/** A supervisor reads every team's overrides; a lead the floor's and the lead's own team's. */
export function visibleAlertSettings(viewer: Viewer, settings: AlertSettings): Ack<AlertSettings> {
  if (viewer.kind === 'user' && viewer.role === 'supervisor') return { ok: true, value: settings };
  if (viewer.kind === 'user' && viewer.role === 'lead') {
    const own = settings.teams[viewer.team];
    const teams = namedRecord(own ? [[viewer.team, own]] : []);
    // Campaigns' list thresholds are no team's secret: a lead reads them (a supervisor sets them).
    return {
      ok: true,
      value: { floor: settings.floor, teams, ...(settings.campaigns && { campaigns: settings.campaigns }) },
    };
  }
  return { ok: false, status: 403, error: 'alert settings are for supervisors and team leads' };
}

/** A valid update the viewer may make: 403 before the body is read for reps and wallboards. */
export function settingsUpdate(viewer: Viewer, body: unknown): Ack<AlertSettingsUpdate> {
  if (viewer.kind !== 'user' || viewer.role === 'rep')
    return { ok: false, status: 403, error: 'alert settings are for supervisors and team leads' };
  const parsed = alertSettingsUpdateSchema.safeParse(body);
  if (!parsed.success) return { ok: false, status: 400, error: firstIssue(parsed.error) };
  if (!canEditAlertSettings(viewer, parsed.data))
    return { ok: false, status: 403, error: 'you may not change these alert settings' };
  return { ok: true, value: parsed.data };
}

export interface AlertList {
  /** Open now, newest first. */
  active: Alert[];
  /** Cleared, most recently cleared first. */
  history: Alert[];
}

const newestFirst = (at: (a: Alert) => number) => (a: Alert, b: Alert) => at(b) - at(a) || a.id.localeCompare(b.id);

/** The reader's alerts of a day; another day's are all history: nothing there is open any more. */
export function listFor(reader: AlertReader, alerts: Iterable<Alert>, pastDay: boolean): AlertList {
  const visible = [...alerts].filter((a) => readerSees(reader, a));
  const isOpen = (a: Alert) => a.clearedAt === null && !pastDay;
  return {
    active: visible.filter(isOpen).sort(newestFirst((a) => a.raisedAt)),
    history: visible.filter((a) => !isOpen(a)).sort(newestFirst((a) => a.clearedAt ?? a.raisedAt)),
  };
}
