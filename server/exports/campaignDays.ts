import type { Redis } from 'ioredis';
import { dimensionCountsSchema, zeroCounts, type DimensionCounts } from '../../shared/contracts/campaigns';
import type { FloorState } from '../../shared/domain/repState';
import type { DayKey } from '../../shared/time';

/** Team key of reps without a team (a team id is never empty). */
export const NO_TEAM = '';

/** One day's figures per team and campaign bucket: team ('' = none) -> campaign -> counts. */
export type CampaignDay = Map<string, Map<string, DimensionCounts>>;

/**
 * The per-campaign figures of a closed (or running) day, per team, summed from each rep's
 * per-campaign counts (the same counts the `?campaign=` views read). Pure.
 */
export function campaignDayOf(state: FloorState): CampaignDay {
  const out: CampaignDay = new Map();
  for (const rep of state.reps.values()) {
    const team = rep.team ?? NO_TEAM;
    let byCampaign = out.get(team);
    for (const [campaign, c] of rep.campaigns) {
      if (!byCampaign) out.set(team, (byCampaign = new Map()));
      const sum = byCampaign.get(campaign) ?? zeroCounts();
      addCounts(sum, c);
      byCampaign.set(campaign, sum);
    }
  }
  return out;
}

export function addCounts(sum: DimensionCounts, c: DimensionCounts): void {
  for (const key of Object.keys(sum) as (keyof DimensionCounts)[]) sum[key] += c[key];
  sum.revenue = Math.round(sum.revenue * 100) / 100;
}

/** `<prefix>campaign-day:<day>` hashes: team -> JSON [[campaign, counts], ...] (written like the day totals). */
export interface CampaignDayRepo {
  save(day: DayKey, figures: CampaignDay): Promise<void>;
  /** Per day asked: the saved figures, or null when that day was never saved. */
  load(days: readonly DayKey[]): Promise<Map<DayKey, CampaignDay | null>>;
}

export function createCampaignDayRepo(redis: Redis, keyOf: (day: DayKey) => string): CampaignDayRepo {
  return {
    async save(day, figures) {
      const fields: string[] = [];
      for (const [team, byCampaign] of figures) fields.push(`t:${team}`, JSON.stringify([...byCampaign]));
      // A day saved with no calls at all still says so (an empty day is not "never saved").
      fields.push('saved', '1');
      // Replaced whole: a rep who moved team since the last save leaves no stale team behind.
      await redis
        .multi()
        .del(keyOf(day))
        .hset(keyOf(day), ...fields)
        .exec();
    },
    async load(days) {
      const out = new Map<DayKey, CampaignDay | null>();
      if (days.length === 0) return out;
      const pipeline = redis.pipeline();
      for (const day of days) pipeline.hgetall(keyOf(day));
      const replies = (await pipeline.exec()) ?? [];
      days.forEach((day, i) => {
        const hash = (replies[i]?.[1] ?? {}) as Record<string, string>;
        if (hash.saved === undefined) return void out.set(day, null);
        const figures: CampaignDay = new Map();
        for (const [field, json] of Object.entries(hash)) {
          if (!field.startsWith('t:')) continue;
          const parsed = parseTeamDay(json);
          if (parsed) figures.set(field.slice(2), parsed);
        }
        out.set(day, figures);
      });
      return out;
    },
  };
}

/** A damaged field is skipped rather than failing the export. */
function parseTeamDay(json: string): Map<string, DimensionCounts> | null {
  try {
    const rows = JSON.parse(json) as unknown;
    if (!Array.isArray(rows)) return null;
    const out = new Map<string, DimensionCounts>();
    for (const row of rows) {
      if (!Array.isArray(row) || typeof row[0] !== 'string') continue;
      const counts = dimensionCountsSchema.safeParse(row[1]);
      if (counts.success) out.set(row[0], counts.data);
    }
    return out;
  } catch {
    return null;
  }
}
