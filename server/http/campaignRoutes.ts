import express from 'express';
import { idSchema } from '../../shared/events/callEvent';
import { campaignsQuerySchema, listSizeSchema, type CampaignService } from '../campaigns/campaignService';
import { viewerOf } from './requireViewer';
import { firstIssue, sendAck, sendError } from './validate';

/** GET /campaigns[?campaign=ID] and PUT /lists/:list/size (mounted under /api after authentication). */
export function createCampaignRoutes(deps: { campaigns: CampaignService }): express.Router {
  const router = express.Router();
  router.get('/campaigns', async (req, res) => {
    const parsed = campaignsQuerySchema.safeParse(req.query);
    if (!parsed.success) return sendError(res, 400, firstIssue(parsed.error));
    sendAck(res, await deps.campaigns.get(viewerOf(res), parsed.data));
  });
  router.put('/lists/:list/size', async (req, res) => {
    const list = idSchema.safeParse(req.params.list);
    if (!list.success) return sendError(res, 400, `list: ${list.error.issues[0]?.message ?? 'invalid'}`);
    const body = listSizeSchema.safeParse(req.body);
    if (!body.success) return sendError(res, 400, firstIssue(body.error));
    sendAck(res, await deps.campaigns.setListSize(viewerOf(res), list.data, body.data.size));
  });
  return router;
}
