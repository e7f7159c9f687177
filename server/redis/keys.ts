import type { DayKey } from '../../shared/time';
import type { Config } from '../config';

/**
 * Every Redis key the server touches, in one place. Everything but the ingestion stream and its
 * dead letters lives under the configurable prefix (tests use a random prefix per test).
 */
export interface RedisKeys {
  /** The ingestion stream dialers write to. */
  events: string;
  /** Malformed or unknown entries, with the reason and the original fields. */
  deadLetters: string;
  /** Pub/sub channel that tells every server instance what people changed. */
  bus: string;
  /** One hash per coaching note. */
  note: (id: string) => string;
  /** Sorted set of a rep's note ids by creation time. */
  repNotes: (rep: string) => string;
  /** Hash: target layer (floor | team:T | rep:R) -> JSON. */
  targets: string;
  /** Hash per local day: rep -> JSON day totals (for month-to-date and leaderboards). */
  dayTotals: (day: DayKey) => string;
  /** String per local day: the folded state at a stream position (server/days/checkpoint.ts). */
  checkpoint: (day: DayKey) => string;
  /** Hash per local day: team -> JSON quarter-hour buckets. */
  trend: (day: DayKey) => string;
  /** Hash per local day: alert id -> JSON Alert. */
  alerts: (day: DayKey) => string;
  /** Hash: floor | team:T -> JSON alert thresholds (a team's are partial). */
  alertSettings: string;
  /** Hash per account: log-in attempts since the last good one, and when the last was (server/redis/loginThrottle.ts). */
  loginAccount: (username: string) => string;
  /** Key prefix of the per-address log-in failure budget (rate-limiter-flexible adds `:<address>`). */
  loginAddresses: string;
  /** Key prefix of the per-session write limits, HTTP and socket (server/redis/writeLimits.ts). */
  writeLimit: (kind: 'http' | 'socket' | 'ingest') => string;
  /** Hash: source name (asterisk, freeswitch, ...) -> JSON health an adapter writes (server/redis/sourceHealthRepo.ts). */
  sourceHealth: string;
  /** Hash per ingestion API key: name, sha-256 of its secret, created, last used, revoked (server/redis/ingestKeyRepo.ts). */
  ingestKey: (id: string) => string;
  /** Sorted set: ingestion API key ids by creation time. */
  ingestKeys: string;
  /** Hash: name of a live ingestion API key -> its id (names are unique among live keys). */
  ingestKeyNames: string;
  /** String with a TTL per event written over HTTP (`<type>:<call>` or `<type>:<rep>:<ts>`): drops retries. */
  ingestSeen: (identity: string) => string;
  /** Prefix of the call-back ledger's keys (server/redis/callbackRepo.ts: items and their indexes). */
  callbacks: string;
  /** Hash: team id -> the display name a supervisor gave it. */
  teamNames: string;
  /** Hash: `version` and `doc` (JSON) of the reason and feedback-tag catalogue (server/redis/reasonCatalogueRepo.ts). */
  reasonCatalogue: string;
  /** Prefix of the market-feedback counts (server/redis/feedbackRepo.ts: `call:<call>`, `day:<day>`, `samples:<day>`). */
  feedback: string;
  /** Hash per local day and customer: the day's dials of them by call (server/redis/contactRepo.ts). */
  contact: (day: DayKey, customer: string) => string;
  /** Hash per local day: call -> JSON of a repeat dial (no customer), to rebuild the alerts after a restart. */
  contactRepeats: (day: DayKey) => string;
  /** Hash: list id -> JSON size, campaign and when it was loaded (server/campaigns/listStore.ts). */
  lists: string;
  /** HyperLogLog of the customers dialled from a list on a local day (no customer id is readable back). */
  listReachDay: (day: DayKey, list: string) => string;
  /** HyperLogLog of the customers dialled from a list since it was last loaded. */
  listReachLoaded: (list: string) => string;
  /** HyperLogLog of the customers dialled from a list in one quarter hour (ms since the epoch / 15 min). */
  listReachQuarter: (quarter: number, list: string) => string;
  /** Prefix of the handoff ledger's keys (server/redis/handoffRepo.ts: leads and their indexes). */
  handoffs: string;
  /** Chat apps (issue #17, server/redis/chatRepo.ts): targets, rules, per-target delivery status (hashes id -> JSON). */
  chatTargets: string;
  chatRules: string;
  chatStatus: string;
  /** String per outbox message (JSON); sorted sets of pending ids by next try, and of recent ids by creation. */
  chatMessage: (id: string) => string;
  chatDue: string;
  chatRecent: string;
  /** String with a TTL: the instance sending this message now (several instances never send it twice). */
  chatClaim: (id: string) => string;
  /** String with a TTL: an alert rule's cool-down for one alert key. */
  chatCooldown: (rule: string, alertKey: string) => string;
  /** Hash per business day: team -> JSON per-campaign figures of the day (server/exports/campaignDays.ts). */
  campaignDay: (day: DayKey) => string;
}

export function redisKeys(config: Pick<Config, 'stream' | 'deadLetterStream' | 'keyPrefix'>): RedisKeys {
  const p = config.keyPrefix;
  return {
    events: config.stream,
    deadLetters: config.deadLetterStream,
    bus: `${p}bus`,
    note: (id) => `${p}note:${id}`,
    repNotes: (rep) => `${p}notes:${rep}`,
    targets: `${p}targets`,
    dayTotals: (day) => `${p}day:${day}`,
    checkpoint: (day) => `${p}checkpoint:${day}`,
    trend: (day) => `${p}trend:${day}`,
    alerts: (day) => `${p}alerts:${day}`,
    alertSettings: `${p}alert-settings`,
    loginAccount: (username) => `${p}login:account:${username}`,
    loginAddresses: `${p}login:address`,
    writeLimit: (kind) => `${p}limit:${kind}`,
    sourceHealth: `${p}source-health`,
    ingestKey: (id) => `${p}ingest-key:${id}`,
    ingestKeys: `${p}ingest-keys`,
    ingestKeyNames: `${p}ingest-key-names`,
    ingestSeen: (identity) => `${p}ingest-seen:${identity}`,
    callbacks: `${p}cb:`,
    teamNames: `${p}team-names`,
    reasonCatalogue: `${p}reason-catalogue`,
    feedback: `${p}fb:`,
    contact: (day, customer) => `${p}contact:${day}:${customer}`,
    contactRepeats: (day) => `${p}contact-repeats:${day}`,
    lists: `${p}lists`,
    listReachDay: (day, list) => `${p}list-reach:day:${day}:${list}`,
    listReachLoaded: (list) => `${p}list-reach:loaded:${list}`,
    listReachQuarter: (quarter, list) => `${p}list-reach:q:${quarter}:${list}`,
    handoffs: `${p}ho:`,
    chatTargets: `${p}chat:targets`,
    chatRules: `${p}chat:rules`,
    chatStatus: `${p}chat:status`,
    chatMessage: (id) => `${p}chat:msg:${id}`,
    chatDue: `${p}chat:due`,
    chatRecent: `${p}chat:recent`,
    chatClaim: (id) => `${p}chat:claim:${id}`,
    chatCooldown: (rule, alertKey) => `${p}chat:cooldown:${rule}:${alertKey}`,
    campaignDay: (day) => `${p}campaign-day:${day}`,
  };
}

/** People and their log-ins (a hash per user, a set of usernames, sessions and kiosk links). */
export function accountKeys(prefix: string) {
  return {
    user: (username: string) => `${prefix}user:${username}`,
    users: `${prefix}users`,
    /** + session key: hash of one log-in. */
    sessionPrefix: `${prefix}session:`,
    /** + username: set of that user's session keys. */
    userSessionsPrefix: `${prefix}user-sessions:`,
    /** + kiosk key: hash of one wallboard link. */
    kioskPrefix: `${prefix}kiosk:`,
    /** Hash: kiosk id -> kiosk key. */
    kiosks: `${prefix}kiosks`,
    /** Set: keys of revoked environment wallboard tokens. */
    revokedEnvKiosks: `${prefix}kiosks:revoked-env`,
  };
}
