import { z } from 'zod';
import type { CampaignsResponse } from '../../shared/contracts/campaigns';
import type { Ack } from '../../shared/contracts/socket';
import { campaignsView } from '../../shared/domain/campaignsView';
import type { FoldRules } from '../../shared/domain/callRecord';
import type { Viewer } from '../../shared/domain/viewer';
import { MAX_LIST_SIZE, idSchema } from '../../shared/events/callEvent';
import type { Clock, EpochMs } from '../../shared/time';
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
  /** The end of the local day `now` falls in (a list running dry later is "not this shift"). */
  dayEndOf: (now: EpochMs) => EpochMs;
}): CampaignService {
  return {
    async get(viewer, query) {
      if (viewer.kind !== 'user' || viewer.role === 'rep')
        return { ok: false, status: 403, error: 'campaigns are for supervisors and team leads' };
      const team = viewer.role === 'lead' ? viewer.team : null;
      const now = deps.clock();
      const floor = deps.floor.state();
      const view = campaignsView({ floor, rules: deps.rules, now, team, campaign: query.campaign ?? null });
      const named = view.lists.map((row) => row.list).filter((list) => list !== '*');
      const facts = await deps.lists.facts(named, now, floor.day, deps.dayEndOf(now));
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
      return { ok: true, value: view };
    },
    async setListSize(viewer, list, size) {
      if (viewer.kind !== 'user' || viewer.role !== 'supervisor')
        return { ok: false, status: 403, error: 'only a supervisor sets a list size' };
      await deps.lists.setSize(list, size);
      return { ok: true, value: { list, size } };
    },
  };
}
