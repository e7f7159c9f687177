import express from 'express';
import type { TeamsResponse } from '../../shared/contracts/http';
import { isSupervisor } from '../../shared/domain/access';
import { teamNameUpdateSchema } from '../../shared/domain/teamNames';
import { idSchema } from '../../shared/events/callEvent';
import type { Bus } from '../bus/busMessage';
import type { Log } from '../log';
import type { TeamNamesRepo } from '../redis/teamNamesRepo';
import { viewerName, viewerOf } from './requireViewer';
import { firstIssue, sendError } from './validate';

/**
 * Team display names. Every signed-in viewer and wallboard reads them all: the floor leaderboards
 * every viewer may read already show every team's id. Only a supervisor names a team.
 */
export function createTeamRoutes(deps: { teamNames: TeamNamesRepo; bus: Bus; log: Log }): express.Router {
  const router = express.Router();
  const log = deps.log.child('teams');

  router.get('/teams', async (_req, res) => {
    const names = await deps.teamNames.all();
    const teams = [...names].map(([id, name]) => ({ id, name })).sort((a, b) => (a.id < b.id ? -1 : 1));
    res.json({ teams } satisfies TeamsResponse);
  });

  router.put('/teams/:team/name', async (req, res) => {
    if (!isSupervisor(viewerOf(res))) return sendError(res, 403, 'only a supervisor names teams');
    const team = idSchema.safeParse(req.params.team);
    if (!team.success) return sendError(res, 400, `team: ${firstIssue(team.error)}`);
    const body = teamNameUpdateSchema.safeParse(req.body);
    if (!body.success) return sendError(res, 400, firstIssue(body.error));
    const { name } = body.data;
    if (name === null) await deps.teamNames.clear(team.data);
    else await deps.teamNames.set(team.data, name);
    log.info(name === null ? 'team name cleared' : 'team named', { team: team.data, by: viewerName(viewerOf(res)) });
    await deps.bus.publish({ type: 'teamNames:changed' });
    res.json({ id: team.data, name: name ?? team.data });
  });
  return router;
}
