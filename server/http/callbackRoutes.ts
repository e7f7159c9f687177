import express from 'express';
import type { CallbackService } from '../callbacks/callbackService';
import { viewerOf } from './requireViewer';
import { sendAck } from './validate';

/**
 * The call-back ledger: GET /api/callbacks (a rep their own, a lead the team's, a supervisor all;
 * ?rep= and ?team= narrow), GET /api/callbacks/overdue (counts per team, wallboards included),
 * POST /api/callbacks/:call/done | /cancel, POST /api/callbacks/:call/reassign { rep }.
 */
export function createCallbackRoutes(callbacks: CallbackService): express.Router {
  const router = express.Router();
  router.get('/callbacks', async (req, res) => sendAck(res, await callbacks.list(viewerOf(res), req.query)));
  router.get('/callbacks/overdue', (_req, res) => sendAck(res, callbacks.overdueCounts(viewerOf(res))));
  router.post('/callbacks/:call/done', async (req, res) =>
    sendAck(res, await callbacks.act(viewerOf(res), req.params.call, 'done')),
  );
  router.post('/callbacks/:call/cancel', async (req, res) =>
    sendAck(res, await callbacks.act(viewerOf(res), req.params.call, 'cancel')),
  );
  router.post('/callbacks/:call/reassign', async (req, res) =>
    sendAck(res, await callbacks.reassign(viewerOf(res), req.params.call, req.body)),
  );
  return router;
}
