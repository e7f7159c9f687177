import express from 'express';
import { z } from 'zod';
import { feedbackRoutes } from '../../shared/contracts/feedback';
import { idSchema } from '../../shared/events/callEvent';
import type { FeedbackService } from '../feedback/feedbackService';
import { viewerOf } from './requireViewer';
import { firstIssue, sendError } from './validate';

const querySchema = z.object({
  team: idSchema.optional(),
  campaign: idSchema.optional(),
  list: idSchema.optional(),
});

/**
 * The market-feedback view: a supervisor sees the floor (or one team), a lead their own team
 * only. Remarks are free text that may hold personal data: never a wallboard's, never a rep's.
 */
export function createFeedbackRoutes(deps: { feedback: Pick<FeedbackService, 'view'> }): express.Router {
  const router = express.Router();
  router.get(feedbackRoutes.feedback.replace(/^\/api/, ''), async (req, res) => {
    const viewer = viewerOf(res);
    if (viewer.kind !== 'user' || viewer.role === 'rep')
      return sendError(res, 403, 'market feedback is for supervisors and team leads');
    const query = querySchema.safeParse(req.query);
    if (!query.success) return sendError(res, 400, firstIssue(query.error));
    const { team, campaign, list } = query.data;
    if (viewer.role === 'lead' && team !== undefined && team !== viewer.team)
      return sendError(res, 403, "a lead sees their own team's feedback only");
    const scopedTeam = viewer.role === 'lead' ? viewer.team : (team ?? null);
    res.json(await deps.feedback.view({ team: scopedTeam, campaign: campaign ?? null, list: list ?? null }));
  });
  return router;
}
