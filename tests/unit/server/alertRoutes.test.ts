import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlertMonitor } from '../../../server/alerts/alertMonitor';
import { createAlertRoutes } from '../../../server/http/alertRoutes';
import type { Viewer } from '../../../shared/domain/viewer';

const LEAD: Viewer = { kind: 'user', username: 'lea', role: 'lead', team: 'north' };
const calls: unknown[][] = [];

/** Records what the routes hand over; the monitor's own behaviour is tested elsewhere. */
const monitor = {
  list: async (...args: unknown[]) => (calls.push(['list', ...args]), { ok: true, value: { active: [], history: [] } }),
  acknowledge: async (...args: unknown[]) => (calls.push(['ack', ...args]), { ok: false, status: 404, error: 'no' }),
  settings: (...args: unknown[]) => (calls.push(['settings', ...args]), { ok: false, status: 403, error: 'no' }),
  updateSettings: async (...args: unknown[]) => (calls.push(['update', ...args]), { ok: true, value: { x: 1 } }),
} as unknown as AlertMonitor;

let base = '';
let close: () => void = () => {};
beforeAll(async () => {
  const app = express();
  app.use(express.json());
  app.use((_req, res, next) => {
    res.locals.auth = { viewer: LEAD, key: 'k', expiresAt: null };
    next();
  });
  app.use('/api', createAlertRoutes(monitor));
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api`;
  close = () => server.close();
});
afterAll(() => close());

describe('alert routes', () => {
  it('hand the viewer, day, id and body to the monitor and answer with its result', async () => {
    const list = await fetch(`${base}/alerts?day=2026-03-01`);
    expect([list.status, await list.json()]).toEqual([200, { active: [], history: [] }]);
    const ack = await fetch(`${base}/alerts/${encodeURIComponent('idle:ana:17')}/ack`, { method: 'POST' });
    expect([ack.status, await ack.json()]).toEqual([404, { error: 'no' }]);
    expect((await fetch(`${base}/alert-settings`)).status).toBe(403);
    const put = await fetch(`${base}/alert-settings`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ scope: 'floor' }),
    });
    expect([put.status, await put.json()]).toEqual([200, { x: 1 }]);
    expect(calls).toEqual([
      ['list', LEAD, '2026-03-01'],
      ['ack', LEAD, 'idle:ana:17'],
      ['settings', LEAD],
      ['update', LEAD, { scope: 'floor' }],
    ]);
  });
});
