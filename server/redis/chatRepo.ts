import type { Redis } from 'ioredis';
import type { ChatDeliveryView, ChatLanguage, ChatRuleView, ChatVendor } from '../../shared/contracts/webhooks';
import type { ChatMessage } from '../webhooks/vendors';
import type { RedisKeys } from './keys';

/** A target as stored: the URL and the secret stay on the server. */
export interface StoredChatTarget {
  id: string;
  name: string;
  vendor: ChatVendor;
  url: string;
  secret: string | null;
  language: ChatLanguage;
  team: string | null;
  summaryAt: string | null;
  createdAt: number;
}

export interface ChatStatus {
  lastOkAt: number | null;
  lastErrorAt: number | null;
  lastError: string | null;
}

/** A message in the outbox as stored: what the admin screen lists, with the whole message instead of its title. */
export interface OutboxMessage extends Omit<ChatDeliveryView, 'title'> {
  message: ChatMessage;
}

/** Recent messages kept for the admin screen; older ones expire. */
const RECENT = 100;
const MESSAGE_TTL_S = 7 * 24 * 3600;

const parseAll = <T>(hash: Record<string, string>): T[] => Object.values(hash).map((v) => JSON.parse(v) as T);

/** Chat apps in Redis: targets, alert rules, delivery status and the outbox (keys.ts: chat*). */
export function createChatRepo(redis: Redis, keys: RedisKeys) {
  return {
    async targets(): Promise<StoredChatTarget[]> {
      return parseAll<StoredChatTarget>(await redis.hgetall(keys.chatTargets)).sort(
        (a, b) => a.createdAt - b.createdAt,
      );
    },
    async target(id: string): Promise<StoredChatTarget | null> {
      const raw = await redis.hget(keys.chatTargets, id);
      return raw ? (JSON.parse(raw) as StoredChatTarget) : null;
    },
    async saveTarget(target: StoredChatTarget): Promise<void> {
      await redis.hset(keys.chatTargets, target.id, JSON.stringify(target));
    },
    /** Removes a target, its rules and status; its pending messages fail when their turn comes. */
    async removeTarget(id: string): Promise<boolean> {
      const rules = (await this.rules()).filter((r) => r.target === id).map((r) => r.id);
      const [[, removed]] = (await redis
        .multi()
        .hdel(keys.chatTargets, id)
        .hdel(keys.chatStatus, id)
        .hdel(keys.chatRules, ...(rules.length ? rules : ['-']))
        .exec()) as [[unknown, number]];
      return removed === 1;
    },
    async statuses(): Promise<Map<string, ChatStatus>> {
      const all = await redis.hgetall(keys.chatStatus);
      return new Map(Object.entries(all).map(([id, v]) => [id, JSON.parse(v) as ChatStatus]));
    },
    async recordStatus(id: string, change: Partial<ChatStatus>): Promise<void> {
      const raw = await redis.hget(keys.chatStatus, id);
      const was: ChatStatus = raw
        ? (JSON.parse(raw) as ChatStatus)
        : { lastOkAt: null, lastErrorAt: null, lastError: null };
      if (!(await redis.hexists(keys.chatTargets, id))) return;
      await redis.hset(keys.chatStatus, id, JSON.stringify({ ...was, ...change }));
    },
    async rules(): Promise<ChatRuleView[]> {
      return parseAll<ChatRuleView>(await redis.hgetall(keys.chatRules)).sort((a, b) => (a.id < b.id ? -1 : 1));
    },
    async saveRule(rule: ChatRuleView): Promise<void> {
      await redis.hset(keys.chatRules, rule.id, JSON.stringify(rule));
    },
    async removeRule(id: string): Promise<boolean> {
      return (await redis.hdel(keys.chatRules, id)) === 1;
    },
    /** Starts a cool-down; false when one for this rule and key is running (the alert is not sent again). */
    async startCooldown(rule: string, alertKey: string, ms: number): Promise<boolean> {
      if (ms <= 0) return true;
      return (await redis.set(keys.chatCooldown(rule, alertKey), '1', 'PX', ms, 'NX')) === 'OK';
    },
    /**
     * Marks an alert as routed at a severity; false when it already was (by any instance). Kept in
     * the cool-down keys under the name "routed", which no rule id (16 hex digits) can be.
     */
    async markRouted(key: string, ms: number): Promise<boolean> {
      return (await redis.set(keys.chatCooldown('routed', key), '1', 'PX', ms, 'NX')) === 'OK';
    },
    /** Adds a message once: the same id again (another instance, a repeat) is ignored. */
    async enqueue(message: OutboxMessage): Promise<boolean> {
      const set = await redis.set(keys.chatMessage(message.id), JSON.stringify(message), 'EX', MESSAGE_TTL_S, 'NX');
      if (set !== 'OK') return false;
      await redis
        .multi()
        .zadd(keys.chatDue, message.nextAt ?? message.createdAt, message.id)
        .zadd(keys.chatRecent, message.createdAt, message.id)
        .zremrangebyrank(keys.chatRecent, 0, -RECENT - 1)
        .exec();
      return true;
    },
    async due(now: number, limit: number): Promise<string[]> {
      return redis.zrangebyscore(keys.chatDue, '-inf', now, 'LIMIT', 0, limit);
    },
    /** This instance sends the message for `ms`; false when another one does. */
    async claim(id: string, ms: number): Promise<boolean> {
      return (await redis.set(keys.chatClaim(id), '1', 'PX', ms, 'NX')) === 'OK';
    },
    async release(id: string): Promise<void> {
      await redis.del(keys.chatClaim(id));
    },
    async message(id: string): Promise<OutboxMessage | null> {
      const raw = await redis.get(keys.chatMessage(id));
      return raw ? (JSON.parse(raw) as OutboxMessage) : null;
    },
    /** Saves a message after a try: pending ones stay due at `nextAt`, others leave the due set. */
    async update(message: OutboxMessage): Promise<void> {
      const m = redis.multi().set(keys.chatMessage(message.id), JSON.stringify(message), 'EX', MESSAGE_TTL_S);
      if (message.state === 'pending') m.zadd(keys.chatDue, message.nextAt ?? 0, message.id);
      else m.zrem(keys.chatDue, message.id);
      await m.exec();
    },
    async drop(id: string): Promise<void> {
      await redis.zrem(keys.chatDue, id);
    },
    async recent(): Promise<OutboxMessage[]> {
      const ids = await redis.zrevrange(keys.chatRecent, 0, RECENT - 1);
      if (ids.length === 0) return [];
      const raws = await redis.mget(ids.map((id) => keys.chatMessage(id)));
      return raws.flatMap((raw) => (raw ? [JSON.parse(raw) as OutboxMessage] : []));
    },
  };
}

export type ChatRepo = ReturnType<typeof createChatRepo>;
