import express from 'express';
import type { HandoffService } from '../handoffs/handoffService';
import { viewerOf } from './requireViewer';
import { sendAck } from './validate';

/**
 * The handoff ledger: GET /api/handoffs (a rep their own, a lead the team's outgoing and incoming,
 * a supervisor all, ?rep= and ?team= narrow; a wallboard the counts only),
 * POST /api/handoffs/:lead/accept (the receiving team's lead, a supervisor).
 */
export function createHandoffRoutes(handoffs: HandoffService): express.Router {
  const router = express.Router();
  router.get('/handoffs', async (req, res) => sendAck(res, await handoffs.list(viewerOf(res), req.query)));
  router.post('/handoffs/:lead/accept', async (req, res) =>
    sendAck(res, await handoffs.accept(viewerOf(res), req.params.lead)),
  );
  return router;
}
