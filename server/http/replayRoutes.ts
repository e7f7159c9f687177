import express from 'express';
import { replayQuerySchema } from '../../shared/contracts/replay';
import type { ReplayResult, ReplayService } from '../replay/replayService';
import { viewerOf } from './requireViewer';
import { firstIssue, sendError } from './validate';

function send<T>(res: express.Response, result: ReplayResult<T>): void {
  if (result.ok) res.json(result.value);
  else sendError(res, result.status, result.error);
}

/** GET /replay?at=&team= and GET /replay/days (mounted under /api after authentication); read-only. */
export function createReplayRoutes(replay: ReplayService): express.Router {
  const router = express.Router();
  router.get('/replay/days', async (_req, res) => send(res, await replay.days(viewerOf(res))));
  router.get('/replay', async (req, res) => {
    const parsed = replayQuerySchema.safeParse(req.query);
    if (!parsed.success) return sendError(res, 400, firstIssue(parsed.error));
    send(res, await replay.at(viewerOf(res), parsed.data));
  });
  return router;
}
