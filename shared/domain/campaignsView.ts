import {
  OTHER_BUCKET,
  type CallerIdRow,
  type CampaignRow,
  type CampaignsResponse,
  type DimensionCounts,
  type ListRow,
} from '../contracts/campaigns';
import type { EpochMs } from '../time';
import { FLOOR_RATE_MIN_DIALS, baselineRate, isFlagged, quarterAt, windowsOf } from './callerIdHealth';
import { PAIR_SEPARATOR, dimensionsOf, expandQuarters, type DimensionState } from './dimensions';
import type { FoldRules } from './callRecord';
import type { FloorState, RepState } from './repState';
import type { RepView } from './floorView';

/** What the server knows of a list beyond the fold (its size and reach, from Redis). */
export interface ListFacts {
  size: number | null;
  /** The campaign a `list.loaded` event loaded it into. */
  campaign: string | null;
  customersReached: number | null;
  customersDialled: number | null;
  dryAt: EpochMs | null;
}

export type CampaignTarget = CampaignRow['target'];

export interface CampaignsViewInput {
  floor: FloorState;
  rules: FoldRules;
  now: EpochMs;
  /** A lead's team, or null for the whole floor. */
  team: string | null;
  /** Only this campaign's calls (`?campaign=`), or null for all. */
  campaign: string | null;
  listFacts?: (list: string) => ListFacts | undefined;
  targetOf?: (campaign: string) => CampaignTarget;
}

const byDials =
  <T extends { dials: number }>(key: (row: T) => string) =>
  (a: T, b: T) =>
    b.dials - a.dials || (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0);

/** The reps whose calls a view counts: the team's, or every rep; only those who worked `campaign`. */
function repsOf(floor: FloorState, team: string | null, campaign: string | null): RepState[] {
  const out: RepState[] = [];
  for (const rep of floor.reps.values()) {
    if (team !== null && rep.team !== team) continue;
    if (campaign !== null && !rep.campaigns.has(campaign)) continue;
    out.push(rep);
  }
  return out;
}

/**
 * The figures of a scope: the floor's as the fold keeps them, or built from the calls of a team's
 * reps or of one campaign (O(those calls), under the floor's buckets).
 */
export function scopeDimensions(input: CampaignsViewInput): DimensionState {
  const { floor, team, campaign, rules } = input;
  if (team === null && campaign === null) return floor.dims;
  const bucket = campaign === null ? null : floor.dims.named.campaigns.has(campaign) ? campaign : null;
  if (campaign !== null && bucket === null) return dimensionsOf([], floor.dims, rules);
  function* calls() {
    for (const rep of repsOf(floor, team, bucket))
      for (const [, call] of rep.calls) if (bucket === null || call.campaign === bucket) yield call;
  }
  return dimensionsOf(calls(), floor.dims, rules);
}

/** `GET /api/campaigns`: rows per campaign, list and caller ID of a scope (no customer data). */
export function campaignsView(input: CampaignsViewInput): CampaignsResponse {
  const dims = scopeDimensions(input);
  const nowQuarter = quarterAt(input.now, input.floor.dims.dayStart);

  const listsPerCampaign = new Map<string, number>();
  const campaignOfList = new Map<string, [string, number]>();
  for (const [key, n] of dims.pairs) {
    const [campaign, list] = key.split(PAIR_SEPARATOR) as [string, string];
    listsPerCampaign.set(campaign, (listsPerCampaign.get(campaign) ?? 0) + 1);
    const best = campaignOfList.get(list);
    if (!best || n > best[1] || (n === best[1] && campaign < best[0])) campaignOfList.set(list, [campaign, n]);
  }

  const campaigns: CampaignRow[] = [...dims.counts.campaigns]
    .map(([campaign, c]) => ({
      campaign,
      ...c,
      lists: listsPerCampaign.get(campaign) ?? 0,
      target: campaign === OTHER_BUCKET ? null : (input.targetOf?.(campaign) ?? null),
    }))
    .sort(byDials((r) => r.campaign));

  const lists: ListRow[] = [...dims.counts.lists]
    .map(([list, c]) => {
      const facts = list === OTHER_BUCKET ? undefined : input.listFacts?.(list);
      return {
        list,
        ...c,
        campaign: facts?.campaign ?? campaignOfList.get(list)?.[0] ?? null,
        customersReached: facts?.customersReached ?? null,
        customersDialled: facts?.customersDialled ?? null,
        size: facts?.size ?? null,
        dryAt: facts?.dryAt ?? null,
      };
    })
    .sort(byDials((r) => r.list));

  const floorWindow = windowsOf(input.floor.dims.quarters, nowQuarter);
  const floorRateSameHour =
    floorWindow.recentDials >= FLOOR_RATE_MIN_DIALS ? floorWindow.recentConnects / floorWindow.recentDials : null;
  const callerIds: CallerIdRow[] = [...dims.counts.callerIds]
    .map(([callerId, c]) => {
      const w = windowsOf(expandQuarters(dims.callerQuarters.get(callerId)), nowQuarter);
      return {
        callerId,
        dials: c.dials,
        connects: c.connects,
        recentDials: w.recentDials,
        recentConnects: w.recentConnects,
        baselineRate: baselineRate(w),
        floorRateSameHour,
        flagged: callerId !== OTHER_BUCKET && isFlagged(w),
      };
    })
    .sort((a, b) => Number(b.flagged) - Number(a.flagged) || byDials<CallerIdRow>((r) => r.callerId)(a, b));

  const total: DimensionCounts = { ...dims.total };
  return {
    day: input.floor.day,
    at: input.now,
    scope: input.team === null ? { kind: 'floor' } : { kind: 'team', team: input.team },
    campaigns,
    lists,
    callerIds,
    total,
  };
}

/**
 * A rep's row counted from one campaign's calls only (`?campaign=` on the floor and leaderboard):
 * the call figures are the campaign's, zero when the rep made none; status and time stay the rep's.
 */
export function campaignRepView(view: RepView, rep: RepState | undefined, campaign: string): RepView {
  const c = rep?.campaigns.get(campaign);
  return {
    ...view,
    dials: c?.dials ?? 0,
    connects: c?.connects ?? 0,
    effectiveCalls: c?.effectiveCalls ?? 0,
    talkSeconds: Math.floor((c?.talkMs ?? 0) / 1000),
    leads: c?.leads ?? 0,
    deals: c?.deals ?? 0,
    revenue: c?.revenue ?? 0,
  };
}
