import express from 'express';
import { leaderboardQuerySchema } from '../../shared/domain/leaderboard';
import type { LeaderboardService } from '../leaderboard/leaderboardService';
import { viewerOf } from './requireViewer';
import { firstIssue, sendAck, sendError } from './validate';

/** GET /leaderboard?metric=&period=&team= (mounted under /api after authentication). */
export function createLeaderboardRoutes(deps: { leaderboard: LeaderboardService }): express.Router {
  const router = express.Router();
  router.get('/leaderboard', async (req, res) => {
    const parsed = leaderboardQuerySchema.safeParse(req.query);
    if (!parsed.success) return sendError(res, 400, firstIssue(parsed.error));
    sendAck(res, await deps.leaderboard.get(viewerOf(res), parsed.data));
  });
  return router;
}
