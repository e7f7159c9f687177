import express from 'express';
import type { DeadLettersResponse } from '../../shared/contracts/http';
import { isSupervisor } from '../../shared/domain/access';
import type { DeadLetterRepo } from '../redis/deadLetterRepo';
import { viewerOf } from './requireViewer';
import { sendError } from './validate';

/** A response holds at most this many records and about this many bytes of excerpts. */
const MAX_LIMIT = 200;
const MAX_BYTES = 1024 * 1024;

/** The newest dead letters (refused stream entries, as excerpts), for a supervisor's health view. */
export function createDeadLetterRoutes(deps: { deadLetters: DeadLetterRepo }): express.Router {
  const router = express.Router();
  router.get('/dead-letters', async (req, res) => {
    if (!isSupervisor(viewerOf(res))) return sendError(res, 403, 'only a supervisor sees dead letters');
    const limit = Math.min(MAX_LIMIT, Math.max(1, Number(req.query.limit ?? 50) || 50));
    const body: DeadLettersResponse = await deps.deadLetters.newest(limit, MAX_BYTES);
    res.json(body);
  });
  return router;
}
