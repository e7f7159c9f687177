import express from 'express';
import { trendQuerySchema } from '../../shared/domain/trends';
import type { TrendService } from '../trends/trendService';
import { viewerOf } from './requireViewer';
import { firstIssue, sendAck, sendError } from './validate';

/** GET /trends?team= (mounted under /api after authentication). */
export function createTrendRoutes(deps: { trends: TrendService }): express.Router {
  const router = express.Router();
  router.get('/trends', async (req, res) => {
    const parsed = trendQuerySchema.safeParse(req.query);
    if (!parsed.success) return sendError(res, 400, firstIssue(parsed.error));
    sendAck(res, await deps.trends.get(viewerOf(res), parsed.data));
  });
  return router;
}
