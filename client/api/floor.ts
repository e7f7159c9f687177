import { routes } from '../../shared/contracts/http';
import type { FloorResponse, MeResponse } from '../../shared/contracts/http';
import { api, queryString } from './http';

/** The signed-in rep's page: counters, pace, rank, notes and call-backs (until the rep feed takes over). */
export const fetchMyProgress = () => api.get<MeResponse>(routes.me);

/** The floor (a lead: the team) with every figure counted from one campaign's calls only. */
export const fetchCampaignFloor = (campaign: string) =>
  api.get<FloorResponse>(`${routes.floor}${queryString({ campaign })}`);
