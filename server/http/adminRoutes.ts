import express, { type RequestHandler } from 'express';
import { z } from 'zod';
import type { NewKioskResponse } from '../../shared/contracts/http';
import { isSupervisor } from '../../shared/domain/access';
import { newUserSchema, passwordSchema } from '../../shared/domain/viewer';
import { firstIssue } from '../../shared/validation';
import type { Clock } from '../../shared/time';
import { AccountError, type AccountRepo } from '../redis/accountRepo';
import { KioskNameError, type KioskRepo } from '../redis/kioskRepo';
import type { SessionRepo } from '../redis/sessionRepo';
import type { Bus } from '../bus/busMessage';
import { viewerName, viewerOf } from './requireViewer';
import type { Log } from '../log';
import { sendError } from './validate';

export interface AdminRouteDeps {
  accounts: AccountRepo;
  sessions: SessionRepo;
  kiosks: KioskRepo;
  bus: Bus;
  clock: Clock;
  log: Log;
}

const supervisorOnly: RequestHandler = (_req, res, next) => {
  if (isSupervisor(viewerOf(res))) next();
  else sendError(res, 403, 'only a supervisor manages accounts and wallboards');
};

const kioskBody = z.object({ name: z.string() }).strict();
const passwordBody = z.object({ password: passwordSchema }).strict();

/** Accounts and wallboard (kiosk) tokens: the supervisor's screen. */
export function createAdminRoutes(deps: AdminRouteDeps): express.Router {
  const router = express.Router();
  const log = deps.log.child('admin');
  router.use(['/users', '/kiosks'], supervisorOnly);

  router.get('/users', async (_req, res) => {
    res.json({ users: await deps.accounts.list() });
  });
  router.post('/users', async (req, res) => {
    const parsed = newUserSchema.safeParse(req.body);
    if (!parsed.success) return sendError(res, 400, firstIssue(parsed.error));
    try {
      res.status(201).json(await deps.accounts.add(parsed.data, deps.clock()));
    } catch (error) {
      if (error instanceof AccountError) return sendError(res, 409, `username: ${error.message}`);
      throw error;
    }
  });
  router.put('/users/:username/password', async (req, res) => {
    const parsed = passwordBody.safeParse(req.body);
    if (!parsed.success) return sendError(res, 400, firstIssue(parsed.error));
    try {
      await deps.accounts.setPassword(req.params.username, parsed.data.password);
    } catch (error) {
      if (error instanceof AccountError) return sendError(res, 404, 'no such user');
      throw error;
    }
    await endSessionsOf(req.params.username, 'password changed', viewerName(viewerOf(res)));
    res.status(204).end();
  });
  router.delete('/users/:username', async (req, res) => {
    try {
      await deps.accounts.remove(req.params.username);
    } catch (error) {
      if (error instanceof AccountError) return sendError(res, 404, 'no such user');
      throw error;
    }
    await endSessionsOf(req.params.username, 'account removed', viewerName(viewerOf(res)));
    res.status(204).end();
  });

  router.get('/kiosks', async (_req, res) => {
    res.json({ kiosks: await deps.kiosks.list() });
  });
  router.post('/kiosks', async (req, res) => {
    const parsed = kioskBody.safeParse(req.body);
    if (!parsed.success) return sendError(res, 400, firstIssue(parsed.error));
    const viewer = viewerOf(res);
    try {
      const author = viewer.kind === 'user' ? viewer.username : viewer.name;
      const { kiosk, token } = await deps.kiosks.create(parsed.data.name, author, deps.clock());
      const body: NewKioskResponse = { kiosk, token, url: `/wallboard/${token}` };
      res.status(201).json(body);
    } catch (error) {
      if (error instanceof KioskNameError) return sendError(res, 400, `name: ${error.message}`);
      throw error;
    }
  });
  router.delete('/kiosks/:id', async (req, res) => {
    const key = await deps.kiosks.revoke(req.params.id);
    if (!key) return sendError(res, 404, 'no such wallboard');
    log.info('wallboard revoked', { kiosk: req.params.id, by: viewerName(viewerOf(res)) });
    await deps.bus.publish({ type: 'sessions:ended', keys: [key], reason: 'revoked' });
    res.status(204).end();
  });

  async function endSessionsOf(username: string, why: string, by: string): Promise<void> {
    const keys = await deps.sessions.revokeAllFor(username);
    log.info('sessions revoked', { username, sessions: keys.length, why, by });
    if (keys.length > 0) await deps.bus.publish({ type: 'sessions:ended', keys, reason: 'revoked' });
  }
  return router;
}
