import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Bus } from '../../../server/bus/busMessage';
import type { FloorService } from '../../../server/floor/floorService';
import { createTargetRoutes } from '../../../server/http/targetRoutes';
import type { TargetsService } from '../../../server/targets/targetsService';
import type { ResolvedTargetsResponse, TargetsResponse } from '../../../shared/contracts/http';
import { emptyTargetSettings, type TargetUpdate } from '../../../shared/domain/targetSettings';
import type { Viewer } from '../../../shared/domain/viewer';

const VIEWERS: Record<string, Viewer> = {
  sup: { kind: 'user', username: 'sue', role: 'supervisor' },
  lead: { kind: 'user', username: 'lea', role: 'lead', team: 'north' },
  rep: { kind: 'user', username: 'ana', role: 'rep', team: 'north', rep: 'ana' },
  kiosk: { kind: 'kiosk', id: 'k1', name: 'TV' },
};
const TEAMS: Record<string, string> = { ana: 'north', bo: 'north', cy: 'south' };
const asked: unknown[] = [];
const updates: TargetUpdate[] = [];

const targets = {
  settings: () => emptyTargetSettings(),
  today: () => ({
    day: '2026-10-12',
    position: { working: true, holiday: false, monthLeft: 15, weekLeft: 5, weekLeftInMonth: 5 },
  }),
  viewFor: (who: unknown) => {
    asked.push(who);
    return { dials: { source: 'default', level: null, month: null, week: null, day: 1 } };
  },
  update: async (u: TargetUpdate) => (updates.push(u), emptyTargetSettings()),
  missingCalendarYears: () => [2027],
} as unknown as TargetsService;
const floor = { repView: (id: string) => ({ id, team: TEAMS[id] ?? null }) } as unknown as FloorService;
const bus = { publish: async () => {} } as unknown as Bus;

let base = '';
let close: () => void = () => {};
beforeAll(async () => {
  const app = express();
  app.use(express.json());
  app.use((req, res, next) => {
    res.locals.auth = { viewer: VIEWERS[String(req.headers['x-as'])], key: 'k', expiresAt: null };
    next();
  });
  app.use('/api', createTargetRoutes({ targets, floor, defaults: {} as never, bus, calendarSource: 'none' }));
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api`;
  close = () => server.close();
});
afterAll(() => close());

const get = (as: string, query: string) => fetch(`${base}/targets/resolved?${query}`, { headers: { 'x-as': as } });

describe('GET /api/targets/resolved', () => {
  it('answers month / week / day with where today stands, for a rep and for a team’s plan', async () => {
    asked.length = 0;
    const rep = await get('lead', 'rep=bo');
    expect(rep.status).toBe(200);
    expect((await rep.json()) as ResolvedTargetsResponse).toEqual({
      day: '2026-10-12',
      working: true,
      holiday: false,
      workingDaysLeft: { month: 15, week: 5 },
      targets: { dials: { source: 'default', level: null, month: null, week: null, day: 1 } },
    });
    expect((await get('lead', 'team=north')).status).toBe(200);
    expect(asked).toEqual([
      { id: 'bo', team: 'north' },
      { id: null, team: 'north' },
    ]);
  });

  it.each([
    ['sup', 'rep=cy', 200],
    ['sup', 'team=south', 200],
    ['lead', 'rep=cy', 403],
    ['lead', 'team=south', 403],
    ['rep', 'rep=ana', 200],
    ['rep', 'rep=bo', 403],
    ['rep', 'team=north', 403],
    ['kiosk', 'rep=ana', 403],
    ['kiosk', 'team=north', 403],
    ['sup', '', 400],
    ['sup', 'rep=ana&team=north', 400],
    ['sup', 'rep=a%20b', 400],
    ['sup', 'rep=ana&rep=bo', 400],
    ['sup', `team=${'x'.repeat(65)}`, 400],
  ])('as %s, %s: %i', async (as, query, status) => {
    const res = await get(as, query);
    expect(res.status).toBe(status);
    if (status !== 200) expect(await res.json()).toHaveProperty('error');
  });
});

describe('PUT /api/targets', () => {
  it('takes a weekly period', async () => {
    const body = { scope: { kind: 'team', team: 'north' }, period: 'weekly', targets: { dials: 600 } };
    const res = await fetch(`${base}/targets`, {
      method: 'PUT',
      headers: { 'x-as': 'lead', 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect(res.status).toBe(200);
    expect(updates).toEqual([body]);
    expect(((await res.json()) as TargetsResponse).calendar).toEqual({ source: 'none', missingYears: [2027] });
  });
});

describe('GET /api/targets', () => {
  it("says which years that matter today the floor's holiday calendar lacks", async () => {
    const res = await fetch(`${base}/targets`, { headers: { 'x-as': 'sup' } });
    expect(res.status).toBe(200);
    expect(((await res.json()) as TargetsResponse).calendar).toEqual({ source: 'none', missingYears: [2027] });
  });
});
