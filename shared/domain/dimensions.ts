export * from './dimensionState';
export { RepCampaignsEditor } from './repCampaigns';
import { DIMENSION_CAPS, OTHER_BUCKET, zeroCounts, type DimensionCounts } from '../contracts/campaigns';
import type { DayKey, EpochMs } from '../time';
import {
  QUARTERS_PER_DAY,
  QUARTER_MS,
  emptyDimensions,
  type DimensionKind,
  type DimensionState,
  type LineQuarters,
  type QuarterCounts,
  type ValueSet,
  expandQuarters,
  addInto,
  isZero,
} from './dimensionState';
import { contribution, type FoldRules } from './callRecord';
import type { CallRecord } from './callBook';
import type { Owner, SortedMap } from './sortedMap';

/**
 * Live figures per campaign, list and caller ID (issue #15), folded with the per-rep rules: each
 * call counts by its merged record (callRecord.ts), so dedupe, order independence and the day
 * boundary are the rep fold's; a record that changes moves the counts by the difference.
 *
 * The cap: per day at most DIMENSION_CAPS distinct values of each kind are kept by name, the rest
 * are summed under OTHER_BUCKET. The named values are the CAP smallest (code-unit order) of every
 * value seen on the day's call events. That set depends only on which events arrived, never on
 * their order: a new value smaller than the largest named one takes its place and the evicted
 * value's counts move whole into OTHER_BUCKET (a value's rank never changes, so an evicted value
 * never needs to come back). Ranking by first-seen time instead would need to remember every
 * value seen to promote one whose earlier event arrives late: memory the cap exists to bound.
 */

/** The record field each kind reads. */
export const FIELD_OF = { campaigns: 'campaign', lists: 'list', callerIds: 'callerId' } as const;

/**
 * The network's cause of a failed dial, mapped to busy / no answer / invalid (空号) when the rep
 * gave no such outcome. Tokens are matched case-insensitively; SIP codes and Q.850 names both.
 * Anything else (NORMAL_CLEARING, CALL_REJECTED, 503 ...) counts under none of them.
 */
export const CAUSE_CLASSES: Readonly<Record<string, 'busy' | 'noAnswer' | 'invalid'>> = Object.assign(
  Object.create(null) as Record<string, 'busy' | 'noAnswer' | 'invalid'>,
  {
    user_busy: 'busy',
    busy: 'busy',
    '486': 'busy',
    '600': 'busy',
    no_answer: 'noAnswer',
    no_user_response: 'noAnswer',
    originator_cancel: 'noAnswer',
    '408': 'noAnswer',
    '480': 'noAnswer',
    '487': 'noAnswer',
    unallocated_number: 'invalid',
    unallocated: 'invalid',
    no_route_destination: 'invalid',
    invalid_number_format: 'invalid',
    '404': 'invalid',
    '484': 'invalid',
  },
);

export function causeClass(cause: string | undefined): 'busy' | 'noAnswer' | 'invalid' | null {
  return cause === undefined ? null : (CAUSE_CLASSES[cause.toLowerCase()] ?? null);
}

/** What one call adds to its campaign's, list's and caller ID's counts; pure in the merged record. */
export function dimensionContribution(call: CallRecord, rules: FoldRules): DimensionCounts {
  const c = contribution(call, rules);
  const out = zeroCounts();
  out.dials = c.dials;
  out.connects = c.connects;
  out.effectiveCalls = c.effectiveCalls;
  out.talkMs = c.talkMs;
  out.leads = c.leads;
  out.deals = c.deals;
  out.revenue = c.revenue;
  if (call.carriedFrom !== undefined) return out;
  const o = call.outcome;
  if (o === 'busy') out.busy = 1;
  else if (o === 'no_answer') out.noAnswer = 1;
  else if (o === 'invalid') out.invalid = 1;
  else if (o === 'refused') out.refused = 1;
  else if (o === 'callback') out.callbacks = 1;
  else if (o === undefined && c.connects === 0) {
    const byCause = causeClass(call.cause);
    if (byCause) out[byCause] = 1;
  }
  return out;
}

/** The quarter hour of the day a call counts in: its earliest known event. */
export function quarterOf(call: CallRecord, dayStart: EpochMs): number | null {
  const at = Math.min(
    call.carriedFrom ?? Infinity,
    call.dialAt ?? Infinity,
    call.answerAt ?? Infinity,
    call.hangupAt ?? Infinity,
    call.outcomeAt ?? Infinity,
  );
  if (!Number.isFinite(at)) return null;
  return Math.min(QUARTERS_PER_DAY - 1, Math.max(0, Math.floor((at - dayStart) / QUARTER_MS)));
}

export const PAIR_SEPARATOR = '\u0000';
/** The code unit right after PAIR_SEPARATOR: `campaign + PAIR_AFTER` bounds the campaign's pair keys. */
const PAIR_AFTER = '\u0001';

/** Values per kind whose namedness a draft remembers. */
const MEMO_LIMIT = 1024;

/**
 * A batch's edits of a DimensionState. The maps are persistent (SortedMap): the batch's first write
 * of a value copies the path to it, later writes edit the batch's own nodes in place; count objects
 * and quarter arrays are copied on their first write in the batch and written in place after that.
 * So a batch costs O(values touched x log n), and the state it started from is never touched.
 */
export class DimensionDraft {
  /** Marks the nodes, count objects and arrays this batch made (it may edit those in place). */
  private readonly owner: Owner = {};
  private readonly mine = new WeakSet<object>();
  private readonly named: Record<DimensionKind, ValueSet>;
  private readonly counts: Record<DimensionKind, SortedMap<DimensionCounts>>;
  private callerQuarters: SortedMap<LineQuarters>;
  private quarters: QuarterCounts;
  private pairs: SortedMap<number>;
  private total: DimensionCounts;
  private changed = false;
  /** Per kind, whether a value looked up in this batch is named: a hash lookup instead of a tree walk. */
  private readonly isNamed: Record<DimensionKind, Map<string, boolean>> = {
    campaigns: new Map(),
    lists: new Map(),
    callerIds: new Map(),
  };

  constructor(
    private readonly base: DimensionState,
    /** Caps per kind (tests use small ones). */
    private readonly caps: Readonly<Record<DimensionKind, number>> = DIMENSION_CAPS,
  ) {
    this.named = { ...base.named };
    this.counts = { ...base.counts };
    this.callerQuarters = base.callerQuarters;
    this.quarters = base.quarters;
    this.pairs = base.pairs;
    this.total = base.total;
  }

  get day(): DayKey | null {
    return this.base.day;
  }

  private own<T extends object>(value: T, clone: (v: T) => T): T {
    if (this.mine.has(value)) return value;
    const copy = clone(value);
    this.mine.add(copy);
    this.changed = true;
    return copy;
  }

  /** The bucket a value counts under now: itself when named, else OTHER_BUCKET. */
  bucket(kind: DimensionKind, value: string): string {
    return this.isNamedNow(kind, value) ? value : OTHER_BUCKET;
  }

  private isNamedNow(kind: DimensionKind, value: string): boolean {
    const memo = this.isNamed[kind];
    let named = memo.get(value);
    if (named === undefined) {
      if (memo.size >= MEMO_LIMIT) memo.clear(); // a huge batch (a day's replay) keeps it bounded
      memo.set(value, (named = this.named[kind].has(value)));
    }
    return named;
  }

  /**
   * Notes a value seen on an event: named if the cap has room or it ranks before the largest named
   * value (which is evicted into OTHER_BUCKET). Returns the evicted value, for the caller to move
   * its own per-rep counts (campaigns).
   */
  admit(kind: DimensionKind, value: string): string | null {
    if (this.isNamedNow(kind, value)) return null;
    const named = this.named[kind];
    const cap = this.caps[kind];
    if (named.size >= cap && (cap === 0 || value >= named.lastKey()!)) return null;
    this.changed = true;
    let next = named.set(value, true, this.owner);
    const evicted = next.size > cap ? next.lastKey()! : null;
    if (evicted !== null) next = next.delete(evicted, this.owner);
    this.named[kind] = next;
    this.isNamed[kind].set(value, true);
    if (evicted !== null) this.isNamed[kind].set(evicted, false);
    if (evicted !== null) this.evict(kind, evicted);
    return evicted;
  }

  /** Moves everything counted under `value` into OTHER_BUCKET. */
  private evict(kind: DimensionKind, value: string): void {
    const moved = this.counts[kind].get(value);
    if (moved) {
      this.add(kind, OTHER_BUCKET, moved, 1);
      this.counts[kind] = this.counts[kind].delete(value, this.owner);
    }
    if (kind === 'callerIds') {
      const from = this.callerQuarters.get(value);
      if (from) {
        const moved = expandQuarters(from);
        for (let q = 0; q < QUARTERS_PER_DAY; q++)
          if (moved[q * 2] !== 0 || moved[q * 2 + 1] !== 0)
            this.lineAdd(OTHER_BUCKET, q, moved[q * 2]!, moved[q * 2 + 1]!);
        this.callerQuarters = this.callerQuarters.delete(value, this.owner);
      }
      return;
    }
    // Collected first: the batch's own nodes change in place as the pairs are moved. A campaign's
    // pairs are one range of keys; a list's are found by one pass over the pairs.
    let hits: [string, number][];
    if (kind === 'campaigns') hits = this.pairs.range(pairKey(value, ''), `${value}${PAIR_AFTER}`);
    else {
      hits = [];
      const suffix = pairKey('', value);
      this.pairs.forEach((n, key) => void (key.endsWith(suffix) && hits.push([key, n])));
    }
    for (const [key, n] of hits) {
      const at = key.indexOf(PAIR_SEPARATOR);
      const [campaign, list] = [key.slice(0, at), key.slice(at + 1)];
      this.pairs = this.pairs.delete(key, this.owner);
      const to = kind === 'campaigns' ? pairKey(OTHER_BUCKET, list) : pairKey(campaign, OTHER_BUCKET);
      this.pairs = this.pairs.set(to, (this.pairs.get(to) ?? 0) + n, this.owner);
    }
  }

  /** A past array of the line's this batch may write in place (copied once per batch at most). */
  private ownPast(past: QuarterCounts | null): QuarterCounts {
    if (past && this.mine.has(past)) return past;
    const own = past ? past.slice() : new Array<number>(QUARTERS_PER_DAY * 2).fill(0);
    this.mine.add(own);
    return own;
  }

  /** Adds dials and connects to a line's quarter hour; the latest quarter costs a 4-field object. */
  private lineAdd(bucket: string, quarter: number, dials: number, connects: number): void {
    const found = this.callerQuarters.get(bucket);
    let next: LineQuarters;
    if (!found) next = { past: null, q: quarter, d: dials, c: connects };
    else if (quarter === found.q) next = { past: found.past, q: quarter, d: found.d + dials, c: found.c + connects };
    else if (quarter > found.q) {
      const past = this.ownPast(found.past);
      past[found.q * 2]! += found.d;
      past[found.q * 2 + 1]! += found.c;
      next = { past, q: quarter, d: dials, c: connects };
    } else {
      const past = this.ownPast(found.past);
      past[quarter * 2]! += dials;
      past[quarter * 2 + 1]! += connects;
      next = { past, q: found.q, d: found.d, c: found.c };
    }
    this.changed = true;
    this.callerQuarters = this.callerQuarters.set(bucket, next, this.owner);
  }

  private add(kind: DimensionKind, bucket: string, from: DimensionCounts, sign: 1 | -1): void {
    const counts = this.counts[kind];
    const found = counts.get(bucket);
    let own = found;
    if (!own || !this.mine.has(own)) {
      own = found ? { ...found } : zeroCounts();
      this.mine.add(own);
    }
    addInto(own, from, sign);
    this.changed = true;
    // A count object of this batch's is held by a node of this batch's: written in place.
    if (isZero(own)) this.counts[kind] = counts.delete(bucket, this.owner);
    else if (own !== found) this.counts[kind] = counts.set(bucket, own, this.owner);
  }

  /**
   * Counts the change of one call's record (`before` undefined for a new call). The values of
   * `after` must have been admitted first, and `before`'s buckets are today's (evictions moved
   * them), so both sides resolve to the buckets the call is counted under.
   */
  applyCall(before: CallRecord | undefined, after: CallRecord | undefined, rules: FoldRules): void {
    if (before) this.count(before, dimensionContribution(before, rules), -1);
    if (after) this.count(after, dimensionContribution(after, rules), 1);
  }

  /**
   * Counts one call's record changing from `before` (contribution `was`; both undefined for a new
   * call) to `after` (`now`). When the call stays in the same buckets and quarter hour, only the
   * difference is counted: one write per value instead of a removal and an addition.
   */
  change(
    before: CallRecord | undefined,
    was: DimensionCounts | undefined,
    after: CallRecord,
    now: DimensionCounts,
  ): void {
    const line = hasLine(now);
    if (
      before &&
      was &&
      before.campaign === after.campaign &&
      before.list === after.list &&
      before.callerId === after.callerId &&
      hasLine(was) === line &&
      (!line || quarterOf(before, this.base.dayStart) === quarterOf(after, this.base.dayStart))
    ) {
      const diff = zeroCounts();
      addInto(diff, now, 1);
      addInto(diff, was, -1);
      this.count(after, diff, 1, line);
      return;
    }
    if (before && was) this.count(before, was, -1);
    this.count(after, now, 1);
  }

  /**
   * Adds (sign 1) or removes (sign -1) one call's contribution `c` (dimensionContribution, or the
   * difference of two: then `line` says whether the call counts on the quarter hours and lines).
   */
  count(call: CallRecord, c: DimensionCounts, sign: 1 | -1, line = hasLine(c)): void {
    if (isZero(c)) return;
    this.total = this.own(this.total, (t) => ({ ...t }));
    addInto(this.total, c, sign);
    const campaign = call.campaign === undefined ? null : this.bucket('campaigns', call.campaign);
    const list = call.list === undefined ? null : this.bucket('lists', call.list);
    if (campaign !== null) this.add('campaigns', campaign, c, sign);
    if (list !== null) this.add('lists', list, c, sign);
    if (campaign !== null && list !== null && c.dials !== 0) {
      const key = pairKey(campaign, list);
      const n = (this.pairs.get(key) ?? 0) + sign * c.dials;
      this.pairs = n > 0 ? this.pairs.set(key, n, this.owner) : this.pairs.delete(key, this.owner);
    }
    if (!line) return;
    const quarter = quarterOf(call, this.base.dayStart);
    if (quarter === null) return;
    const moved = c.dials !== 0 || c.connects !== 0;
    if (moved) {
      this.quarters = this.own(this.quarters, (a) => a.slice());
      this.quarters[quarter * 2]! += sign * c.dials;
      this.quarters[quarter * 2 + 1]! += sign * c.connects;
    }
    if (call.callerId === undefined) return;
    const caller = this.bucket('callerIds', call.callerId);
    this.add('callerIds', caller, c, sign);
    if (moved) this.lineAdd(caller, quarter, sign * c.dials, sign * c.connects);
    // A line with no call left has no quarter counted either: dropped, as its row is.
    if (!this.counts.callerIds.has(caller)) this.callerQuarters = this.callerQuarters.delete(caller, this.owner);
  }

  /** The new state. The draft is done: editing it further would change the state handed out. */
  done(): DimensionState {
    if (!this.changed) return this.base;
    return {
      day: this.base.day,
      dayStart: this.base.dayStart,
      named: { ...this.named },
      counts: { ...this.counts },
      callerQuarters: this.callerQuarters,
      quarters: this.quarters,
      pairs: this.pairs,
      total: this.total,
    };
  }
}

/** Whether a call counts on the quarter hours and its line's figures: it was dialled or connected. */
function hasLine(c: DimensionCounts): boolean {
  return c.dials !== 0 || c.connects !== 0;
}

export function pairKey(campaign: string, list: string): string {
  return `${campaign}${PAIR_SEPARATOR}${list}`;
}

/**
 * A scope's figures (a team's) built from its calls, counted under the floor's buckets so that a
 * lead's rows name the same campaigns, lists and lines as the supervisor's.
 */
export function dimensionsOf(calls: Iterable<CallRecord>, floor: DimensionState, rules: FoldRules): DimensionState {
  const draft = new DimensionDraft(
    { ...emptyDimensions(floor.day, floor.dayStart), named: floor.named },
    { campaigns: Infinity, lists: Infinity, callerIds: Infinity },
  );
  for (const call of calls) draft.count(call, dimensionContribution(call, rules), 1);
  return draft.done();
}
