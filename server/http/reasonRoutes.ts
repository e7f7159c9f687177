import express from 'express';
import { feedbackRoutes } from '../../shared/contracts/feedback';
import { isSupervisor } from '../../shared/domain/access';
import { catalogueUpdateSchema } from '../../shared/domain/reasonCatalogue';
import type { Bus } from '../bus/busMessage';
import type { FeedbackService } from '../feedback/feedbackService';
import type { Log } from '../log';
import type { ReasonCatalogueRepo } from '../redis/reasonCatalogueRepo';
import { viewerName, viewerOf } from './requireViewer';
import { firstIssue, sendError } from './validate';

const path = (route: string) => route.replace(/^\/api/, '');

/**
 * The reason and feedback-tag catalogue. Everyone signed in (and wallboards) reads it: screens
 * show reasons in its words. Only a supervisor changes it, naming the version they edited; a
 * stale version gets 409 with the current one, nothing written (last write wins only when it saw
 * the one before it).
 */
export function createReasonRoutes(deps: {
  catalogue: ReasonCatalogueRepo;
  feedback: Pick<FeedbackService, 'unknownCodes'>;
  bus: Bus;
  log: Log;
}): express.Router {
  const router = express.Router();
  const log = deps.log.child('reasons');

  router.get(path(feedbackRoutes.reasons), async (_req, res) => {
    res.json(await deps.catalogue.get());
  });

  router.put(path(feedbackRoutes.reasons), async (req, res) => {
    if (!isSupervisor(viewerOf(res))) return sendError(res, 403, 'only a supervisor edits the reason catalogue');
    const body = catalogueUpdateSchema.safeParse(req.body);
    if (!body.success) return sendError(res, 400, firstIssue(body.error));
    const { version, entries, aliases } = body.data;
    const written = await deps.catalogue.put(version, { entries, aliases });
    if (!written.ok) {
      res.status(409).json({
        error: `the catalogue changed meanwhile (version ${written.version}, you edited ${version}): reload and apply your change again`,
        version: written.version,
      });
      return;
    }
    log.info('reason catalogue changed', {
      version: written.catalogue.version,
      entries: entries.length,
      aliases: aliases.length,
      by: viewerName(viewerOf(res)),
    });
    await deps.bus.publish({ type: 'reasons:changed' });
    res.json(written.catalogue);
  });

  router.get(path(feedbackRoutes.unknownCodes), async (_req, res) => {
    if (!isSupervisor(viewerOf(res))) return sendError(res, 403, 'only a supervisor maps unknown codes');
    res.json(await deps.feedback.unknownCodes());
  });
  return router;
}
