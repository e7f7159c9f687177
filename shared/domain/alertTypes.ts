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
  // Issue #15 (shared/domain/campaignAlerts.ts). Floor-wide, for supervisors (team null): a caller
  // ID whose connect rate collapsed, a list of bad data, a list about to run dry.
  'caller_id_flagged',
  'list_quality',
  'list_running_dry',
  // Per rep, for the rep's lead: calls left without an outcome; the same customer dialled too often.
  'missing_outcome',
  'contact_frequency',
  // A lead handoff waiting for acceptance too long (server/handoffs; detail: how many wait).
  'handoff_waiting',
] as const;
export type AlertRule = (typeof ALERT_RULES)[number];

/**
 * Rules that are a rep's own follow-up, for the rep and their lead, not for the room: the wall and
 * the TV show overdue call-backs as a count per team, so their tiles keep meaning "someone needs
 * help now" (a floor with a backlog of call-backs would otherwise fill every tile with amber).
 */
export const OFF_THE_WALL_RULES: ReadonlySet<AlertRule> = new Set<AlertRule>([
  'callback_overdue',
  // Follow-ups too: outcomes to fill in (the rep's lead), a compliance finding (the lead, never the
  // room), a list's data quality (the supervisor's talk with the list's supplier).
  'missing_outcome',
  'contact_frequency',
  'list_quality',
  'handoff_waiting',
]);

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
  /** caller_id_flagged: the last hour's connect rate this many percent below the line's own baseline... */
  callerIdDropPercent: number;
  /** ...over at least this many dials in the last hour. */
  callerIdMinDials: number;
  /** list_quality: invalid numbers (空号) at or above this percentage of the list's dials... */
  listInvalidPercent: number;
  /** ...once the list has this many dials today. */
  listMinDials: number;
  /** list_running_dry: the list runs out of fresh customers within this many minutes at the current pace. */
  listDryMinutes: number;
  /** missing_outcome: a call hung up this many minutes ago still has no outcome. */
  missingOutcomeMinutes: number;
  /** contact_frequency: the same customer dialled more than this many times today... */
  contactMaxPerDay: number;
  /** ...or by two reps within this many minutes. */
  contactRepeatMinutes: number;
  /**
   * A lead handoff waiting for acceptance this long (minutes), by the receiving team's thresholds.
   * Optional: settings saved before issue #16 lack it and DEFAULT_HANDOFF_WAIT_MINUTES applies.
   */
  handoffWaitMinutes?: number;
}

export const DEFAULT_HANDOFF_WAIT_MINUTES = 30;

/** Thresholds of the floor-wide rules on lines and lists: the floor's (and a campaign's), never a team's. */
export const FLOOR_ONLY_THRESHOLDS = [
  'callerIdDropPercent',
  'callerIdMinDials',
  'listInvalidPercent',
  'listMinDials',
  'listDryMinutes',
] as const;
/** Thresholds a campaign may override (its lists'); a caller ID serves many campaigns, so not its rule. */
export const CAMPAIGN_THRESHOLDS = ['listInvalidPercent', 'listMinDials', 'listDryMinutes'] as const;
export type CampaignThresholds = Pick<AlertThresholds, (typeof CAMPAIGN_THRESHOLDS)[number]>;
/** Fields added with issue #15: optional in a stored or sent floor, which then keeps their current value. */
const ISSUE_15_THRESHOLDS = [
  ...FLOOR_ONLY_THRESHOLDS,
  'missingOutcomeMinutes',
  'contactMaxPerDay',
  'contactRepeatMinutes',
] as const;

export const DEFAULT_ALERT_THRESHOLDS: AlertThresholds = {
  longCallMinutes: 20,
  longWrapupSeconds: 180,
  pauseMinutes: { break: 15, lunch: 60, meeting: 60, training: 90, other: 10 },
  idleMinutes: 5,
  behindPacePercent: 30,
  behindPaceAfter: '11:00',
  notLoggedInMinutes: 15,
  // A line answered 80 % of the time falls under 40 %; judged on 20 dials in the last hour.
  callerIdDropPercent: 50,
  callerIdMinDials: 20,
  listInvalidPercent: 30,
  listMinDials: 50,
  listDryMinutes: 30,
  missingOutcomeMinutes: 10,
  contactMaxPerDay: 3,
  contactRepeatMinutes: 10,
  handoffWaitMinutes: DEFAULT_HANDOFF_WAIT_MINUTES,
};

export interface AlertSettings {
  floor: AlertThresholds;
  /** Overrides by team id: no prototype (a team may be called "__proto__"), see namedRecord(). */
  teams: Record<string, Partial<AlertThresholds>>;
  /** Overrides by campaign id of its lists' thresholds (no prototype); absent when there are none. */
  campaigns?: Record<string, Partial<CampaignThresholds>>;
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
  callerIdDropPercent: z.number().min(5).max(95),
  callerIdMinDials: z.number().int().min(1).max(10_000),
  listInvalidPercent: z.number().min(1).max(100),
  listMinDials: z.number().int().min(1).max(1_000_000),
  listDryMinutes: minutes,
  missingOutcomeMinutes: minutes,
  contactMaxPerDay: z.number().int().min(1).max(100),
  contactRepeatMinutes: minutes,
  handoffWaitMinutes: minutes.optional(),
};
const optionalIssue15 = Object.fromEntries(ISSUE_15_THRESHOLDS.map((k) => [k, thresholdsShape[k].optional()])) as {
  [K in (typeof ISSUE_15_THRESHOLDS)[number]]: z.ZodOptional<(typeof thresholdsShape)[K]>;
};
const teamShape = Object.fromEntries(
  Object.entries(thresholdsShape).filter(([k]) => !(FLOOR_ONLY_THRESHOLDS as readonly string[]).includes(k)),
) as Omit<typeof thresholdsShape, (typeof FLOOR_ONLY_THRESHOLDS)[number]>;
const campaignShape = Object.fromEntries(CAMPAIGN_THRESHOLDS.map((k) => [k, thresholdsShape[k]])) as Pick<
  typeof thresholdsShape,
  (typeof CAMPAIGN_THRESHOLDS)[number]
>;
const scopeId = (what: string) => z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, `must be a ${what} id`);

/** PUT /api/alert-settings: the floor's thresholds (supervisor) or a team's overrides (lead of that team, supervisor). */
export const alertSettingsUpdateSchema = z.discriminatedUnion('scope', [
  // A floor sent without the issue #15 fields (an older client) keeps their current values.
  z
    .object({ scope: z.literal('floor'), thresholds: z.object({ ...thresholdsShape, ...optionalIssue15 }).strict() })
    .strict(),
  // Lines and lists are the floor's: a team overrides the per-rep rules only.
  z
    .object({ scope: z.literal('team'), team: scopeId('team'), thresholds: z.object(teamShape).partial().strict() })
    .strict(),
  // A campaign's lists (supervisor only); empty thresholds remove the campaign's overrides.
  z
    .object({
      scope: z.literal('campaign'),
      campaign: scopeId('campaign'),
      thresholds: z.object(campaignShape).partial().strict(),
    })
    .strict(),
]);
export type AlertSettingsUpdate = z.infer<typeof alertSettingsUpdateSchema>;
