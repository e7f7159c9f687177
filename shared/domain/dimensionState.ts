import type { DIMENSION_CAPS, DimensionCounts } from '../contracts/campaigns';
import { MINUTE_MS, type DayKey, type EpochMs } from '../time';
import { zeroCounts } from '../contracts/campaigns';
import { SortedMap } from './sortedMap';

/** The state of the per-campaign, per-list and per-caller-ID figures (the fold is in dimensions.ts). */

export type DimensionKind = keyof typeof DIMENSION_CAPS;
export const DIMENSION_KINDS: readonly DimensionKind[] = ['campaigns', 'lists', 'callerIds'];
/** Caller-ID health is counted per quarter hour of the day (a 25-hour day has 100). */
export const QUARTER_MS = 15 * MINUTE_MS;
export const QUARTERS_PER_DAY = 100;

/** Dials and connects per quarter hour: [dials0, connects0, dials1, connects1, ...]. */
export type QuarterCounts = number[];

/**
 * A line's dials and connects per quarter hour, cheap to change in the latest quarter: that one is
 * kept apart (`q`, `d`, `c`) so a call there replaces a 4-field object instead of copying the day's
 * counters; `past` (QuarterCounts, null until needed) holds every other quarter.
 */
export interface LineQuarters {
  past: QuarterCounts | null;
  q: number;
  d: number;
  c: number;
}

/** A line's counters as one QuarterCounts. */
export function expandQuarters(line: LineQuarters | undefined): QuarterCounts {
  const out = line?.past ? [...line.past] : new Array<number>(QUARTERS_PER_DAY * 2).fill(0);
  if (line) {
    out[line.q * 2]! += line.d;
    out[line.q * 2 + 1]! += line.c;
  }
  return out;
}

/** A set of values in code-unit order (the named values of a kind). */
export type ValueSet = SortedMap<true>;

/**
 * The day's figures per dimension (the floor's, kept by the fold; a team's, built on demand).
 * Every map is persistent (SortedMap): a batch copies the paths to the values it touches and
 * shares the rest with the state before it, so it costs O(values touched x log n), never
 * O(distinct values), and the state before it stays as it was.
 */
export interface DimensionState {
  day: DayKey | null;
  /** Local midnight of `day` (quarter hours count from it). */
  dayStart: EpochMs;
  /** Per kind: the named values (at most the cap), iterated in code-unit order. */
  named: Readonly<Record<DimensionKind, ValueSet>>;
  counts: Readonly<Record<DimensionKind, SortedMap<DimensionCounts>>>;
  /** Caller ID (or OTHER_BUCKET) -> dials and connects per quarter hour. */
  callerQuarters: SortedMap<LineQuarters>;
  /** The whole scope's dials and connects per quarter hour (every call, with or without a caller ID). */
  quarters: QuarterCounts;
  /** `campaign \0 list` (buckets) -> calls dialled: lists per campaign, a list's campaign. */
  pairs: SortedMap<number>;
  /** Every call of the scope today. */
  total: DimensionCounts;
}

export function emptyDimensions(day: DayKey | null = null, dayStart: EpochMs = 0): DimensionState {
  return {
    day,
    dayStart,
    named: { campaigns: SortedMap.empty(), lists: SortedMap.empty(), callerIds: SortedMap.empty() },
    counts: { campaigns: SortedMap.empty(), lists: SortedMap.empty(), callerIds: SortedMap.empty() },
    callerQuarters: SortedMap.empty(),
    quarters: new Array<number>(QUARTERS_PER_DAY * 2).fill(0),
    pairs: SortedMap.empty(),
    total: zeroCounts(),
  };
}

/** A rep's counts per campaign bucket: the filtered views (`?campaign=`) read them. */
export type RepCampaigns = ReadonlyMap<string, DimensionCounts>;

/** The JSON form of a DimensionState (checkpoints). */
export interface StoredDimensions {
  day: DayKey | null;
  dayStart: EpochMs;
  named: Record<DimensionKind, string[]>;
  counts: Record<DimensionKind, [string, DimensionCounts][]>;
  callerQuarters: [string, LineQuarters][];
  quarters: number[];
  pairs: [string, number][];
  total: DimensionCounts;
}

/** The checkpoint form; its shape is the one the Map-based state wrote (format unchanged). */
export function storeDimensions(d: DimensionState): StoredDimensions {
  return {
    day: d.day,
    dayStart: d.dayStart,
    named: {
      campaigns: [...d.named.campaigns.keys()],
      lists: [...d.named.lists.keys()],
      callerIds: [...d.named.callerIds.keys()],
    },
    counts: {
      campaigns: [...d.counts.campaigns],
      lists: [...d.counts.lists],
      callerIds: [...d.counts.callerIds],
    },
    callerQuarters: [...d.callerQuarters],
    quarters: [...d.quarters],
    pairs: [...d.pairs],
    total: d.total,
  };
}

/** Reads a stored state; entries may come in any order (the Map-based state wrote insertion order). */
export function loadDimensions(s: StoredDimensions): DimensionState {
  const set = (values: readonly string[]): ValueSet => SortedMap.of(values.map((v) => [v, true] as const));
  return {
    day: s.day,
    dayStart: s.dayStart,
    named: { campaigns: set(s.named.campaigns), lists: set(s.named.lists), callerIds: set(s.named.callerIds) },
    counts: {
      campaigns: SortedMap.of(s.counts.campaigns),
      lists: SortedMap.of(s.counts.lists),
      callerIds: SortedMap.of(s.counts.callerIds),
    },
    callerQuarters: SortedMap.of(s.callerQuarters),
    quarters: [...s.quarters],
    pairs: SortedMap.of(s.pairs),
    total: s.total,
  };
}

/** `into += sign * from`, revenue in cents so that thousands of changes never drift. */
export function addInto(into: DimensionCounts, from: DimensionCounts, sign: 1 | -1): void {
  into.dials += sign * from.dials;
  into.connects += sign * from.connects;
  into.effectiveCalls += sign * from.effectiveCalls;
  into.talkMs += sign * from.talkMs;
  into.busy += sign * from.busy;
  into.noAnswer += sign * from.noAnswer;
  into.invalid += sign * from.invalid;
  into.refused += sign * from.refused;
  into.callbacks += sign * from.callbacks;
  into.leads += sign * from.leads;
  into.deals += sign * from.deals;
  if (from.revenue !== 0) into.revenue = Math.round((into.revenue + sign * from.revenue) * 100) / 100;
}

/** Whether a contribution counts nothing (every figure but revenue follows dials or talk). */
export function isZero(c: DimensionCounts): boolean {
  return (
    c.dials === 0 &&
    c.talkMs === 0 &&
    c.connects === 0 &&
    c.effectiveCalls === 0 &&
    c.busy === 0 &&
    c.noAnswer === 0 &&
    c.invalid === 0 &&
    c.refused === 0 &&
    c.callbacks === 0 &&
    c.leads === 0 &&
    c.deals === 0 &&
    c.revenue === 0
  );
}
