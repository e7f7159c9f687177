import { campaignsResponseSchema } from '../../shared/contracts/campaigns';
import { routes } from '../../shared/contracts/http';
import { api, queryString } from './http';

/**
 * Today's campaigns, lists and caller IDs of the viewer's scope (a lead: the team's calls only);
 * with `campaign`, the lists and lines of that campaign. The body is checked against the contract.
 */
export const fetchCampaigns = (campaign: string | null = null) =>
  api.get(`${routes.campaigns}${queryString({ campaign })}`, campaignsResponseSchema);
