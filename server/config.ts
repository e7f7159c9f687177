import proxyaddr from 'proxy-addr';
import { MAX_TS_AHEAD_MS } from '../shared/events/parseCallEvent';
import { z } from 'zod';
import { businessDayGoesBack, isKnownTimeZone } from '../shared/time';
import { businessShift, parseClockTime } from '../shared/domain/targets';
import type { DailyTargets } from '../shared/domain/targets';
import { loadCalendarSetting, type CalendarSetting } from './targets/calendarSetting';
import { DEFAULT_CURRENCY, isKnownCurrency } from '../shared/domain/money';

/** Every setting, read once from the environment by main.ts. */
export interface Config {
  port: number;
  host: string;
  redisUrl: string;
  stream: string;
  deadLetterStream: string;
  /** Prefix of every other Redis key the server owns. */
  keyPrefix: string;
  timeZone: string;
  shiftStart: string;
  shiftEnd: string;
  /** "HH:MM" local: when the business day (day totals, pace, leaderboards, trends, retention) starts. */
  dayStart: string;
  /** The same in minutes after local midnight (0..1425, a quarter hour). */
  dayStartMinute: number;
  effectiveCallSeconds: number;
  defaultTargets: DailyTargets;
  /** Read-only wallboard tokens from the environment, besides those supervisors create. */
  wallboardTokens: string[];
  /** Days of events kept in the stream (at least 2: today, and yesterday for its close). */
  retentionDays: number;
  /** How far an entry's `ts` may run ahead of Redis's clock before it is dead-lettered. */
  maxTsAheadMs: number;
  /** How long a log-in lasts. */
  sessionTtlMs: number;
  /** ISO weekdays (1 = Monday) that count as working days for monthly targets. */
  workingWeekdays: number[];
  /** Public holidays and make-up working days (FLOORBOARD_CALENDAR), read and checked at start-up. */
  calendar: CalendarSetting;
  /** Extra origins allowed to open sockets and call the API (same origin is always allowed). */
  allowedOrigins: string[];
  /** Path of the built client to serve; null to serve none (dev uses Vite). */
  clientDir: string | null;
  /** Longest a floor view waits to receive a coalesced delta (ms). */
  floorDeltaIntervalMs: number;
  /** Ingestion is called stale when no read has completed for this long (ms). */
  staleAfterMs: number;
  /** Most reps on a day's floor; events of further reps are dead-lettered. */
  maxReps: number;
  /** A call-back this long past its time is overdue: the lead is alerted, the rep reminded (minutes). */
  callbackGraceMinutes: number;
  /** A live source (adapter) without events this long during the shift raises a supervisor alert (ms). */
  sourceSilentMs: number;
  /** Redis Sentinel: sentinels to ask for the primary of `name` (REDIS_URL then only gives password, db, TLS). */
  sentinel: { sentinels: { host: string; port: number }[]; name: string } | null;
  /** Express `trust proxy`: false, a hop count, or the proxies' addresses/subnets (server/http/clientAddress.ts). */
  trustProxy: TrustProxy;
  /** Log-in failures one client address may spend per 15 minutes across all accounts. */
  loginAddressFailures: number;
  /** Open sockets per person's session, per wallboard token, and TCP connections per client address. */
  socketsPerSession: number;
  socketsPerWallboard: number;
  connectionsPerAddress: number;
  /** A request's headers must arrive within this long; an idle keep-alive connection is closed after idleTimeoutMs. */
  headersTimeoutMs: number;
  idleTimeoutMs: number;
  /** Bearer token for GET /metrics and the detailed /healthz besides a supervisor's session; null: supervisors only. */
  metricsToken: string | null;
  /** POST /api/ingest/events: requests each API key may make per 10 s (a burst, refilled evenly). */
  ingestRequests: number;
  /** ISO 4217 code of the floor's money (revenue, amounts), shown by every screen. */
  currency: string;
  /** Chat apps (issue #17): the address people open Floorboard at, for links in messages; null: no links. */
  publicUrl: string | null;
  /** Chat apps: allow http:// webhook URLs to the loopback address (the demo's receiver, tests). */
  webhookAllowLocalHttp: boolean;
  /** FLOORBOARD_WEBHOOK_ALLOW_PRIVATE: chat-app webhooks may reach loopback/private addresses. */
  webhookAllowPrivate: boolean;
  /** Chat apps: longest wait for a webhook's answer, and the first retry's delay (doubling, at most 15 min). */
  webhookTimeoutMs: number;
  webhookRetryBaseMs: number;
}

/** Express's `trust proxy` as we accept it: not at all, a hop count, or named addresses and subnets. */
export type TrustProxy = false | number | string[];

const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);
const nonNegative = z.coerce.number().min(0).max(1e9);
const clock = z.string().refine((v) => parseClockTime(v) !== null, 'must be HH:MM (24-hour)');
const list = z.string().transform((v) =>
  v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean),
);

const hostPort = z
  .string()
  .regex(/^[A-Za-z0-9.-]+:\d{1,5}$/, 'each sentinel must be host:port')
  .transform((v) => {
    const at = v.lastIndexOf(':');
    return { host: v.slice(0, at), port: Number(v.slice(at + 1)) };
  })
  .refine((s) => s.port >= 1 && s.port <= 65535, 'each sentinel port must be 1-65535');

function weekdays(spec: string): number[] {
  const days = new Set<number>();
  for (const part of spec.split(',')) {
    const [from, to = from] = part.split('-').map(Number) as [number, number?];
    for (let d = from; d <= to; d++) days.add(d);
  }
  return [...days].sort();
}

/** Environment variables, their defaults and rules; the README table mirrors this. */
const envSchema = z
  .object({
    PORT: int(0, 65535).default(3000),
    HOST: z.string().min(1).default('0.0.0.0'),
    REDIS_URL: z
      .url({ protocol: /^rediss?$/, error: 'must be a redis:// or rediss:// URL' })
      .default('redis://127.0.0.1:6379'),
    FLOORBOARD_STREAM: z.string().min(1).max(200).default('floorboard:events'),
    FLOORBOARD_KEY_PREFIX: z.string().max(200).default('floorboard:'),
    FLOORBOARD_TZ: z.string().refine(isKnownTimeZone, 'must be an IANA time zone such as Asia/Shanghai').default('UTC'),
    FLOORBOARD_SHIFT_START: clock.default('09:00'),
    FLOORBOARD_SHIFT_END: clock.default('18:00'),
    // The business day's start: trends bucket by quarter hours of the day, so it falls on one.
    FLOORBOARD_DAY_START: clock
      .refine((v) => (parseClockTime(v) ?? 0) % 15 === 0, 'must be on a quarter hour (HH:00, HH:15, HH:30, HH:45)')
      .default('00:00'),
    FLOORBOARD_EFFECTIVE_CALL_SECONDS: int(1, 3600).default(60),
    FLOORBOARD_TARGET_DIALS: nonNegative.default(120),
    FLOORBOARD_TARGET_EFFECTIVE_CALLS: nonNegative.default(25),
    FLOORBOARD_TARGET_TALK_MINUTES: nonNegative.default(150),
    FLOORBOARD_TARGET_LEADS: nonNegative.default(6),
    FLOORBOARD_TARGET_DEALS: nonNegative.default(2),
    FLOORBOARD_TARGET_REVENUE: nonNegative.default(2000),
    FLOORBOARD_WALLBOARD_TOKENS: list
      .pipe(z.array(z.string().regex(/^[A-Za-z0-9_-]{24,128}$/, 'each token must be 24-128 chars of A-Za-z0-9_-')))
      .default([]),
    FLOORBOARD_RETENTION_DAYS: int(2, 400).default(7),
    FLOORBOARD_MAX_TS_AHEAD_MINUTES: int(1, 2 * 24 * 60).default(MAX_TS_AHEAD_MS / 60_000),
    FLOORBOARD_SESSION_HOURS: z.coerce
      .number()
      .min(0.01)
      .max(24 * 20) // socket expiry timers must stay below setTimeout's 24.8-day limit
      .default(12),
    FLOORBOARD_WORKING_DAYS: z
      .string()
      .regex(/^[1-7](-[1-7])?(,[1-7](-[1-7])?)*$/, 'must list ISO weekdays, e.g. 1-5 or 1-6 or 1,2,3,4,5')
      .default('1-5')
      .transform(weekdays),
    FLOORBOARD_CALENDAR: z.string().max(4096).default('none'),
    FLOORBOARD_ALLOWED_ORIGINS: list.pipe(z.array(z.url())).default([]),
    FLOORBOARD_CLIENT_DIR: z.string().optional(),
    FLOORBOARD_FLOOR_DELTA_MS: int(10, 10_000).default(100),
    FLOORBOARD_STALE_AFTER_MS: int(1000, 600_000).default(10_000),
    FLOORBOARD_MAX_REPS: int(1, 100_000).default(10_000),
    FLOORBOARD_CALLBACK_GRACE_MINUTES: int(0, 1440).default(15),
    FLOORBOARD_SOURCE_SILENT_MINUTES: int(1, 1440).default(5),
    REDIS_SENTINELS: list.pipe(z.array(hostPort).min(1, 'must list at least one host:port')).optional(),
    REDIS_SENTINEL_MASTER: z
      .string()
      .regex(/^[A-Za-z0-9._-]{1,64}$/, 'must be a Sentinel master name (A-Za-z0-9._-)')
      .optional(),
    FLOORBOARD_TRUST_PROXY: z
      .string()
      .regex(
        /^(\d{1,2}|[\w.:/]+(,\s*[\w.:/]+)*)$/,
        'must be a hop count (e.g. 1) or comma-separated proxy addresses/subnets (e.g. loopback, 10.0.0.0/8)',
      )
      .refine((v) => v !== 'true', "'true' would trust any client's X-Forwarded-For: give the hop count instead")
      .optional(),
    FLOORBOARD_LOGIN_ADDRESS_FAILURES: int(10, 100_000).default(100),
    FLOORBOARD_SOCKETS_PER_SESSION: int(1, 10_000).default(20),
    FLOORBOARD_SOCKETS_PER_WALLBOARD: int(1, 100_000).default(200),
    FLOORBOARD_CONNECTIONS_PER_ADDRESS: int(1, 1_000_000).default(2000),
    FLOORBOARD_HEADERS_TIMEOUT_MS: int(500, 120_000).default(10_000),
    FLOORBOARD_IDLE_TIMEOUT_MS: int(500, 600_000).default(5_000),
    FLOORBOARD_METRICS_TOKEN: z
      .string()
      .regex(/^[A-Za-z0-9_-]{24,128}$/, 'must be 24-128 chars of A-Za-z0-9_-')
      .optional(),
    FLOORBOARD_INGEST_REQUESTS: int(1, 100_000).default(100),
    FLOORBOARD_CURRENCY: z
      .string()
      .transform((v) => v.trim().toUpperCase())
      .refine(isKnownCurrency, 'must be an ISO 4217 currency code such as CNY, USD or EUR')
      .default(DEFAULT_CURRENCY),
    FLOORBOARD_PUBLIC_URL: z.url({ protocol: /^https?$/, error: 'must be an http(s):// URL' }).optional(),
    FLOORBOARD_WEBHOOK_ALLOW_LOCAL_HTTP: z.enum(['0', '1', 'false', 'true']).default('0'),
    FLOORBOARD_WEBHOOK_ALLOW_PRIVATE: z.enum(['0', '1', 'false', 'true']).default('0'),
    FLOORBOARD_WEBHOOK_TIMEOUT_MS: int(100, 60_000).default(10_000),
    FLOORBOARD_WEBHOOK_RETRY_BASE_MS: int(10, 3_600_000).default(10_000),
  })
  .superRefine((e, ctx) => {
    const dayStart = parseClockTime(e.FLOORBOARD_DAY_START);
    if (dayStart === null || dayStart % 15 !== 0) return; // FLOORBOARD_DAY_START is reported as it is
    const shift = businessShift(e.FLOORBOARD_SHIFT_START, e.FLOORBOARD_SHIFT_END, dayStart);
    if (!shift.ok) ctx.addIssue({ code: 'custom', path: ['FLOORBOARD_SHIFT_END'], message: shift.error });
    // Midnight stays as it always was; another day start must not sit in an hour the clocks repeat.
    const zoned = dayStart !== 0 && isKnownTimeZone(e.FLOORBOARD_TZ);
    const back = zoned ? businessDayGoesBack(e.FLOORBOARD_TZ, dayStart, Date.now()) : null;
    if (back !== null)
      ctx.addIssue({
        code: 'custom',
        path: ['FLOORBOARD_DAY_START'],
        message:
          `${e.FLOORBOARD_DAY_START} falls in the hour ${e.FLOORBOARD_TZ} repeats when its clocks go back ` +
          `(${new Date(back).toISOString()}), so the day would start twice: choose a time outside it`,
      });
  })
  .refine((e) => (e.REDIS_SENTINELS === undefined) === (e.REDIS_SENTINEL_MASTER === undefined), {
    path: ['REDIS_SENTINEL_MASTER'],
    message: 'REDIS_SENTINELS and REDIS_SENTINEL_MASTER go together: set both or neither',
  });

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Validates the environment; throws ConfigError naming every bad variable. */
export function loadConfig(env: Record<string, string | undefined>, defaults: { clientDir: string | null }): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.') || 'environment'}: ${i.message}`);
    throw new ConfigError(`invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const trustProxy = trustProxyOf(e.FLOORBOARD_TRUST_PROXY);
  let calendar: CalendarSetting;
  try {
    calendar = loadCalendarSetting(e.FLOORBOARD_CALENDAR);
  } catch (error) {
    throw new ConfigError(`invalid configuration:\n  FLOORBOARD_CALENDAR: ${(error as Error).message}`);
  }
  try {
    if (Array.isArray(trustProxy)) proxyaddr.compile(trustProxy);
  } catch (error) {
    throw new ConfigError(`invalid configuration:\n  FLOORBOARD_TRUST_PROXY: ${(error as Error).message}`);
  }
  return {
    port: e.PORT,
    host: e.HOST,
    redisUrl: e.REDIS_URL,
    stream: e.FLOORBOARD_STREAM,
    deadLetterStream: `${e.FLOORBOARD_STREAM}:dead`,
    keyPrefix: e.FLOORBOARD_KEY_PREFIX,
    timeZone: e.FLOORBOARD_TZ,
    shiftStart: e.FLOORBOARD_SHIFT_START,
    shiftEnd: e.FLOORBOARD_SHIFT_END,
    dayStart: e.FLOORBOARD_DAY_START,
    dayStartMinute: parseClockTime(e.FLOORBOARD_DAY_START)!,
    effectiveCallSeconds: e.FLOORBOARD_EFFECTIVE_CALL_SECONDS,
    defaultTargets: {
      dials: e.FLOORBOARD_TARGET_DIALS,
      effectiveCalls: e.FLOORBOARD_TARGET_EFFECTIVE_CALLS,
      talkMinutes: e.FLOORBOARD_TARGET_TALK_MINUTES,
      leads: e.FLOORBOARD_TARGET_LEADS,
      deals: e.FLOORBOARD_TARGET_DEALS,
      revenue: e.FLOORBOARD_TARGET_REVENUE,
    },
    wallboardTokens: e.FLOORBOARD_WALLBOARD_TOKENS,
    retentionDays: e.FLOORBOARD_RETENTION_DAYS,
    maxTsAheadMs: e.FLOORBOARD_MAX_TS_AHEAD_MINUTES * 60_000,
    sessionTtlMs: Math.round(e.FLOORBOARD_SESSION_HOURS * 3600_000),
    workingWeekdays: e.FLOORBOARD_WORKING_DAYS,
    calendar,
    allowedOrigins: e.FLOORBOARD_ALLOWED_ORIGINS,
    clientDir: e.FLOORBOARD_CLIENT_DIR ?? defaults.clientDir,
    floorDeltaIntervalMs: e.FLOORBOARD_FLOOR_DELTA_MS,
    staleAfterMs: e.FLOORBOARD_STALE_AFTER_MS,
    maxReps: e.FLOORBOARD_MAX_REPS,
    callbackGraceMinutes: e.FLOORBOARD_CALLBACK_GRACE_MINUTES,
    sourceSilentMs: e.FLOORBOARD_SOURCE_SILENT_MINUTES * 60_000,
    sentinel:
      e.REDIS_SENTINELS && e.REDIS_SENTINEL_MASTER
        ? { sentinels: e.REDIS_SENTINELS, name: e.REDIS_SENTINEL_MASTER }
        : null,
    trustProxy,
    loginAddressFailures: e.FLOORBOARD_LOGIN_ADDRESS_FAILURES,
    ingestRequests: e.FLOORBOARD_INGEST_REQUESTS,
    socketsPerSession: e.FLOORBOARD_SOCKETS_PER_SESSION,
    socketsPerWallboard: e.FLOORBOARD_SOCKETS_PER_WALLBOARD,
    connectionsPerAddress: e.FLOORBOARD_CONNECTIONS_PER_ADDRESS,
    headersTimeoutMs: e.FLOORBOARD_HEADERS_TIMEOUT_MS,
    idleTimeoutMs: e.FLOORBOARD_IDLE_TIMEOUT_MS,
    metricsToken: e.FLOORBOARD_METRICS_TOKEN ?? null,
    currency: e.FLOORBOARD_CURRENCY,
    publicUrl: e.FLOORBOARD_PUBLIC_URL ?? null,
    webhookAllowLocalHttp:
      e.FLOORBOARD_WEBHOOK_ALLOW_LOCAL_HTTP === '1' || e.FLOORBOARD_WEBHOOK_ALLOW_LOCAL_HTTP === 'true',
    webhookAllowPrivate: e.FLOORBOARD_WEBHOOK_ALLOW_PRIVATE === '1' || e.FLOORBOARD_WEBHOOK_ALLOW_PRIVATE === 'true',
    webhookTimeoutMs: e.FLOORBOARD_WEBHOOK_TIMEOUT_MS,
    webhookRetryBaseMs: e.FLOORBOARD_WEBHOOK_RETRY_BASE_MS,
  };
}

function trustProxyOf(spec: string | undefined): TrustProxy {
  if (spec === undefined || spec === 'false' || spec === '0') return false;
  if (/^\d+$/.test(spec)) return Number(spec);
  return spec
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}
