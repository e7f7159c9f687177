import { routes } from '../../shared/contracts/http';
import type { TrendsResponse } from '../../shared/domain/trends';
import { api, queryString } from './http';

/** The request's path (a team's trends, or the floor's): also the boards store's key. */
export const trendsPath = (team: string | null) => `${routes.trends}${queryString({ team })}`;

export const fetchTrends = (team: string | null) => api.get<TrendsResponse>(trendsPath(team));
