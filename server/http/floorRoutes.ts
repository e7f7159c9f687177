import express from 'express';
import type { FloorResponse, MeResponse } from '../../shared/contracts/http';
import type { FloorSettings } from '../../shared/contracts/socket';
import { canSeeRep, scopeOf } from '../../shared/domain/access';
import { repPace, shiftFraction, type Shift } from '../../shared/domain/targets';
import type { Viewer } from '../../shared/domain/viewer';
import type { Callback } from '../../shared/domain/repState';
import { idSchema } from '../../shared/events/callEvent';
import type { Clock } from '../../shared/time';
import type { CoachingRepo } from '../redis/coachingRepo';
import type { FloorService } from '../floor/floorService';
import { viewerOf } from './requireViewer';
import { feedRows } from '../realtime/scopeFeeds';
import { sendError } from './validate';
import { campaignRepView } from '../../shared/domain/campaignsView';
import { summarize } from '../../shared/domain/floorView';

export interface FloorRouteDeps {
  floor: FloorService;
  notes: CoachingRepo;
  settings: FloorSettings;
  shift: Shift;
  minuteOfDay: (at: number) => number;
  clock: Clock;
  /** A rep's open call-backs from the ledger, soonest first (they outlive the day's fold). */
  callbacksOf?: (rep: string) => Promise<Callback[]>;
}

/** Which rep /api/me is about: a rep's own, or ?rep= for those who may see that rep. */
function meTarget(viewer: Viewer, query: unknown): { rep: string } | { status: number; error: string } {
  if (query === undefined) {
    if (viewer.kind === 'user' && viewer.role === 'rep') return { rep: viewer.rep };
    return { status: 400, error: 'rep: required unless you are signed in as a rep' };
  }
  const parsed = idSchema.safeParse(query);
  if (!parsed.success) return { status: 400, error: `rep: ${parsed.error.issues[0]?.message ?? 'invalid'}` };
  return { rep: parsed.data };
}

/** `?campaign=ID`: null when absent, the id, or why it is refused. */
export function campaignOf(query: unknown): string | null | { error: string } {
  if (query === undefined) return null;
  const parsed = idSchema.safeParse(query);
  return parsed.success ? parsed.data : { error: `campaign: ${parsed.error.issues[0]?.message ?? 'invalid'}` };
}

export function createFloorRoutes(deps: FloorRouteDeps): express.Router {
  const router = express.Router();

  router.get('/floor', (req, res) => {
    const viewer = viewerOf(res);
    const scope = scopeOf(viewer);
    if (scope.kind === 'rep') return sendError(res, 403, 'reps see their own page: GET /api/me');
    const campaign = campaignOf(req.query.campaign);
    if (campaign !== null && typeof campaign === 'object') return sendError(res, 400, campaign.error);
    let view = deps.floor.view(scope);
    if (campaign !== null) {
      // Every rep's call figures from that campaign's calls only (issue #15); status stays the rep's.
      const state = deps.floor.state();
      const reps = view.reps.map((rep) => campaignRepView(rep, state.reps.get(rep.id), campaign));
      view = { ...view, reps, ...summarize(reps) };
    }
    const body: FloorResponse = {
      ...view,
      // A wallboard gets the rows its floor feed sends (no call-backs, no refusal reasons); people
      // who may open a rep's detail (canSeeRep) keep them.
      reps: viewer.kind === 'kiosk' ? feedRows(scope, view.reps) : view.reps,
      cursor: deps.floor.cursor(),
      serverNow: deps.clock(),
      settings: deps.settings,
    };
    res.json(body);
  });

  router.get('/me', async (req, res) => {
    const viewer = viewerOf(res);
    const target = meTarget(viewer, req.query.rep);
    if ('status' in target) return sendError(res, target.status, target.error);
    const rep = deps.floor.repView(target.rep, viewer.kind === 'user' && viewer.role === 'rep' ? viewer.team : null);
    if (!canSeeRep(viewer, rep)) return sendError(res, 403, 'you may not see this rep');
    const now = deps.clock();
    const fraction = shiftFraction(deps.shift, deps.minuteOfDay(now) + (now % 60_000) / 60_000);
    const body: MeResponse = {
      rep,
      pace: repPace(rep, fraction),
      rank: deps.floor.ranks().get(rep.id) ?? { floor: 0, floorSize: 0, team: null, teamSize: null },
      notes: await deps.notes.listForRep(rep.id),
      // Soonest first, unknown times last: the ledger's open ones (the day's own without a ledger).
      callbacksDue: deps.callbacksOf ? await deps.callbacksOf(rep.id) : [...rep.callbacks],
      settings: deps.settings,
      serverNow: now,
    };
    res.json(body);
  });

  return router;
}
