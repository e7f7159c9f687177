import express from 'express';
import { sourcesResponseSchema, type SourcesResponse } from '../../shared/contracts/http';
import { isSupervisor } from '../../shared/domain/access';
import type { SourceList } from '../sources/sourceList';
import { viewerOf } from './requireViewer';
import { sendError } from './validate';

/** GET /api/sources: each source of call events and its health, for a supervisor's stream health view. */
export function createSourceRoutes(deps: { sources: SourceList; silentMs: number; clock: () => number }) {
  const router = express.Router();
  router.get('/sources', async (_req, res) => {
    if (!isSupervisor(viewerOf(res))) return sendError(res, 403, 'only a supervisor sees the sources');
    const body: SourcesResponse = sourcesResponseSchema.parse({
      sources: await deps.sources.all(),
      silentMinutes: deps.silentMs / 60_000,
      now: deps.clock(),
    });
    res.json(body);
  });
  return router;
}
