import { z } from 'zod';
import type { CampaignsResponse } from '../../shared/contracts/campaigns';
import type { Ack } from '../../shared/contracts/socket';
import { campaignsView, type CampaignTarget } from '../../shared/domain/campaignsView';
import type { FoldRules } from '../../shared/domain/callRecord';
import type { Viewer } from '../../shared/domain/viewer';
import { MAX_LIST_SIZE, idSchema } from '../../shared/events/callEvent';
import { HOUR_MS, type Clock } from '../../shared/time';
import { OTHER_BUCKET } from '../../shared/contracts/campaigns';
import { startOfDay } from '../../shared/domain/day';
import { isCallerIdFlagged } from '../../shared/domain/campaignAlerts';
import type { AlertThresholds } from '../../shared/domain/alertTypes';
import type { FloorService } from '../floor/floorService';
import type { ListStore } from './listStore';

/** GET /api/campaigns?campaign=ID (every other parameter is refused). */
export const campaignsQuerySchema = z.object({ campaign: idSchema.optional() }).strict();
export type CampaignsQuery = z.infer<typeof campaignsQuerySchema>;

/** PUT /api/lists/:list/size */
export const listSizeSchema = z
  .object({ size: z.number().int('must be a whole number').min(0).max(MAX_LIST_SIZE) })
  .strict();

export interface CampaignService {
  get(viewer: Viewer, query: CampaignsQuery): Promise<Ack<CampaignsResponse>>;
  /** The figures of a scope, for the alert rules on lines and lists (server/alerts/figureAlerts.ts). */
  figures(scope: CampaignsResponse['scope']): Promise<CampaignsResponse>;
  setListSize(viewer: Viewer, list: string, size: number): Promise<Ack<{ list: string; size: number }>>;
}

/**
 * Campaigns, lists and lines (issue #15): a supervisor sees the floor's calls, a lead the team's
 * (built from the team's reps' calls), a rep or a wallboard nothing (403: a kiosk is on the TV).
 * No answer carries a customer id or a customer's number: the fold never holds the ids, and list
 * reach comes back from Redis as counts only.
 */
export function createCampaignService(deps: {
  floor: Pick<FloorService, 'state'>;
  rules: FoldRules;
  lists: ListStore;
  clock: Clock;
  /** The floor's caller-ID thresholds: the flagged badge and the `caller_id_flagged` alert agree. */
  callerIdThresholds: () => Pick<AlertThresholds, 'callerIdDropPercent' | 'callerIdMinDials'>;
  /** A campaign's targets for today (server/targets), null when none is set. */
  targetOf?: (campaign: string) => CampaignTarget;
}): CampaignService {
  async function figures(team: string | null, campaign: string | null): Promise<CampaignsResponse> {
    const now = deps.clock();
    const floor = deps.floor.state();
    const view = campaignsView({ floor, rules: deps.rules, now, team, campaign, targetOf: deps.targetOf });
    const named = view.lists.map((row) => row.list).filter((list) => list !== OTHER_BUCKET);
    // A list running dry after the business day ends is "not this shift" (a 23/25 h day included).
    const dayEnd = startOfDay(startOfDay(now, deps.rules.dayOf) + 26 * HOUR_MS, deps.rules.dayOf);
    const facts = await deps.lists.facts(named, now, floor.day, dayEnd);
    for (const row of view.lists) {
      const f = facts.get(row.list);
      if (!f) continue;
      Object.assign(row, {
        size: f.size,
        customersReached: f.customersReached,
        customersDialled: f.customersDialled,
        dryAt: f.dryAt,
        campaign: f.campaign ?? row.campaign,
      });
    }
    const thresholds = deps.callerIdThresholds();
    for (const row of view.callerIds) row.flagged = isCallerIdFlagged(row, thresholds);
    view.callerIds.sort((a, b) => Number(b.flagged) - Number(a.flagged));
    return view;
  }

  return {
    async get(viewer, query) {
      if (viewer.kind !== 'user' || viewer.role === 'rep')
        return { ok: false, status: 403, error: 'campaigns are for supervisors and team leads' };
      const team = viewer.role === 'lead' ? viewer.team : null;
      return { ok: true, value: await figures(team, query.campaign ?? null) };
    },
    figures: (scope) => figures(scope.kind === 'team' ? scope.team : null, null),
    async setListSize(viewer, list, size) {
      if (viewer.kind !== 'user' || viewer.role !== 'supervisor')
        return { ok: false, status: 403, error: 'only a supervisor sets a list size' };
      await deps.lists.setSize(list, size);
      return { ok: true, value: { list, size } };
    },
  };
}
