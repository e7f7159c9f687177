import { routes } from '../../shared/contracts/http';
import type { ResolvedTargetsResponse, TargetsResponse } from '../../shared/contracts/http';
import type { TargetUpdate } from '../../shared/domain/targetSettings';
import { api, queryString } from './http';

export const fetchTargets = () => api.get<TargetsResponse>(routes.targets);

/** Sets (a number) or clears (null) figures at one level and period; answers with the new settings. */
export const updateTargets = (update: TargetUpdate) => api.put<TargetsResponse>(routes.targets, update);

/** Month / week / day per metric for a rep, or a team's plan (a rep of it with nothing of their own). */
export const fetchResolvedTargets = (who: { rep: string } | { team: string }) =>
  api.get<ResolvedTargetsResponse>(`${routes.resolvedTargets}${queryString(who)}`);
