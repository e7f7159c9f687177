import express from 'express';
import { z } from 'zod';
import { ingestRoutes, type NewIngestKeyResponse } from '../../shared/contracts/ingest';
import { isSupervisor } from '../../shared/domain/access';
import { firstIssue } from '../../shared/validation';
import type { Clock } from '../../shared/time';
import type { Log } from '../log';
import { IngestKeyError, type IngestKeyRepo } from '../redis/ingestKeyRepo';
import { viewerName, viewerOf } from './requireViewer';
import { sendError } from './validate';

export interface IngestKeyRouteDeps {
  ingestKeys: IngestKeyRepo;
  clock: Clock;
  log: Log;
}

/** Under the /api router, which strips its own prefix. */
const KEYS = ingestRoutes.keys.slice('/api'.length);

const newKeyBody = z.object({ name: z.string() }).strict();

/** The supervisor's ingestion API keys (behind requireViewer): create (secret shown once), list, revoke. */
export function createIngestKeyRoutes(deps: IngestKeyRouteDeps): express.Router {
  const router = express.Router();
  const log = deps.log.child('admin');
  router.use(KEYS, (_req, res, next) => {
    if (isSupervisor(viewerOf(res))) next();
    else sendError(res, 403, 'only a supervisor manages ingestion API keys');
  });

  router.get(KEYS, async (_req, res) => {
    res.json({ keys: await deps.ingestKeys.list() });
  });
  router.post(KEYS, async (req, res) => {
    const parsed = newKeyBody.safeParse(req.body);
    if (!parsed.success) return sendError(res, 400, firstIssue(parsed.error));
    const by = viewerName(viewerOf(res));
    try {
      const { key, secret } = await deps.ingestKeys.create(parsed.data.name, by, deps.clock());
      log.info('ingest key created', { id: key.id, name: key.name, by });
      res.status(201).json({ key, secret } satisfies NewIngestKeyResponse);
    } catch (error) {
      if (error instanceof IngestKeyError) return sendError(res, error.conflict ? 409 : 400, `name: ${error.message}`);
      throw error;
    }
  });
  router.delete(`${KEYS}/:id`, async (req, res) => {
    const key = await deps.ingestKeys.revoke(req.params.id, deps.clock());
    if (!key) return sendError(res, 404, 'no such live API key');
    log.info('ingest key revoked', { id: key.id, name: key.name, by: viewerName(viewerOf(res)) });
    res.status(204).end();
  });
  return router;
}
