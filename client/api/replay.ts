import { routes } from '../../shared/contracts/http';
import {
  replayDaysPath,
  replayDaysResponseSchema,
  type ReplayDaysResponse,
  type ReplayResponse,
} from '../../shared/contracts/replay';
import type { EpochMs } from '../../shared/time';
import { api, queryString } from './http';

/** The business days the stream still holds (floor replay, issue #17). */
export const fetchReplayDays = () => api.get<ReplayDaysResponse>(replayDaysPath, replayDaysResponseSchema);

/** The wallboard as it was at `at` (a team's, or what the viewer may see). */
export const fetchReplay = (at: EpochMs, team: string | null = null) =>
  api.get<ReplayResponse>(`${routes.replay}${queryString({ at: String(at), team })}`);
