import { z } from 'zod';
import type { DayKey, EpochMs } from '../time';

/**
 * The "Campaigns, lists and lines" contract (issue #15): what `GET /api/campaigns` answers and what
 * the alert rules on campaigns, lists and caller IDs read. Written before the code that fills it so
 * the fold, the screens and the alerts agree; change it in one place.
 *
 * Ids are the ingestion contract's (campaign and list: the id charset; caller ID: digits with an
 * optional +). A caller ID is the floor's own line, not personal data; customer ids and phone
 * numbers of customers never appear here.
 */

/**
 * The key of the "other" bucket: values beyond the day's cap of distinct ids fold into it. `*` is
 * outside every id charset, so no real campaign, list or caller ID can collide with it.
 */
export const OTHER_BUCKET = '*';

/** Distinct values per day kept by name; the rest are summed under OTHER_BUCKET. */
export const DIMENSION_CAPS = { campaigns: 200, lists: 2_000, callerIds: 5_000 } as const;

/** Calls counted in one slice of the day (a campaign, a list, a caller ID), by the per-rep rules. */
export interface DimensionCounts {
  dials: number;
  /** Answered calls (an answer event, or an outcome that means someone answered). */
  connects: number;
  effectiveCalls: number;
  talkMs: number;
  /** Outcomes of failed dials, by the rep's outcome or the network's cause. */
  busy: number;
  noAnswer: number;
  /** Invalid / unallocated numbers (空号). */
  invalid: number;
  refused: number;
  callbacks: number;
  leads: number;
  deals: number;
  revenue: number;
}

const count = z.number().int().nonnegative();
export const dimensionCountsSchema = z.object({
  dials: count,
  connects: count,
  effectiveCalls: count,
  talkMs: z.number().nonnegative(),
  busy: count,
  noAnswer: count,
  invalid: count,
  refused: count,
  callbacks: count,
  leads: count,
  deals: count,
  revenue: z.number().nonnegative(),
}) satisfies z.ZodType<DimensionCounts>;

export interface CampaignRow extends DimensionCounts {
  /** Campaign id, or OTHER_BUCKET. */
  campaign: string;
  /** Distinct lists dialled for it today. */
  lists: number;
  /** The campaign's target for today (deals, revenue, dials), when one is set. */
  target: { dials: number | null; deals: number | null; revenue: number | null } | null;
}

export interface ListRow extends DimensionCounts {
  /** List id, or OTHER_BUCKET. */
  list: string;
  /** The campaign the list was last dialled for (or loaded into); null when unknown. */
  campaign: string | null;
  /** Distinct customers reached (dialled) from this list today; null when calls carry no customer. */
  customersReached: number | null;
  /** Distinct customers dialled since the list was loaded (penetration's numerator); null when unknown. */
  customersDialled: number | null;
  /** The list's size when known (a `list.loaded` event or the admin screen). */
  size: number | null;
  /** When, at the last hour's pace, the list runs out of fresh customers; null when unknown or not this shift. */
  dryAt: EpochMs | null;
}

export interface CallerIdRow {
  /** The number presented (the floor's line), or OTHER_BUCKET. */
  callerId: string;
  dials: number;
  connects: number;
  /** The last hour: dials and connects (the figure compared with the baseline). */
  recentDials: number;
  recentConnects: number;
  /** Its own connect rate before the last hour (0..1); null with too few dials to say. */
  baselineRate: number | null;
  /** The floor's connect rate in the same hour (0..1); null with too few dials. */
  floorRateSameHour: number | null;
  /** Connect rate collapsed against its baseline: "possibly flagged as spam — rotate the number". */
  flagged: boolean;
}

/** `GET /api/campaigns[?campaign=ID]`: supervisor the floor; lead the team's calls only; kiosk and rep 403. */
export interface CampaignsResponse {
  day: DayKey | null;
  /** Server time the figures were computed at. */
  at: EpochMs;
  /** Whose calls: the whole floor, or one team's (a lead's). */
  scope: { kind: 'floor' } | { kind: 'team'; team: string };
  campaigns: CampaignRow[];
  lists: ListRow[];
  callerIds: CallerIdRow[];
  /** Every call of the scope today, so a screen can show "all campaigns" beside each row. */
  total: DimensionCounts;
}

/** Rates derived from counts (0..1, null when the denominator is 0): one definition for every screen. */
export interface DimensionRates {
  connectRate: number | null;
  invalidRate: number | null;
  busyRate: number | null;
  noAnswerRate: number | null;
  /** Effective calls per connect. */
  effectiveRate: number | null;
  /** Deals per connect. */
  conversion: number | null;
}

export function dimensionRates(c: DimensionCounts): DimensionRates {
  const per = (n: number, d: number) => (d > 0 ? n / d : null);
  return {
    connectRate: per(c.connects, c.dials),
    invalidRate: per(c.invalid, c.dials),
    busyRate: per(c.busy, c.dials),
    noAnswerRate: per(c.noAnswer, c.dials),
    effectiveRate: per(c.effectiveCalls, c.connects),
    conversion: per(c.deals, c.connects),
  };
}

export function zeroCounts(): DimensionCounts {
  return {
    dials: 0,
    connects: 0,
    effectiveCalls: 0,
    talkMs: 0,
    busy: 0,
    noAnswer: 0,
    invalid: 0,
    refused: 0,
    callbacks: 0,
    leads: 0,
    deals: 0,
    revenue: 0,
  };
}

// Response schema of GET /api/campaigns: the screens act on these bodies (rates, badges, the filter's
// choices), so a body that is not what the contract says fails at the edge, not as a TypeError in a view.
const epochMsSchema = z.number().int().nonnegative();
const nullableCount = count.nullable();

export const campaignRowSchema = dimensionCountsSchema.extend({
  campaign: z.string(),
  lists: count,
  target: z
    .object({ dials: nullableCount, deals: nullableCount, revenue: z.number().nonnegative().nullable() })
    .nullable(),
}) satisfies z.ZodType<CampaignRow>;

export const listRowSchema = dimensionCountsSchema.extend({
  list: z.string(),
  campaign: z.string().nullable(),
  customersReached: nullableCount,
  customersDialled: nullableCount,
  size: nullableCount,
  dryAt: epochMsSchema.nullable(),
}) satisfies z.ZodType<ListRow>;

const rate = z.number().min(0).max(1);
export const callerIdRowSchema = z.object({
  callerId: z.string(),
  dials: count,
  connects: count,
  recentDials: count,
  recentConnects: count,
  baselineRate: rate.nullable(),
  floorRateSameHour: rate.nullable(),
  flagged: z.boolean(),
}) satisfies z.ZodType<CallerIdRow>;

export const campaignsResponseSchema = z.object({
  day: z.string().nullable(),
  at: epochMsSchema,
  scope: z.union([z.object({ kind: z.literal('floor') }), z.object({ kind: z.literal('team'), team: z.string() })]),
  campaigns: z.array(campaignRowSchema),
  lists: z.array(listRowSchema),
  callerIds: z.array(callerIdRowSchema),
  total: dimensionCountsSchema,
}) satisfies z.ZodType<CampaignsResponse>;
