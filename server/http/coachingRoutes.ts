import express from 'express';
import { routes, type NotesResponse } from '../../shared/contracts/http';
import type { CoachingService } from '../coaching/coachingService';
import type { CoachingEffects } from '../coaching/coachingEffects';
import { viewerOf } from './requireViewer';
import { sendAck, sendError } from './validate';

export function createCoachingRoutes(coaching: CoachingService, effects: CoachingEffects): express.Router {
  const router = express.Router();

  // Before `/coaching-notes/:id/...`: "effects" is not a note id.
  router.get(routes.coachingEffects.replace(/^\/api/, ''), async (req, res) =>
    sendAck(res, await effects.effects(viewerOf(res), req.query)),
  );
  router.get('/coaching-notes', async (req, res) => {
    const result =
      req.query.team !== undefined
        ? await coaching.listTeam(viewerOf(res), req.query.team)
        : await coaching.list(viewerOf(res), req.query.rep);
    if (!result.ok) return sendError(res, result.status, result.error);
    res.json({ notes: result.value } satisfies NotesResponse);
  });
  router.post('/coaching-notes', async (req, res) => sendAck(res, await coaching.send(viewerOf(res), req.body), 201));
  router.post('/coaching-notes/:id/ack', async (req, res) =>
    sendAck(res, await coaching.acknowledge(viewerOf(res), req.params.id)),
  );
  return router;
}
