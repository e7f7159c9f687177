import express from 'express';
import { historyQuerySchema } from '../../shared/domain/history';
import type { HistoryService } from '../history/historyService';
import { viewerOf } from './requireViewer';
import { firstIssue, sendAck, sendError } from './validate';

/** GET /history?rep=|team=&days= (mounted under /api after authentication). */
export function createHistoryRoutes(deps: { history: HistoryService }): express.Router {
  const router = express.Router();
  router.get('/history', async (req, res) => {
    const parsed = historyQuerySchema.safeParse(req.query);
    if (!parsed.success) return sendError(res, 400, firstIssue(parsed.error));
    sendAck(res, await deps.history.get(viewerOf(res), parsed.data));
  });
  return router;
}
