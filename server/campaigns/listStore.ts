import type { Redis } from 'ioredis';
import { QUARTER_MS } from '../../shared/domain/dimensionState';
import type { ListFacts } from '../../shared/domain/campaignsView';
import type { CallEvent } from '../../shared/events/callEvent';
import { compareStreamIds, type StreamId } from '../../shared/streamId';
import { HOUR_MS, type DayKey, type EpochMs } from '../../shared/time';
import type { Log } from '../log';
import type { RedisKeys } from '../redis/keys';

/**
 * Lists beyond the fold (issue #15): their size (a `list.loaded` event or a supervisor) and how
 * many distinct customers were dialled from them. Customer ids are personal data and stay out of
 * the fold and out of every answer: they only go into Redis HyperLogLogs (PFADD at ingest), which
 * answer "how many distinct" (PFCOUNT, ~0.8 % error) and can never list the ids back.
 *
 * - reached today: one HLL per list and local day;
 * - dialled since loaded: one HLL per list, emptied when a newer `list.loaded` arrives;
 * - pace: one HLL per list and quarter hour; the last hour is the union of the last four.
 * `dryAt` = now + (size - dialled since loaded) / (distinct customers of the last hour) hours, null
 * without a size or a pace, or when it falls after the end of the local day.
 */
export interface ListMeta {
  size: number;
  campaign: string | null;
  /** When and by which entry it was loaded; a supervisor's size keeps these. */
  loadedAt: EpochMs | null;
  loadedId: StreamId | null;
  setBy: 'event' | 'supervisor';
}

export interface ListStore {
  /** A folded batch's list events: sizes and customers reached (idempotent: re-reads change nothing). */
  onBatch(events: readonly CallEvent[]): void;
  /** Resolves once every batch handed over so far is written. */
  settled(): Promise<void>;
  facts(lists: readonly string[], now: EpochMs, day: DayKey | null, dayEnd: EpochMs): Promise<Map<string, ListFacts>>;
  setSize(list: string, size: number): Promise<void>;
}

/** A key's time to live from now, or the moment it goes. */
type Expiry = { seconds: number } | { at: EpochMs };

const DAY_KEY_TTL_S = 3 * 86_400;
const LOADED_KEY_TTL_S = 60 * 86_400;

export function createListStore(deps: {
  redis: Redis;
  keys: Pick<RedisKeys, 'lists' | 'listReachDay' | 'listReachLoaded' | 'listReachQuarter'>;
  dayOf: (at: EpochMs) => DayKey;
  log: Log;
}): ListStore {
  const { redis, keys } = deps;
  let chain: Promise<void> = Promise.resolve();

  async function metaOf(list: string): Promise<ListMeta | null> {
    const raw = await redis.hget(keys.lists, list);
    return raw === null ? null : (JSON.parse(raw) as ListMeta);
  }

  // A call's dial, answer, hang-up and outcome all name the same customer: only its first event
  // here is added (4 adds a call were a quarter of the server's allocations at 2,000 events/s).
  // Forgetting is harmless (PFADD is idempotent): cleared when large and on every list load, after
  // which the customers of "since loaded" must be added again.
  const added = new Set<string>();
  // A quarter's key expires at a fixed time: set once.
  const quarterExpirySet = new Set<string>();

  async function write(events: readonly CallEvent[]): Promise<void> {
    // In stream order: a load empties "since loaded" before the dials after it are added again.
    // What waits for the next flush: customers per key with the key's expiry, and the calls added.
    let adds = new Map<string, { customers: string[]; expiry: Expiry }>();
    let calls = new Set<string>();
    // Remembered only once written: a failed write is tried again by the call's next event.
    const flush = async () => {
      if (adds.size === 0) return;
      const pipeline = redis.pipeline();
      const quarters: string[] = [];
      for (const [key, { customers, expiry }] of adds) {
        pipeline.pfadd(key, ...customers);
        if (!('at' in expiry)) pipeline.expire(key, expiry.seconds);
        else if (!quarterExpirySet.has(key)) {
          pipeline.pexpireat(key, expiry.at);
          quarters.push(key);
        }
      }
      const written = calls;
      [adds, calls] = [new Map(), new Set()];
      const replies = (await pipeline.exec()) ?? [];
      const failed = replies.find(([error]) => error);
      if (failed) throw failed[0]!;
      if (added.size + written.size > 100_000) added.clear();
      if (quarterExpirySet.size + quarters.length > 50_000) quarterExpirySet.clear();
      for (const call of written) added.add(call);
      for (const key of quarters) quarterExpirySet.add(key);
    };
    const add = (key: string, customer: string, expiry: Expiry) => {
      const entry = adds.get(key);
      if (entry) entry.customers.push(customer);
      else adds.set(key, { customers: [customer], expiry });
    };
    for (const e of events) {
      if (e.type === 'list.loaded') {
        await flush();
        added.clear();
        const before = await metaOf(e.list);
        // Only a newer entry replaces the load (a re-read of the same one changes nothing).
        if (before?.loadedId && compareStreamIds(e.id, before.loadedId) <= 0) continue;
        const meta: ListMeta = {
          ...{ size: e.size, campaign: e.campaign ?? before?.campaign ?? null },
          ...{ loadedAt: e.at, loadedId: e.id, setBy: 'event' },
        };
        await redis.multi().hset(keys.lists, e.list, JSON.stringify(meta)).del(keys.listReachLoaded(e.list)).exec();
        continue;
      }
      if (!isCallEvent(e) || e.list === undefined || e.customer === undefined) continue;
      const once = `${e.call}\u0000${e.list}\u0000${e.customer}`;
      if (added.has(once) || calls.has(once)) continue;
      calls.add(once);
      const quarter = Math.floor(e.at / QUARTER_MS);
      add(keys.listReachDay(deps.dayOf(e.at), e.list), e.customer, { seconds: DAY_KEY_TTL_S });
      add(keys.listReachLoaded(e.list), e.customer, { seconds: LOADED_KEY_TTL_S });
      add(keys.listReachQuarter(quarter, e.list), e.customer, { at: (quarter + 1) * QUARTER_MS + 2 * HOUR_MS });
    }
    await flush();
  }

  return {
    onBatch(events) {
      if (!events.some((e) => e.type === 'list.loaded' || (isCallEvent(e) && e.list && e.customer))) return;
      chain = chain
        .then(() => write(events))
        .catch((error: unknown) => deps.log.warn('list reach not written', { error: String(error) }));
    },
    settled: () => chain,
    async facts(lists, now, day, dayEnd) {
      const out = new Map<string, ListFacts>();
      if (lists.length === 0) return out;
      const metas = await redis.hmget(keys.lists, ...lists);
      const nowQuarter = Math.floor(now / QUARTER_MS);
      const pipeline = redis.pipeline();
      for (const list of lists) {
        if (day === null) pipeline.echo('0');
        else pipeline.pfcount(keys.listReachDay(day, list));
        pipeline.pfcount(keys.listReachLoaded(list));
        pipeline.pfcount(...[0, 1, 2, 3].map((i) => keys.listReachQuarter(nowQuarter - i, list)));
      }
      const replies = (await pipeline.exec()) ?? [];
      const count = (i: number) => Number(replies[i]?.[1] ?? 0);
      lists.forEach((list, i) => {
        const meta = metas[i] ? (JSON.parse(metas[i]) as ListMeta) : null;
        const [reached, dialled, lastHour] = [count(i * 3), count(i * 3 + 1), count(i * 3 + 2)];
        out.set(list, {
          size: meta?.size ?? null,
          campaign: meta?.campaign ?? null,
          customersReached: reached > 0 ? reached : null,
          customersDialled: dialled > 0 || meta ? dialled : null,
          dryAt: dryAt(meta?.size ?? null, dialled, lastHour, now, dayEnd),
        });
      });
      return out;
    },
    async setSize(list, size) {
      const before = await metaOf(list);
      const meta: ListMeta = {
        ...{ size, campaign: before?.campaign ?? null, loadedAt: before?.loadedAt ?? null },
        ...{ loadedId: before?.loadedId ?? null, setBy: 'supervisor' },
      };
      await redis.hset(keys.lists, list, JSON.stringify(meta));
    },
  };
}

/** When the list runs out of fresh customers at the last hour's pace; null when unknown or after `dayEnd`. */
export function dryAt(
  size: number | null,
  dialled: number,
  lastHour: number,
  now: EpochMs,
  dayEnd: EpochMs,
): EpochMs | null {
  if (size === null) return null;
  const left = size - dialled;
  if (left <= 0) return now;
  if (lastHour <= 0) return null;
  const at = now + Math.round((left / lastHour) * HOUR_MS);
  return at <= dayEnd ? at : null;
}

/** A call event (not a list load or a lead handoff, which may carry a `call` too). */
function isCallEvent(e: CallEvent): e is Extract<CallEvent, { type: `call.${string}` }> {
  return e.type.startsWith('call.');
}
