import type { Redis } from 'ioredis';
import type { Config } from '../config';
import { createAccountRepo } from './accountRepo';
import { createAlertRepo } from './alertRepo';
import { createBusPublisher } from './bus';
import { createCheckpointRepo } from './checkpointRepo';
import { createCoachingRepo } from './coachingRepo';
import { createDayTotalsRepo } from './dayTotalsRepo';
import { createDeadLetterRepo } from './deadLetterRepo';
import { redisKeys } from './keys';
import { createKioskRepo } from './kioskRepo';
import { createLoginThrottle } from './loginThrottle';
import { createSessionRepo } from './sessionRepo';
import { createStreamArchive } from './streamArchive';
import { createTargetsRepo } from './targetsRepo';
import { createTeamNamesRepo } from './teamNamesRepo';
import { createTrendRepo } from './trendRepo';
import { createWriteLimiter, HTTP_WRITES } from './writeLimits';
import { createSourceHealthRepo } from './sourceHealthRepo';
import { createIngestKeyRepo } from './ingestKeyRepo';
import { createIngestWriter } from './ingestWriter';
import { createReasonCatalogueRepo } from './reasonCatalogueRepo';
import { createFeedbackRepo } from './feedbackRepo';
import { createChatRepo } from './chatRepo';

/** Every repository over the command connection: services and routes get these, never a client. */
export function createStores(redis: Redis, config: Config) {
  const keys = redisKeys(config);
  const prefix = config.keyPrefix;
  const archive = createStreamArchive(redis, keys);
  const checkpoints = createCheckpointRepo(redis, keys);
  return {
    keys,
    accounts: createAccountRepo(redis, prefix),
    sessions: createSessionRepo(redis, prefix, { ttlMs: config.sessionTtlMs }),
    kiosks: createKioskRepo(redis, prefix),
    loginThrottle: createLoginThrottle({ redis, keys, addressFailures: config.loginAddressFailures }),
    /** Per-session limits on people's writes, shared by every instance. */
    writes: createWriteLimiter(redis, keys, 'http', HTTP_WRITES),
    notes: createCoachingRepo(redis, keys),
    targets: createTargetsRepo(redis, keys),
    teamNames: createTeamNamesRepo(redis, keys),
    dayTotals: createDayTotalsRepo(redis, keys),
    trends: createTrendRepo(redis, keys),
    alerts: createAlertRepo(redis, keys),
    checkpoints,
    archive,
    bus: createBusPublisher(redis, keys.bus),
    deadLetters: createDeadLetterRepo(redis, keys.deadLetters),
    /** Per-source API keys and the idempotent writer of POST /api/ingest/events, limited per key. */
    ingestKeys: createIngestKeyRepo(redis, keys),
    ingestWriter: createIngestWriter(redis, keys),
    ingestLimits: createWriteLimiter(redis, keys, 'ingest', { burst: config.ingestRequests, seconds: 10 }),
    /** Each adapter's health (written by `npm run adapter`), for the stream health view and its alert. */
    sourceHealth: createSourceHealthRepo(redis, keys),
    /** The reason and feedback-tag catalogue, and the market-feedback counts (issue #16). */
    reasonCatalogue: createReasonCatalogueRepo(redis, keys),
    feedbackCounts: createFeedbackRepo(redis, keys),
    /** Chat apps: targets, alert rules and the outbox (issue #17). */
    chat: createChatRepo(redis, keys),
  };
}

export type Stores = ReturnType<typeof createStores>;
