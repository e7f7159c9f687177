import express from 'express';
import type { ResolvedTargetsResponse, TargetsResponse } from '../../shared/contracts/http';
import { idSchema } from '../../shared/events/callEvent';
import { canSeeRep, canSetTargets, scopeOf } from '../../shared/domain/access';
import { targetUpdateSchema, type TargetSettings } from '../../shared/domain/targetSettings';
import type { DailyTargets } from '../../shared/domain/targets';
import type { Viewer } from '../../shared/domain/viewer';
import type { Bus } from '../bus/busMessage';
import type { FloorService } from '../floor/floorService';
import type { TargetsService } from '../targets/targetsService';
import { viewerOf } from './requireViewer';
import { firstIssue, sendError } from './validate';
import { namedRecord } from '../../shared/records';

/**
 * What of the target settings a viewer may read: a lead their team's layers and the campaigns'
 * (the Campaigns screen shows them), a rep nothing else.
 */
function visibleSettings(viewer: Viewer, settings: TargetSettings, floor: FloorService): TargetSettings | null {
  if (viewer.kind === 'kiosk') return null;
  if (viewer.role === 'supervisor') return settings;
  const team = viewer.team;
  const reps = namedRecord(
    Object.entries(settings.reps).filter(([rep]) =>
      viewer.role === 'rep' ? rep === viewer.rep : floor.repView(rep).team === team,
    ),
  );
  const own = team ? settings.teams[team] : undefined;
  const campaigns = viewer.role === 'lead' ? settings.campaigns : namedRecord<TargetSettings['campaigns'][string]>();
  return { floor: settings.floor, teams: namedRecord(team && own ? [[team, own]] : []), reps, campaigns };
}

export function createTargetRoutes(deps: {
  targets: TargetsService;
  floor: FloorService;
  defaults: DailyTargets;
  bus: Bus;
  /** FLOORBOARD_CALENDAR ('none', 'cn' or a file's path: the path is not shown). */
  calendarSource: string;
}): express.Router {
  const router = express.Router();
  const calendar = (): TargetsResponse['calendar'] => ({
    source: deps.calendarSource === 'none' || deps.calendarSource === 'cn' ? deps.calendarSource : 'file',
    missingYears: deps.targets.missingCalendarYears(),
  });

  router.get('/targets', (_req, res) => {
    const settings = visibleSettings(viewerOf(res), deps.targets.settings(), deps.floor);
    if (!settings) return sendError(res, 403, 'wallboards do not read targets');
    res.json({ defaults: deps.defaults, settings, calendar: calendar() } satisfies TargetsResponse);
  });

  router.get('/targets/resolved', (req, res) => {
    const viewer = viewerOf(res);
    const { rep, team } = req.query;
    let who: { id: string | null; team: string | null };
    if (typeof rep === 'string' && team === undefined && idSchema.safeParse(rep).success) {
      who = { id: rep, team: deps.floor.repView(rep).team };
      if (!canSeeRep(viewer, { id: rep, team: who.team })) return sendError(res, 403, 'you may not see these targets');
    } else if (typeof team === 'string' && rep === undefined && idSchema.safeParse(team).success) {
      who = { id: null, team };
      const scope = scopeOf(viewer);
      const allowed =
        viewer.kind === 'user' && (scope.kind === 'floor' || (scope.kind === 'team' && scope.team === team));
      if (!allowed) return sendError(res, 403, 'you may not see these targets');
    } else return sendError(res, 400, 'give one rep=ID or team=ID');
    const { day, position } = deps.targets.today();
    res.json({
      day,
      working: position.working,
      holiday: position.holiday,
      workingDaysLeft: { month: position.monthLeft, week: position.weekLeft },
      targets: deps.targets.viewFor(who),
    } satisfies ResolvedTargetsResponse);
  });

  router.put('/targets', async (req, res) => {
    const parsed = targetUpdateSchema.safeParse(req.body);
    if (!parsed.success) return sendError(res, 400, firstIssue(parsed.error));
    const { scope } = parsed.data;
    // A campaign runs across the floor: its targets are the supervisor's, like the floor's.
    const target =
      scope.kind === 'rep'
        ? { kind: 'rep' as const, team: deps.floor.repView(scope.rep).team }
        : scope.kind === 'campaign'
          ? { kind: 'floor' as const }
          : scope;
    if (!canSetTargets(viewerOf(res), target)) return sendError(res, 403, 'you may not set these targets');
    const settings = await deps.targets.update(parsed.data);
    await deps.bus.publish({ type: 'targets:changed' });
    res.json({
      defaults: deps.defaults,
      settings: visibleSettings(viewerOf(res), settings, deps.floor)!,
      calendar: calendar(),
    } satisfies TargetsResponse);
  });
  return router;
}
