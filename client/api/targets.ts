import { routes } from '../../shared/contracts/http';
import type { TargetsResponse } from '../../shared/contracts/http';
import type { TargetUpdate } from '../../shared/domain/targetSettings';
import { api } from './http';

export const fetchTargets = () => api.get<TargetsResponse>(routes.targets);

/** Sets (a number) or clears (null) figures at one level and period; answers with the new settings. */
export const updateTargets = (update: TargetUpdate) => api.put<TargetsResponse>(routes.targets, update);
