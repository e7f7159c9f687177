import type { EpochMs } from '../time';
import { contribution, type FoldRules } from './callRecord';
import type { CallRecord } from './callBook';
import { UNKNOWN_REASON, type FloorState } from './repState';
import { bucketOfMinute, emptyDayTrend, FUNNEL_STEPS, type DayTrend, type FunnelStep } from './trends';

/**
 * The instant a call's counters belong to: its dial's, else its earliest known event's; null only
 * for a record with none of them (the trend recorder then takes its run's time). The recorder and
 * the campaign trends both bucket by it, so the campaigns' buckets sum to the floor's.
 */
export function callCountedAt(call: CallRecord): EpochMs | null {
  const at = call.dialAt ?? Math.min(call.answerAt ?? Infinity, call.hangupAt ?? Infinity, call.outcomeAt ?? Infinity);
  return Number.isFinite(at) ? at : null;
}

/** Today's figures of one campaign's calls (`GET /api/trends?campaign=`). */
export interface CampaignDay {
  /** Dials, connects and revenue per quarter hour; statusMs stays zero (a rep's time is no campaign's). */
  trend: DayTrend;
  funnel: Record<FunnelStep, number>;
  /** Refusals by reason (UNKNOWN_REASON when the source gave none). */
  refusals: Map<string, number>;
}

/**
 * Buckets the calls of one campaign made by the reps of a scope (a team, or the floor), computed
 * on demand from the fold's call records: only reps whose per-campaign counters name the campaign
 * are scanned, so a request costs O(calls of those reps), and nothing is kept per campaign.
 * A campaign the fold does not name (never seen today, evicted under the cap, or any other string
 * such as `__proto__` when nobody dialled it) has empty figures.
 */
export function campaignDay(input: {
  floor: FloorState;
  rules: FoldRules;
  team: string | null;
  campaign: string;
  minuteOfDay: (at: EpochMs) => number;
}): CampaignDay {
  const { floor, rules, team, campaign } = input;
  const trend = emptyDayTrend();
  const funnel = Object.fromEntries(FUNNEL_STEPS.map((s) => [s, 0])) as Record<FunnelStep, number>;
  const refusals = new Map<string, number>();
  if (!floor.dims.named.campaigns.has(campaign)) return { trend, funnel, refusals };
  for (const rep of floor.reps.values()) {
    if (team !== null && rep.team !== team) continue;
    if (!rep.campaigns.has(campaign)) continue;
    for (const [, call] of rep.calls) {
      if (call.campaign !== campaign) continue;
      const c = contribution(call, rules);
      for (const step of FUNNEL_STEPS) funnel[step] += c[step];
      if (call.carriedFrom === undefined && call.outcome === 'refused') {
        const reason = call.reason ?? UNKNOWN_REASON;
        refusals.set(reason, (refusals.get(reason) ?? 0) + 1);
      }
      const at = callCountedAt(call);
      if (at === null) continue;
      const bucket = bucketOfMinute(input.minuteOfDay(at));
      trend.dials[bucket]! += c.dials;
      trend.connects[bucket]! += c.connects;
      trend.revenue[bucket] = Math.round((trend.revenue[bucket]! + c.revenue) * 100) / 100;
    }
  }
  return { trend, funnel, refusals };
}
