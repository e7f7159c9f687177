import { z } from 'zod';
import { PAUSE_REASONS, type PauseReason } from '../events/callEvent';
import type { EpochMs } from '../time';
import { namedRecord } from '../records';

/** Conditions a supervisor manages by exception. */
export const ALERT_RULES = [
  'long_call',
  'long_wrapup',
  'long_pause',
  'idle',
  'behind_pace',
  'not_logged_in',
  // A call-back past its time by the grace (server/callbacks; detail: how many are overdue).
  'callback_overdue',
  'source_silent',
  // A lead handoff waiting for acceptance too long (server/handoffs; detail: how many wait).
  'handoff_waiting',
] as const;
export type AlertRule = (typeof ALERT_RULES)[number];

/**
 * Rules that are a rep's own follow-up, for the rep and their lead, not for the room: the wall and
 * the TV show overdue call-backs as a count per team, so their tiles keep meaning "someone needs
 * help now" (a floor with a backlog of call-backs would otherwise fill every tile with amber).
 */
export const OFF_THE_WALL_RULES: ReadonlySet<AlertRule> = new Set<AlertRule>(['callback_overdue', 'handoff_waiting']);

/** Good news celebrated on the wallboard for a few seconds (events, not conditions). */
export const GOOD_NEWS = ['sale', 'rep_target', 'floor_target'] as const;
export type GoodNewsKind = (typeof GOOD_NEWS)[number];

export type AlertSeverity = 'warning' | 'critical';

/** Thresholds of every rule; floor defaults, overridable per team. */
export interface AlertThresholds {
  /** A call longer than this (minutes). */
  longCallMinutes: number;
  /** Wrap-up longer than this (seconds). */
  longWrapupSeconds: number;
  /** Allowance of each pause reason (minutes). */
  pauseMinutes: Record<PauseReason, number>;
  /** Available but not dialing for this long (minutes). */
  idleMinutes: number;
  /** Behind dial pace by more than this percentage... */
  behindPacePercent: number;
  /** ...after this local time (HH:MM). */
  behindPaceAfter: string;
  /** Not logged in this many minutes after shift start. */
  notLoggedInMinutes: number;
  /**
   * A lead handoff waiting for acceptance this long (minutes), by the receiving team's thresholds.
   * Optional: settings saved before issue #16 lack it and DEFAULT_HANDOFF_WAIT_MINUTES applies.
   */
  handoffWaitMinutes?: number;
}

export const DEFAULT_HANDOFF_WAIT_MINUTES = 30;

export const DEFAULT_ALERT_THRESHOLDS: AlertThresholds = {
  longCallMinutes: 20,
  longWrapupSeconds: 180,
  pauseMinutes: { break: 15, lunch: 60, meeting: 60, training: 90, other: 10 },
  idleMinutes: 5,
  behindPacePercent: 30,
  behindPaceAfter: '11:00',
  notLoggedInMinutes: 15,
  handoffWaitMinutes: DEFAULT_HANDOFF_WAIT_MINUTES,
};

export interface AlertSettings {
  floor: AlertThresholds;
  /** Overrides by team id: no prototype (a team may be called "__proto__"), see namedRecord(). */
  teams: Record<string, Partial<AlertThresholds>>;
}

/** The floor's defaults and no team overrides. */
export function defaultAlertSettings(): AlertSettings {
  return { floor: DEFAULT_ALERT_THRESHOLDS, teams: namedRecord() };
}

/**
 * One alert: raised once when its condition starts, cleared by itself when it ends, and
 * acknowledged by a named person. The id is derived from the condition (rule, rep, when it
 * began), so every server instance and a restarted one name the same alert the same way.
 */
export interface Alert {
  id: string;
  rule: AlertRule;
  severity: AlertSeverity;
  rep: string;
  repName: string;
  team: string | null;
  /** When the condition began (status start, call answer, or the rule's start time). */
  since: EpochMs;
  raisedAt: EpochMs;
  clearedAt: EpochMs | null;
  ackBy: string | null;
  ackAt: EpochMs | null;
  /** Rule-specific figure shown with the alert (e.g. pause reason, pace). */
  detail: string | null;
}

export interface GoodNews {
  id: string;
  kind: GoodNewsKind;
  rep: string | null;
  repName: string | null;
  team: string | null;
  /** Sale amount, or the metric reached. */
  amount: number | null;
  metric: string | null;
  at: EpochMs;
}

const minutes = z
  .number()
  .min(1)
  .max(24 * 60);
const thresholdsShape = {
  longCallMinutes: minutes,
  longWrapupSeconds: z.number().min(10).max(3600),
  pauseMinutes: z
    .object(Object.fromEntries(PAUSE_REASONS.map((r) => [r, minutes])) as Record<PauseReason, typeof minutes>)
    .strict(),
  idleMinutes: minutes,
  behindPacePercent: z.number().min(1).max(100),
  behindPaceAfter: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:MM'),
  notLoggedInMinutes: minutes,
  handoffWaitMinutes: minutes.optional(),
};

/** PUT /api/alert-settings: the floor's thresholds (supervisor) or a team's overrides (lead of that team, supervisor). */
export const alertSettingsUpdateSchema = z.discriminatedUnion('scope', [
  z.object({ scope: z.literal('floor'), thresholds: z.object(thresholdsShape).strict() }).strict(),
  z
    .object({
      scope: z.literal('team'),
      team: z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, 'must be a team id'),
      thresholds: z.object(thresholdsShape).partial().strict(),
    })
    .strict(),
]);
export type AlertSettingsUpdate = z.infer<typeof alertSettingsUpdateSchema>;
