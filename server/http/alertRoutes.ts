import express from 'express';
import type { AlertMonitor } from '../alerts/alertMonitor';
import { viewerOf } from './requireViewer';
import { sendAck } from './validate';

/** Alerts and their thresholds; mounted under /api after authentication. */
export function createAlertRoutes(monitor: AlertMonitor): express.Router {
  const router = express.Router();

  router.get('/alerts', async (req, res) => sendAck(res, await monitor.list(viewerOf(res), req.query.day)));
  router.post('/alerts/:id/ack', async (req, res) =>
    sendAck(res, await monitor.acknowledge(viewerOf(res), req.params.id)),
  );
  router.get('/alert-settings', (_req, res) => sendAck(res, monitor.settings(viewerOf(res))));
  router.put('/alert-settings', async (req, res) =>
    sendAck(res, await monitor.updateSettings(viewerOf(res), req.body)),
  );
  return router;
}
