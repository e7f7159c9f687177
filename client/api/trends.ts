import { routes } from '../../shared/contracts/http';
import type { TrendsResponse } from '../../shared/domain/trends';
import { api, queryString } from './http';

/** The request's path (a team's trends, or the floor's; one campaign's calls only): also the boards store's key. */
export const trendsPath = (team: string | null, campaign: string | null = null) =>
  `${routes.trends}${queryString({ team, campaign })}`;

export const fetchTrends = (team: string | null, campaign: string | null = null) =>
  api.get<TrendsResponse>(trendsPath(team, campaign));
