import express from 'express';
import { routes } from '../../shared/contracts/http';
import { isSupervisor } from '../../shared/domain/access';
import type { ChatService } from '../webhooks/chatService';
import { viewerName, viewerOf } from './requireViewer';
import { sendAck, sendError } from './validate';
import type { Log } from '../log';

/** Under the /api router, which strips its own prefix. */
const BASE = routes.webhooks.slice('/api'.length);

/** Chat apps (issue #17): the supervisor's targets, alert rules, deliveries; secrets are write-only. */
export function createWebhookRoutes(deps: { chat: ChatService; log: Log }): express.Router {
  const router = express.Router();
  const log = deps.log.child('chat-apps');
  router.use(BASE, (_req, res, next) => {
    if (isSupervisor(viewerOf(res))) next();
    else sendError(res, 403, 'only a supervisor manages chat apps');
  });
  const by = (res: express.Response) => viewerName(viewerOf(res));

  router.get(BASE, async (_req, res) => {
    res.json(await deps.chat.view());
  });
  router.post(BASE, async (req, res) => {
    const result = await deps.chat.addTarget(req.body);
    if (result.ok) log.info('chat target added', { id: result.value.id, vendor: result.value.vendor, by: by(res) });
    sendAck(res, result, 201);
  });
  router.post(`${BASE}/rules`, async (req, res) => {
    const result = await deps.chat.addRule(req.body);
    if (result.ok) log.info('chat alert rule added', { id: result.value.id, by: by(res) });
    sendAck(res, result, 201);
  });
  router.delete(`${BASE}/rules/:id`, async (req, res) => {
    const result = await deps.chat.removeRule(req.params.id);
    if (!result.ok) return sendAck(res, result);
    res.status(204).end();
  });
  router.put(`${BASE}/:id`, async (req, res) => {
    const result = await deps.chat.updateTarget(req.params.id, req.body);
    if (result.ok) log.info('chat target changed', { id: req.params.id, by: by(res) });
    sendAck(res, result);
  });
  router.delete(`${BASE}/:id`, async (req, res) => {
    const result = await deps.chat.removeTarget(req.params.id);
    if (!result.ok) return sendAck(res, result);
    log.info('chat target removed', { id: req.params.id, by: by(res) });
    res.status(204).end();
  });
  router.post(`${BASE}/:id/test`, async (req, res) =>
    sendAck(res, await deps.chat.sendNow(req.params.id, 'test'), 202),
  );
  router.post(`${BASE}/:id/summary`, async (req, res) =>
    sendAck(res, await deps.chat.sendNow(req.params.id, 'summary'), 202),
  );
  return router;
}
