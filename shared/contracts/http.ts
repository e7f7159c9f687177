import { z } from 'zod';
import { ALERT_RULES, type Alert } from '../domain/alertTypes';
import { NOTE_METRICS, NOTE_TAGS, type CoachingNote } from '../domain/coaching';
import type { Callback } from '../domain/repState';
import type { FloorView, RepView } from '../domain/floorView';
import type { Rank } from '../domain/rank';
import type { ResolvedTargets, TargetSettings } from '../domain/targetSettings';
import type { DailyTargets, TargetMetric } from '../domain/targets';
import type { UserView, Viewer } from '../domain/viewer';
import type { FloorSettings, Health } from './socket';
import type { EpochMs } from '../time';
import { currencySchema, DEFAULT_CURRENCY } from '../domain/money';
import type { StreamId } from '../streamId';

/**
 * Every route of the HTTP API; the client's typed functions (client/api/) and the server's router
 * use these. Every command of the client goes over HTTP; the socket only delivers (see socket.ts).
 */
export const routes = {
  health: '/healthz',
  wallboardLink: (token: string) => `/wallboard/${encodeURIComponent(token)}`,
  login: '/api/auth/login',
  logout: '/api/auth/logout',
  session: '/api/auth/session',
  floor: '/api/floor',
  me: '/api/me',
  notes: '/api/coaching-notes',
  noteAck: (id: string) => `/api/coaching-notes/${encodeURIComponent(id)}/ack`,
  targets: '/api/targets',
  users: '/api/users',
  user: (username: string) => `/api/users/${encodeURIComponent(username)}`,
  userPassword: (username: string) => `/api/users/${encodeURIComponent(username)}/password`,
  kiosks: '/api/kiosks',
  leaderboard: '/api/leaderboard',
  trends: '/api/trends',
  alerts: '/api/alerts',
  alertAck: (id: string) => `/api/alerts/${encodeURIComponent(id)}/ack`,
  alertSettings: '/api/alert-settings',
  deadLetters: '/api/dead-letters',
  kiosk: (id: string) => `/api/kiosks/${encodeURIComponent(id)}`,
  resolvedTargets: '/api/targets/resolved',
  teams: '/api/teams',
  teamName: (team: string) => `/api/teams/${encodeURIComponent(team)}/name`,
  sources: '/api/sources',
  campaigns: '/api/campaigns',
  listSize: (list: string) => `/api/lists/${encodeURIComponent(list)}/size`,
  history: '/api/history',
  coachingEffects: '/api/coaching-notes/effects',
  replay: '/api/replay',
  webhooks: '/api/webhooks',
  exports: '/api/exports',
  review: '/api/review',
} as const;

export interface HealthResponse extends Health {
  status: 'ok' | 'degraded';
  cursor: StreamId | null;
  serverNow: EpochMs;
  /** This process: memory, and event-loop delay since the previous /healthz read. */
  process: { rssBytes: number; heapUsedBytes: number; eventLoopDelayP99Ms: number; eventLoopDelayMaxMs: number };
  /** Sockets connected to this instance. */
  sockets: number;
}

export interface LoginResponse {
  token: string;
  user: UserView;
}

/** Who is signed in; `viewer` null when nobody is (a 200: a signed-out visit is not an error). */
export interface SessionResponse {
  viewer: Viewer | null;
  /** The floor's currency (ISO 4217, FLOORBOARD_CURRENCY): every amount on every screen is in it. */
  currency: string;
}

// Response schemas, for answers whose shape the client acts on: who is signed in decides every
// route, and notes and alerts are merged by id into live stores (a body that is not what the
// contract says must fail loudly at the edge, not as a TypeError in a view).
const epochMs = z.number();

export const viewerSchema = z.union([
  z.object({ kind: z.literal('kiosk'), id: z.string(), name: z.string() }),
  z.object({ kind: z.literal('user'), username: z.string(), role: z.literal('supervisor') }),
  z.object({ kind: z.literal('user'), username: z.string(), role: z.literal('lead'), team: z.string() }),
  z.object({
    kind: z.literal('user'),
    username: z.string(),
    role: z.literal('rep'),
    rep: z.string(),
    team: z.string().nullable(),
  }),
]) satisfies z.ZodType<Viewer>;

export const sessionResponseSchema = z.object({
  viewer: viewerSchema.nullable(),
  // An answer without it (an older server) means the default.
  currency: currencySchema.default(DEFAULT_CURRENCY),
}) satisfies z.ZodType<SessionResponse>;

export const coachingNoteSchema = z.object({
  id: z.string(),
  rep: z.string(),
  team: z.string().nullable(),
  author: z.string(),
  text: z.string(),
  tag: z.enum(NOTE_TAGS).nullable(),
  call: z.string().nullable(),
  metric: z.enum(NOTE_METRICS).optional(),
  createdAt: epochMs,
  ackAt: epochMs.nullable(),
}) satisfies z.ZodType<CoachingNote>;

export const alertSchema = z.object({
  id: z.string(),
  rule: z.enum(ALERT_RULES),
  severity: z.enum(['warning', 'critical']),
  rep: z.string(),
  repName: z.string(),
  team: z.string().nullable(),
  since: epochMs,
  raisedAt: epochMs,
  clearedAt: epochMs.nullable(),
  ackBy: z.string().nullable(),
  ackAt: epochMs.nullable(),
  detail: z.string().nullable(),
}) satisfies z.ZodType<Alert>;

/** GET /api/floor: every rep for a supervisor or kiosk, the lead's team for a lead. */
export interface FloorResponse extends FloorView {
  cursor: StreamId | null;
  serverNow: EpochMs;
  settings: FloorSettings;
}

/** GET /api/me: one rep's page. */
export interface MeResponse {
  rep: RepView;
  /** Pace per target metric (null before the shift or without a target). */
  pace: Record<TargetMetric, number | null>;
  rank: Rank;
  notes: CoachingNote[];
  /** Call-backs not yet due or due today, soonest first. */
  callbacksDue: Callback[];
  settings: FloorSettings;
  serverNow: EpochMs;
}

export interface AlertsResponse {
  active: Alert[];
  history: Alert[];
}

export const alertsResponseSchema = z.object({
  active: z.array(alertSchema),
  history: z.array(alertSchema),
}) satisfies z.ZodType<AlertsResponse>;

export interface NotesResponse {
  notes: CoachingNote[];
}

export const notesResponseSchema = z.object({ notes: z.array(coachingNoteSchema) }) satisfies z.ZodType<NotesResponse>;

export interface TargetsResponse {
  defaults: DailyTargets;
  settings: TargetSettings;
  /**
   * FLOORBOARD_CALENDAR's kind, and the years that matter today (this one; from November the next)
   * it has no dates for: those count ordinary working weekdays only (supervisors are told).
   */
  calendar: { source: 'none' | 'cn' | 'file'; missingYears: number[] };
}

/**
 * GET /api/targets/resolved?rep=ID or ?team=ID: month / week / day per metric for a rep, or for a
 * team a rep of it with no targets of their own and nothing done yet this month (the plan).
 */
export interface ResolvedTargetsResponse {
  day: string;
  /** Today is a working day; a holiday from the calendar. */
  working: boolean;
  holiday: boolean;
  /** Working days left, today included: in the month, and in the ISO week. */
  workingDaysLeft: { month: number; week: number };
  targets: ResolvedTargets;
}

export interface KioskView {
  id: string;
  name: string;
  createdBy: string;
  createdAt: EpochMs;
}

export interface NewKioskResponse {
  kiosk: KioskView;
  /** Shown once: the TV opens this link. */
  token: string;
  url: string;
}

/** GET /api/dead-letters (supervisor): newest first. */
export interface DeadLettersResponse {
  total: number;
  entries: {
    id: string;
    at: EpochMs;
    source: string;
    reason: string;
    /** Excerpt: the first 32 fields, each cut to 256 chars. */
    fields: string[];
    /** The excerpt is not the whole entry. */
    truncated?: boolean;
    /** Size of the original entry in bytes (null for records older than this field). */
    bytes?: number | null;
  }[];
}

/** Error body of every 4xx/5xx response. */
export interface ErrorResponse {
  error: string;
}

/** GET /api/teams: the display names supervisors gave teams (a team without one shows its id). */
export interface TeamsResponse {
  teams: { id: string; name: string }[];
}

export const teamsResponseSchema = z.object({
  teams: z.array(z.object({ id: z.string(), name: z.string() })),
}) satisfies z.ZodType<TeamsResponse>;
const epoch = z.number().int().nonnegative();
/** One source of call events (shared/domain/sourceHealth.ts SourceStatus). */
export const sourceStatusSchema = z.object({
  source: z.string(),
  kind: z.enum(['adapter', 'http']),
  connected: z.boolean().nullable(),
  lastEventAt: epoch.nullable(),
  eventsPerMinute: z.number().nonnegative().nullable(),
  errorsPerMinute: z.number().nonnegative().nullable(),
  lastError: z.string().nullable(),
  lastErrorAt: epoch.nullable(),
  updatedAt: epoch.nullable(),
  connectedAt: epoch.nullable(),
  endedAt: epoch.nullable(),
  revoked: z.boolean().optional(),
});
/** GET /api/sources (supervisor): each source's health, and the silence that raises an alert. */
export const sourcesResponseSchema = z.object({
  sources: z.array(sourceStatusSchema),
  silentMinutes: z.number().positive(),
  /** The server's clock when it answered (ages are shown against it). */
  now: epoch,
});
export type SourcesResponse = z.infer<typeof sourcesResponseSchema>;
