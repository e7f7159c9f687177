import { beforeEach, describe, expect, it } from 'vitest';
import { createAlertMonitor, type AlertMonitor } from '../../../server/alerts/alertMonitor';
import type { AlertRepo } from '../../../server/redis/alertRepo';
import type { BusMessage } from '../../../server/bus/busMessage';
import type { RosterEntry } from '../../../shared/domain/alerts';
import {
  DEFAULT_ALERT_THRESHOLDS,
  type Alert,
  type AlertSettings,
  type GoodNews,
} from '../../../shared/domain/alertTypes';
import { summarize, type RepView } from '../../../shared/domain/floorView';
import type { FloorState } from '../../../shared/domain/repState';
import type { Viewer } from '../../../shared/domain/viewer';
import { createLocalTime, MINUTE_MS } from '../../../shared/time';

const localAt = (hh: number, mm: number, ms = 0) => Date.UTC(2026, 2, 2, hh - 8, mm) + ms; // Shanghai
const T10 = localAt(10, 0);
const DAY = '2026-03-02';

const SUPERVISOR: Viewer = { kind: 'user', username: 'sam', role: 'supervisor' };
const NORTH_LEAD: Viewer = { kind: 'user', username: 'lea', role: 'lead', team: 'north' };
const SOUTH_LEAD: Viewer = { kind: 'user', username: 'sol', role: 'lead', team: 'south' };
const ANA: Viewer = { kind: 'user', username: 'ana', role: 'rep', rep: 'ana', team: 'north' };
const KIOSK: Viewer = { kind: 'kiosk', id: 'k1', name: 'Wallboard' };

function rep(id: string, fields: Partial<RepView> = {}): RepView {
  return {
    ...{ id, name: id, team: 'north', status: 'dialing', pauseReason: null, statusSince: T10 },
    ...{ currentCall: null, callAnsweredAt: null, dials: 180, connects: 0, effectiveCalls: 0, talkSeconds: 0 },
    ...{ wrapupSeconds: 0, pauseSeconds: 0, loggedInSeconds: 600, leads: 0, deals: 0, revenue: 0, refusals: [] },
    ...{ callbacks: [], callbackCount: 0, missingDetails: 0, handoffsWon: 0, handoffRevenue: 0 },
    targets: { dials: 180, effectiveCalls: 30, talkMinutes: 150, leads: 6, deals: 2, revenue: 5000 },
    version: 1,
    ...fields,
  };
}

/** Alerts in memory with the Redis repo's rules: first raise wins, ack and clear are set once. */
function fakeRepo(): AlertRepo & { days: Map<string, Map<string, Alert>> } {
  const days = new Map<string, Map<string, Alert>>();
  const of = (day: string) => days.get(day) ?? days.set(day, new Map()).get(day)!;
  let saved: AlertSettings = { floor: DEFAULT_ALERT_THRESHOLDS, teams: {} };
  return {
    days,
    load: async (day) => [...of(day).values()],
    get: async (day, id) => of(day).get(id) ?? null,
    async raise(day, alert) {
      return of(day).get(alert.id) ?? of(day).set(alert.id, alert).get(alert.id)!;
    },
    async update(day, alert) {
      const old = of(day).get(alert.id);
      const { raisedAt, ackBy, ackAt, clearedAt } = old ?? alert;
      const merged = { ...alert, raisedAt, ackBy: ackBy ?? alert.ackBy, ackAt: ackAt ?? alert.ackAt };
      return of(day)
        .set(alert.id, { ...merged, clearedAt: clearedAt ?? alert.clearedAt })
        .get(alert.id)!;
    },
    loadSettings: async () => structuredClone(saved),
    async saveSettings(update) {
      saved = structuredClone(saved);
      if (update.scope === 'floor') saved.floor = { ...saved.floor, ...update.thresholds } as typeof saved.floor;
      else if (update.scope === 'team') saved.teams[update.team] = update.thresholds;
      return structuredClone(saved);
    },
  };
}

function world(repo = fakeRepo()) {
  const [raised, updated, news, published] = [[] as Alert[], [] as Alert[], [] as GoodNews[], [] as BusMessage[]];
  const views = new Map<string, RepView>();
  const w = { now: T10, views, roster: [] as RosterEntry[], raised, updated, news, published, repo };
  const monitor: AlertMonitor = createAlertMonitor({
    floor: {
      state: () => ({ day: DAY, lastId: null, applied: 0, reps: views }) as unknown as FloorState,
      repViews: (ids) => ids.flatMap((id) => views.get(id) ?? []),
      totals: () => summarize([...views.values()]).totals,
    },
    repo,
    clock: () => w.now,
    localTime: createLocalTime('Asia/Shanghai'),
    shift: { startMinute: 9 * 60, endMinute: 18 * 60 },
    roster: () => w.roster,
    emit: { raised: (a) => raised.push(a), updated: (a) => updated.push(a), goodNews: (n) => news.push(n) },
    // Like the Redis bus, every message comes back to the instance that sent it.
    bus: {
      async publish(message) {
        published.push(message);
        await monitor.onBus(message);
      },
    },
  });
  return Object.assign(w, { monitor, set: (view: RepView): void => void views.set(view.id, view) });
}
type World = ReturnType<typeof world>;

async function live(w: World): Promise<World> {
  await w.monitor.start();
  w.monitor.goLive();
  return w;
}

describe('the alert monitor', () => {
  let w: World;
  beforeEach(async () => {
    w = await live(world());
    w.set(rep('ana', { status: 'on_call', callAnsweredAt: T10 }));
    w.set(rep('sol', { team: 'south', status: 'wrapup' }));
  });

  it('raises once while the condition holds', async () => {
    w.now = T10 + 20 * MINUTE_MS - 1;
    await w.monitor.evaluate();
    expect(w.raised.map((a) => a.id)).toEqual([`long_wrapup:sol:${T10}`]);
    w.now = T10 + 20 * MINUTE_MS;
    for (let i = 0; i < 10; i++, w.now += 1000) await w.monitor.evaluate();
    expect(w.raised.map((a) => a.id)).toEqual([`long_wrapup:sol:${T10}`, `long_call:ana:${T10}`]);
    expect(w.raised[1]).toMatchObject({ raisedAt: T10 + 20 * MINUTE_MS, clearedAt: null, ackBy: null });
    expect(w.updated).toEqual([]);
    expect([...w.repo.days.get(DAY)!.keys()]).toHaveLength(2);
  });

  it('coalesces overlapping evaluations into one raise', async () => {
    w.now = T10 + 30 * MINUTE_MS;
    await Promise.all([w.monitor.evaluate(), w.monitor.evaluate(), w.monitor.evaluate()]);
    expect(w.raised).toHaveLength(2);
  });

  it('clears an alert when its condition ends and keeps it in the day history', async () => {
    w.now = T10 + 25 * MINUTE_MS;
    await w.monitor.evaluate();
    w.now += 1000;
    w.set(rep('ana', { status: 'wrapup', statusSince: w.now }));
    await w.monitor.evaluate();
    expect(w.updated).toEqual([expect.objectContaining({ id: `long_call:ana:${T10}`, clearedAt: w.now })]);
    await w.monitor.evaluate();
    expect(w.updated).toHaveLength(1);
    const list = await w.monitor.list(SUPERVISOR);
    expect(list.ok && list.value.active.map((a) => a.id)).toEqual([`long_wrapup:sol:${T10}`]);
    expect(list.ok && list.value.history.map((a) => [a.id, a.clearedAt])).toEqual([[`long_call:ana:${T10}`, w.now]]);
  });

  it('raises a day rule that holds again as a new occurrence', async () => {
    w.roster = [{ rep: 'zoe', team: 'north' }];
    w.now = localAt(9, 15);
    await w.monitor.evaluate();
    w.set(rep('zoe', { status: 'dialing' }));
    await w.monitor.evaluate();
    w.set(rep('zoe', { status: 'offline', loggedInSeconds: 0 }));
    await w.monitor.evaluate();
    expect(w.raised.map((a) => a.id)).toEqual([`not_logged_in:zoe:${DAY}`, `not_logged_in:zoe:${DAY}#2`]);
    expect(w.updated.map((a) => a.id)).toEqual([`not_logged_in:zoe:${DAY}`]);
    for (const status of ['dialing', 'offline', 'dialing', 'offline'] as const) {
      w.set(rep('zoe', { status, loggedInSeconds: 0 }));
      for (let i = 0; i < 2; i++) await w.monitor.evaluate();
    }
    expect(w.raised.map((a) => a.id.split(':')[2])).toEqual([DAY, `${DAY}#2`, `${DAY}#3`, `${DAY}#4`]);
    // A new instance reading the same history lands on the same open occurrence.
    const again = Object.assign(world(w.repo), { roster: w.roster, now: w.now });
    again.set(rep('zoe', { status: 'offline', loggedInSeconds: 0 }));
    await (await live(again)).monitor.evaluate();
    expect(again.raised).toEqual([]);
  });

  it('evaluates after a live batch only the reps it changed; the tick sees the rest', async () => {
    const totals = summarize([...w.views.values()]).totals;
    w.now = T10 + 30 * MINUTE_MS;
    await w.monitor.afterBatch(['ana'], new Map(), totals);
    expect(w.raised.map((a) => a.id)).toEqual([`long_call:ana:${T10}`]);
    await w.monitor.evaluate();
    expect(w.raised.map((a) => a.id)).toEqual([`long_call:ana:${T10}`, `long_wrapup:sol:${T10}`]);
    w.now += 1000;
    w.set(rep('ana', { status: 'wrapup', statusSince: w.now }));
    await w.monitor.afterBatch(['ana'], new Map(), totals);
    expect(w.updated.map((a) => [a.id, a.clearedAt])).toEqual([[`long_call:ana:${T10}`, w.now]]);
    const list = await w.monitor.list(SUPERVISOR);
    expect(list.ok && list.value.active.map((a) => a.id)).toEqual([`long_wrapup:sol:${T10}`]);
  });

  it('turns a long pause critical in place', async () => {
    w.set(rep('ana', { status: 'paused', pauseReason: 'break' }));
    w.now = T10 + 15 * MINUTE_MS;
    await w.monitor.evaluate();
    w.now = T10 + 30 * MINUTE_MS;
    await w.monitor.evaluate();
    await w.monitor.evaluate();
    const id = `long_pause:ana:${T10}`;
    expect(w.raised.filter((a) => a.id === id).map((a) => a.severity)).toEqual(['warning']);
    expect(w.updated.map((a) => [a.id, a.severity])).toEqual([[id, 'critical']]);
  });

  it('does nothing before it goes live, and a new instance on the same store raises nothing twice', async () => {
    const cold = world(w.repo);
    await cold.monitor.start();
    cold.set(rep('ana', { status: 'on_call', callAnsweredAt: T10 }));
    cold.now = T10 + 40 * MINUTE_MS;
    await cold.monitor.evaluate();
    expect(cold.raised).toEqual([]);
    cold.monitor.goLive();
    await cold.monitor.evaluate();
    expect(cold.raised).toHaveLength(1);
    const again = world(w.repo);
    again.set(rep('ana', { status: 'on_call', callAnsweredAt: T10 }));
    again.now = cold.now + 1000;
    await live(again);
    await again.monitor.evaluate();
    expect(again.raised).toEqual([]);
  });

  it('closes open alerts at midnight into the day they belong to', async () => {
    w.now = T10 + 30 * MINUTE_MS;
    await w.monitor.evaluate();
    w.now = localAt(24, 0, 1);
    w.views.clear();
    await w.monitor.evaluate();
    expect([...w.repo.days.get(DAY)!.values()].every((a) => a.clearedAt === w.now)).toBe(true);
    expect(w.updated).toHaveLength(2);
    const list = await w.monitor.list(SUPERVISOR);
    expect(list.ok && list.value).toEqual({ active: [], history: [] });
  });
});

describe('acknowledging an alert', () => {
  let w: World;
  const id = `long_call:ana:${T10}`;
  beforeEach(async () => {
    w = await live(world());
    w.set(rep('ana', { status: 'on_call', callAnsweredAt: T10 }));
    w.now = T10 + 21 * MINUTE_MS;
    await w.monitor.evaluate();
  });

  it('takes a supervisor or the lead of the team, and is for nobody else', async () => {
    expect(await w.monitor.acknowledge(SOUTH_LEAD, id)).toMatchObject({ ok: false, status: 403 });
    expect(await w.monitor.acknowledge(ANA, id)).toMatchObject({ ok: false, status: 403 });
    expect(await w.monitor.acknowledge(KIOSK, id)).toMatchObject({ ok: false, status: 403 });
    expect(await w.monitor.acknowledge(SUPERVISOR, 'long_call:nobody:1')).toMatchObject({ ok: false, status: 404 });
    expect(await w.monitor.acknowledge(SUPERVISOR, 42)).toMatchObject({ ok: false, status: 400 });
    expect(w.repo.days.get(DAY)!.get(id)?.ackBy).toBeNull();
    const acked = await w.monitor.acknowledge(NORTH_LEAD, id);
    expect(acked).toEqual({ ok: true, value: expect.objectContaining({ id, ackBy: 'lea', ackAt: w.now }) });
    expect(w.repo.days.get(DAY)!.get(id)).toMatchObject({ ackBy: 'lea', ackAt: w.now });
  });

  it('names the first person, once, and tells every instance through the bus', async () => {
    await w.monitor.acknowledge(SUPERVISOR, id);
    w.now += 5000;
    const second = await w.monitor.acknowledge(NORTH_LEAD, id);
    expect(second).toMatchObject({ ok: true, value: { ackBy: 'sam', ackAt: w.now - 5000 } });
    expect(w.published).toEqual([{ type: 'alert:acked', alert: expect.objectContaining({ id, ackBy: 'sam' }) }]);
    expect(w.updated).toEqual([expect.objectContaining({ id, ackBy: 'sam' })]);
  });

  it("applies another instance's acknowledgement", async () => {
    const other = world(w.repo);
    other.set(rep('ana', { status: 'on_call', callAnsweredAt: T10 }));
    other.now = w.now;
    await live(other);
    const acked = await other.monitor.acknowledge(SUPERVISOR, id);
    await w.monitor.onBus(other.published[0]!);
    expect(w.updated).toEqual([expect.objectContaining({ id, ackBy: 'sam' })]);
    const list = await w.monitor.list(NORTH_LEAD);
    expect(list.ok && list.value.active).toEqual([acked.ok && acked.value]);
  });
});

describe('listing alerts', () => {
  it('shows the whole floor to supervisors and wallboards, a team to its lead, nothing to reps', async () => {
    const w = await live(world());
    w.set(rep('ana', { status: 'available' }));
    w.set(rep('sol', { team: 'south', status: 'available' }));
    w.now = T10 + 5 * MINUTE_MS;
    await w.monitor.evaluate();
    const reps = async (viewer: Viewer) => {
      const list = await w.monitor.list(viewer);
      return list.ok ? list.value.active.map((a) => a.rep).sort() : list.status;
    };
    expect(await reps(SUPERVISOR)).toEqual(['ana', 'sol']);
    expect(await reps(KIOSK)).toEqual(['ana', 'sol']);
    expect(await reps(NORTH_LEAD)).toEqual(['ana']);
    expect(await reps(ANA)).toBe(403);
    expect(await w.monitor.list(SUPERVISOR, 'yesterday')).toMatchObject({ ok: false, status: 400 });
    expect(await w.monitor.list(SUPERVISOR, '2026-03-01')).toEqual({ ok: true, value: { active: [], history: [] } });
  });
});

describe('good news', () => {
  it('is celebrated for live batches only, not while replaying the day', async () => {
    const w = world();
    await w.monitor.start();
    const before = rep('ana', { deals: 0, revenue: 0 });
    w.set(before);
    const beforeViews = new Map([['ana', before]]);
    const beforeTotals = summarize([before]).totals;
    w.set({ ...before, deals: 1, revenue: 900 });
    await w.monitor.afterBatch(['ana'], beforeViews, beforeTotals);
    expect(w.news).toEqual([]);
    w.monitor.goLive();
    await w.monitor.afterBatch(['ana'], beforeViews, beforeTotals);
    expect(w.news).toEqual([expect.objectContaining({ id: 'sale:ana:1', kind: 'sale', amount: 900, at: T10 })]);
  });
});

describe('alert settings', () => {
  // Who may edit what, and validation: alertAccess.test.ts.
  it('are saved, announced on the bus, and applied at once', async () => {
    const w = await live(world());
    const team = { scope: 'team', team: 'north', thresholds: { idleMinutes: 2 } };
    expect(await w.monitor.updateSettings(SOUTH_LEAD, team)).toMatchObject({ ok: false, status: 403 });
    expect(await w.monitor.updateSettings(NORTH_LEAD, { ...team, thresholds: { idleMinutes: 0 } })).toMatchObject({
      status: 400,
    });
    w.set(rep('ana', { status: 'available' }));
    w.now = T10 + 2 * MINUTE_MS;
    await w.monitor.evaluate();
    expect([w.raised, w.published]).toEqual([[], []]);
    expect(await w.monitor.updateSettings(NORTH_LEAD, team)).toEqual({
      ok: true,
      value: { floor: DEFAULT_ALERT_THRESHOLDS, teams: { north: { idleMinutes: 2 } } },
    });
    expect(w.published).toEqual([{ type: 'alertSettings:changed' }]);
    expect(w.raised.map((a) => a.id)).toEqual([`idle:ana:${T10}`]);
    expect(w.monitor.settings(SUPERVISOR)).toMatchObject({ ok: true, value: { teams: { north: { idleMinutes: 2 } } } });
  });
});
