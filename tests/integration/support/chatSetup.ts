import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, beforeEach, inject } from 'vitest';
import { createLocalTime } from '../../../shared/time';
import { silentLog } from '../../../server/log';
import { createChatRepo } from '../../../server/redis/chatRepo';
import { redisKeys } from '../../../server/redis/keys';
import type { Resolve } from '../../../server/webhooks/addressCheck';
import { createChatService, type ChatService } from '../../../server/webhooks/chatService';
import type { SummaryFacts } from '../../../server/webhooks/messageText';
import { startReceiver, type Receiver } from './chatReceiver';

/** Chat services over the shared redis-server with a clock the test moves, and one local receiver. */
export const START = Date.UTC(2026, 11, 3, 17, 0);
export const RETRY = { baseMs: 1000, capMs: 4000, maxAttempts: 4 };
export const env = { now: START, redis: null as unknown as Redis, receiver: null as unknown as Receiver };

export const facts: SummaryFacts = {
  day: '2026-12-03',
  scope: null,
  figures: { dials: 240, connects: 120, effectiveCalls: 60, talkSeconds: 9000, leads: 12, deals: 3, revenue: 4200 },
  targets: { dials: 300, effectiveCalls: 70, talkMinutes: 200, leads: 10, deals: 4, revenue: 5000 },
  topReasons: [
    { code: 'price', count: 9, words: { en: 'Price', zh: '价格原因' } },
    { code: 'custom_code', count: 4 },
  ],
  overdueCallbacks: 2,
  openHandoffs: 1,
  currency: 'CNY',
};

/** Registers the suite's hooks: one redis client and receiver, the clock reset before each test. */
export function useChatEnv(): void {
  beforeAll(async () => {
    env.redis = new Redis(inject('redisUrl'));
    env.receiver = await startReceiver();
  });
  afterAll(async () => {
    await env.receiver.close();
    env.redis.disconnect();
  });
  beforeEach(() => {
    env.now = START;
    env.receiver.received.length = 0;
    Object.assign(env.receiver.answer, { status: 200, body: '{"errcode":0,"errmsg":"ok","code":0}', hang: false });
  });
}

export function makeService(
  opts: {
    publicUrl?: string | null;
    allowLocalHttp?: boolean;
    prefix?: string;
    /** Private addresses (the local receiver): allowed unless a test checks the block. */
    allowPrivate?: boolean;
    resolve?: Resolve;
  } = {},
) {
  const prefix = opts.prefix ?? `test:${randomUUID()}:`;
  const keys = redisKeys({ stream: `${prefix}events`, deadLetterStream: `${prefix}dead`, keyPrefix: prefix });
  const service = createChatService({
    repo: createChatRepo(env.redis, keys),
    clock: () => env.now,
    localTime: createLocalTime('UTC', 0),
    summaryFacts: (team) => Promise.resolve({ ...facts, scope: team }),
    teamName: (team) => Promise.resolve(team === 'team-a' ? 'Alpha' : null),
    publicUrl: opts.publicUrl ?? null,
    allowLocalHttp: opts.allowLocalHttp ?? true,
    allowPrivate: opts.allowPrivate ?? true,
    ...(opts.resolve ? { resolve: opts.resolve } : {}),
    limits: { timeoutMs: 300, maxResponseBytes: 1024 },
    retry: RETRY,
    log: silentLog,
  });
  return { service, prefix };
}

export async function addTarget(service: ChatService, body: Record<string, unknown>) {
  const added = await service.addTarget(body);
  if (!added.ok) throw new Error(added.error);
  return added.value;
}

/** Queues a test message to the target and runs the outbox until it was tried once. */
export async function sendTest(service: ChatService, id: string) {
  const queued = await service.sendNow(id, 'test');
  if (!queued.ok) throw new Error(queued.error);
  await service.sendDue();
  await service.sendDue();
  return (await service.view()).deliveries.find((d) => d.id === queued.value.id)!;
}

export const json = (i: number) => JSON.parse(env.receiver.received[i]!.body) as Record<string, unknown>;
