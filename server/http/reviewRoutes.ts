import express from 'express';
import { reviewQuerySchema, reviewRoutes, type ReviewScope } from '../../shared/contracts/review';
import type { Viewer } from '../../shared/domain/viewer';
import type { ReviewService } from '../review/reviewService';
import { viewerOf } from './requireViewer';
import { firstIssue, sendError } from './validate';

type Asked = { team?: string; rep?: string };

/**
 * The scope a viewer may review, or why not: a supervisor any; a lead the own team and its reps;
 * a rep the own review only; a wallboard none. A rep's team is checked once it is known.
 */
function scopeFor(viewer: Viewer, asked: Asked): { ok: true; scope: ReviewScope } | { ok: false; error: string } {
  if (viewer.kind === 'kiosk') return { ok: false, error: 'the review is for signed-in people, not wallboards' };
  if (viewer.role === 'rep') {
    if (asked.team !== undefined || (asked.rep !== undefined && asked.rep !== viewer.rep))
      return { ok: false, error: 'a rep sees their own review only' };
    return { ok: true, scope: { kind: 'rep', rep: viewer.rep } };
  }
  if (asked.rep !== undefined) return { ok: true, scope: { kind: 'rep', rep: asked.rep } };
  if (viewer.role === 'lead') {
    if (asked.team !== undefined && asked.team !== viewer.team)
      return { ok: false, error: "a lead sees their own team's review only" };
    return { ok: true, scope: { kind: 'team', team: viewer.team } };
  }
  return { ok: true, scope: asked.team !== undefined ? { kind: 'team', team: asked.team } : { kind: 'floor' } };
}

/** GET /api/review?day=|week=&team=&rep= (mounted under /api after authentication). */
export function createReviewRoutes(deps: { review: ReviewService }): express.Router {
  const router = express.Router();
  router.get(reviewRoutes.review.replace(/^\/api/, ''), async (req, res) => {
    const viewer = viewerOf(res);
    if (viewer.kind === 'kiosk') return sendError(res, 403, 'the review is for signed-in people, not wallboards');
    const query = reviewQuerySchema.safeParse(req.query);
    if (!query.success) return sendError(res, 400, firstIssue(query.error));
    const { day, week, team, rep } = query.data;
    const from = (day ?? week)!;
    if (from > deps.review.today()) return sendError(res, 400, `${day ? 'day' : 'week'}: is in the future`);
    const allowed = scopeFor(viewer, { team, rep });
    if (!allowed.ok) return sendError(res, 403, allowed.error);
    const review = await deps.review.review({ kind: day ? 'day' : 'week', from, scope: allowed.scope });
    if (allowed.scope.kind === 'rep' && viewer.kind === 'user' && viewer.role !== 'rep') {
      const repTeam = deps.review.teamOf(allowed.scope.rep, review);
      if (repTeam === undefined) return sendError(res, 404, `rep: ${allowed.scope.rep} has no figures in this period`);
      if (viewer.role === 'lead' && repTeam !== viewer.team)
        return sendError(res, 403, "a lead sees their own team's reps only");
    }
    res.setHeader('Cache-Control', 'private, no-store');
    res.json(review);
  });
  return router;
}
