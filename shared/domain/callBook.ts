import { SortedMap, type Owner } from './sortedMap';
import type { Outcome } from '../events/callEvent';
import type { StreamId } from '../streamId';
import type { EpochMs } from '../time';

/**
 * What the fold remembers of one call today: for each of its dial, answer, hangup and outcome the
 * event that wins (the earliest `ts`, ties to the smaller entry ID), with that event's entry ID, so
 * that a later-arriving winner can replace it whatever the order of arrival.
 */
export interface CallRecord {
  dialAt?: EpochMs;
  dialId?: StreamId;
  answerAt?: EpochMs;
  answerId?: StreamId;
  hangupAt?: EpochMs;
  hangupId?: StreamId;
  outcome?: Outcome;
  outcomeAt?: EpochMs;
  outcomeId?: StreamId;
  /** Sale amount; absent on a sale when the source did not give it (counted as 0, "unknown"). */
  amount?: number;
  /** Refusal reason; absent on a refusal when the source did not give it (counted as unknown). */
  reason?: string;
  /** Follow-up time; absent on a call-back when the source did not give it (time unknown). */
  followUpAt?: EpochMs;
  /** Who to call back, as the source labelled them; absent when it did not say. */
  contact?: string;
  /**
   * Set on a call still going at midnight, carried into the new day: only its talk after this
   * instant counts today (its dial, connect and outcome count on the day of its dial).
   */
  carriedFrom?: EpochMs;
  /**
   * The call's campaign, list and caller ID (issue #15), each from the earliest event (`ts`, then
   * entry ID) that carried it, with that event's time and ID so a later-arriving earlier one
   * replaces it. `cause` is the winning hang-up's network cause (how a dial failed).
   */
  campaign?: string;
  campaignAt?: EpochMs;
  campaignId?: StreamId;
  list?: string;
  listAt?: EpochMs;
  listId?: StreamId;
  callerId?: string;
  callerIdAt?: EpochMs;
  callerIdId?: StreamId;
  cause?: string;
}

/** At this many recent calls they move into the base (one shared path copy for all of them). */
const RECENT_LIMIT = 16;

/**
 * A rep's calls of the day by call id, in two tiers: a small `recent` Map that takes every write,
 * and a persistent `base` (a SortedMap) that the recent calls move into once there are
 * RECENT_LIMIT of them. Most of a call's events come within seconds of its dial, so they land in
 * `recent` and the base is written about once per call instead of once per event: replaying a
 * day costs little more than plain Maps, and no write ever copies the whole day (O(log n)).
 *
 * The move happens at the same call whatever the batch sizes, and the base's shape depends only
 * on its keys, so states stay equal however the stream was read. `recent` is copied by the first
 * write of a batch (its owner) and written in place after that; earlier states are never touched.
 */
export class CallBook implements Iterable<[string, CallRecord]> {
  private constructor(
    readonly base: SortedMap<CallRecord>,
    private readonly recent: ReadonlyMap<string, CallRecord>,
    private readonly recentOwner: Owner,
  ) {}

  static empty(): CallBook {
    return new CallBook(SortedMap.empty(), new Map(), {});
  }

  static of(entries: Iterable<readonly [string, CallRecord]>): CallBook {
    return new CallBook(SortedMap.of(entries), new Map(), {});
  }

  get(call: string): CallRecord | undefined {
    return this.recent.get(call) ?? this.base.get(call);
  }

  /** Calls in the book (a call in both tiers counts once). */
  get size(): number {
    let count = this.base.size;
    for (const call of this.recent.keys()) if (!this.base.has(call)) count++;
    return count;
  }

  /** How many calls wait in the recent tier (never more than RECENT_LIMIT - 1). */
  get recentSize(): number {
    return this.recent.size;
  }

  set(call: string, record: CallRecord, owner: Owner = {}): CallBook {
    const recent = this.recentOwner === owner ? (this.recent as Map<string, CallRecord>) : new Map(this.recent);
    recent.set(call, record);
    if (recent.size < RECENT_LIMIT) return new CallBook(this.base, recent, owner);
    let base = this.base;
    for (const [id, settled] of recent) base = base.set(id, settled, owner);
    return new CallBook(base, new Map(), owner);
  }

  *entries(): Generator<[string, CallRecord], void, undefined> {
    for (const entry of this.base) if (!this.recent.has(entry[0])) yield entry;
    yield* this.recent;
  }

  [Symbol.iterator](): Generator<[string, CallRecord], void, undefined> {
    return this.entries();
  }
}
