import { routes } from '../../shared/contracts/http';
import type { LeaderboardMetric, LeaderboardPeriod, LeaderboardResponse } from '../../shared/domain/leaderboard';
import { api, queryString } from './http';

export interface BoardQuery {
  metric: LeaderboardMetric;
  period: LeaderboardPeriod;
  /** A team's board, or the floor's (null). */
  team: string | null;
  /** One campaign's calls only (null or absent: every call). */
  campaign?: string | null;
}

/** The request's path: also the key under which the boards store keeps its answer. */
export const leaderboardPath = (q: BoardQuery) =>
  `${routes.leaderboard}${queryString({ metric: q.metric, period: q.period, team: q.team, campaign: q.campaign })}`;

export const fetchLeaderboard = (q: BoardQuery) => api.get<LeaderboardResponse>(leaderboardPath(q));
