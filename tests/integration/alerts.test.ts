import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { createAlertMonitor, type AlertMonitor } from '../../server/alerts/alertMonitor';
import { createAlertRepo } from '../../server/redis/alertRepo';
import { redisKeys } from '../../server/redis/keys';
import type { BusMessage } from '../../server/bus/busMessage';
import { createBusPublisher, subscribeToBus } from '../../server/redis/bus';
import { silentLog } from '../../server/log';
import { DEFAULT_ALERT_THRESHOLDS, type Alert } from '../../shared/domain/alertTypes';
import { summarize, type RepView } from '../../shared/domain/floorView';
import type { FloorState } from '../../shared/domain/repState';
import type { Viewer } from '../../shared/domain/viewer';
import { createLocalTime, MINUTE_MS } from '../../shared/time';

const redisUrl = inject('redisUrl');
const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const T10 = Date.UTC(2026, 2, 2, 2, 0); // 10:00 in Shanghai
const DAY = '2026-03-02';
const SUPERVISOR: Viewer = { kind: 'user', username: 'sam', role: 'supervisor' };
const NORTH_LEAD: Viewer = { kind: 'user', username: 'lea', role: 'lead', team: 'north' };
const local = createLocalTime('Asia/Shanghai');

function rep(id: string, fields: Partial<RepView>): RepView {
  return {
    ...{ id, name: id, team: 'north', status: 'dialing', pauseReason: null, statusSince: T10 },
    ...{ currentCall: null, callAnsweredAt: null, dials: 180, connects: 0, effectiveCalls: 0, talkSeconds: 0 },
    ...{ wrapupSeconds: 0, pauseSeconds: 0, loggedInSeconds: 600, leads: 0, deals: 0, revenue: 0, refusals: [] },
    callbacks: [],
    callbackCount: 0,
    missingDetails: 0,
    handoffsWon: 0,
    handoffRevenue: 0,
    targets: { dials: 180, effectiveCalls: 30, talkMinutes: 150, leads: 6, deals: 2, revenue: 5000 },
    version: 1,
    ...fields,
  };
}

const connect = () => {
  const redis = new Redis(redisUrl);
  cleanups.push(() => redis.quit());
  return redis;
};

/** One server instance's monitor: its own connections, a floor in memory and a settable clock. */
async function instance(prefix: string, options: { realBus?: boolean } = {}) {
  const redis = connect();
  const views = new Map<string, RepView>();
  const raised: Alert[] = [];
  const updated: Alert[] = [];
  const heard: { message: BusMessage; handled: Promise<void> }[] = [];
  const listeners: (() => void)[] = [];
  const self = { now: T10, views, raised, updated, heard, monitor: null as unknown as AlertMonitor };
  const deliver = (message: BusMessage) => {
    heard.push({ message, handled: self.monitor.onBus(message) });
    for (const listener of listeners.splice(0)) listener();
  };
  const channel = `${prefix}bus`;
  if (options.realBus) await subscribeToBus({ subscriber: connect(), channel, log: silentLog, onMessage: deliver });
  const bus = options.realBus
    ? createBusPublisher(redis, channel)
    : { publish: async (message: BusMessage) => deliver(message) };
  self.monitor = createAlertMonitor({
    floor: {
      state: () => ({ day: DAY, lastId: null, applied: 0, reps: views }) as unknown as FloorState,
      repViews: (ids) => ids.flatMap((id) => views.get(id) ?? []),
      totals: () => summarize([...views.values()]).totals,
    },
    repo: createAlertRepo(redis, redisKeys({ stream: '', deadLetterStream: '', keyPrefix: prefix })),
    clock: () => self.now,
    localTime: local,
    shift: { startMinute: 9 * 60, endMinute: 18 * 60 },
    roster: () => [],
    emit: { raised: (a) => raised.push(a), updated: (a) => updated.push(a), goodNews: () => {} },
    bus,
  });
  await self.monitor.start();
  self.monitor.goLive();
  /** Resolves once the next bus message has arrived and been handled. */
  const nextMessage = () =>
    new Promise<void>((resolve) => listeners.push(resolve)).then(() => heard[heard.length - 1]!.handled);
  // Not a spread copy: tests move `now` on the object the clock reads.
  return Object.assign(self, { redis, nextMessage, set: (view: RepView) => views.set(view.id, view) });
}

const onLongCall = rep('ana', { status: 'on_call', callAnsweredAt: T10 });
const id = `long_call:ana:${T10}`;

describe('alerts over a real redis-server', () => {
  it('keep an acknowledgement across a restart of the monitor, without raising again', async () => {
    const prefix = `test:${randomUUID()}:`;
    const first = await instance(prefix);
    first.set(onLongCall);
    first.now = T10 + 21 * MINUTE_MS;
    await first.monitor.evaluate();
    expect(first.raised.map((a) => a.id)).toEqual([id]);
    const acked = await first.monitor.acknowledge(NORTH_LEAD, id);
    expect(acked).toMatchObject({ ok: true, value: { ackBy: 'lea', ackAt: T10 + 21 * MINUTE_MS } });

    const restarted = await instance(prefix);
    restarted.set(onLongCall);
    restarted.now = T10 + 22 * MINUTE_MS;
    await restarted.monitor.evaluate();
    expect(restarted.raised).toEqual([]);
    const list = await restarted.monitor.list(SUPERVISOR);
    expect(list).toEqual({ ok: true, value: { active: [acked.ok && acked.value], history: [] } });

    restarted.set(rep('ana', { status: 'wrapup', statusSince: restarted.now }));
    await restarted.monitor.evaluate();
    const stored = await restarted.redis.hgetall(`${prefix}alerts:${DAY}`);
    expect(Object.keys(stored)).toEqual([id]);
    expect(JSON.parse(stored[id]!)).toEqual({ ...(acked.ok && acked.value), clearedAt: T10 + 22 * MINUTE_MS });
  });

  it('let the first raise win between instances, and never lose an ack to a stale clear', async () => {
    const prefix = `test:${randomUUID()}:`;
    const a = await instance(prefix);
    const b = await instance(prefix);
    a.set(onLongCall);
    b.set(onLongCall);
    a.now = T10 + 20 * MINUTE_MS;
    b.now = a.now + 700;
    await a.monitor.evaluate();
    await b.monitor.evaluate();
    expect(b.raised).toEqual(a.raised);
    // b does not hear a's acknowledgement here (no shared bus) and clears its stale copy.
    await a.monitor.acknowledge(SUPERVISOR, id);
    b.set(rep('ana', { status: 'wrapup', statusSince: b.now }));
    b.now += 1000;
    await b.monitor.evaluate();
    expect(b.updated).toEqual([
      { ...a.raised[0], ackBy: 'sam', ackAt: T10 + 20 * MINUTE_MS, clearedAt: T10 + 20 * MINUTE_MS + 1700 },
    ]);
  });

  it('share settings: one instance saves them, a running one hears of it, a new one loads them', async () => {
    const prefix = `test:${randomUUID()}:`;
    const a = await instance(prefix, { realBus: true });
    const b = await instance(prefix, { realBus: true });
    b.set(rep('ana', { status: 'available' }));
    b.now = T10 + 2 * MINUTE_MS;
    await b.monitor.evaluate();
    expect(b.raised).toEqual([]);

    const heardByB = b.nextMessage();
    const update = { scope: 'team', team: 'north', thresholds: { idleMinutes: 2, longCallMinutes: 7 } };
    const saved = await a.monitor.updateSettings(NORTH_LEAD, update);
    const expected = { floor: DEFAULT_ALERT_THRESHOLDS, teams: { north: update.thresholds } };
    expect(saved).toEqual({ ok: true, value: expected });
    await heardByB;
    expect(b.heard.map((h) => h.message)).toEqual([{ type: 'alertSettings:changed' }]);
    expect(b.monitor.settings(SUPERVISOR)).toEqual({ ok: true, value: expected });
    expect(b.raised.map((alert) => alert.id)).toEqual([`idle:ana:${T10}`]);

    const floor = {
      ...DEFAULT_ALERT_THRESHOLDS,
      pauseMinutes: { ...DEFAULT_ALERT_THRESHOLDS.pauseMinutes, break: 20 },
    };
    const heardAgain = b.nextMessage();
    expect(await a.monitor.updateSettings(SUPERVISOR, { scope: 'floor', thresholds: floor })).toMatchObject({
      ok: true,
    });
    await heardAgain;
    const c = await instance(prefix);
    expect(c.monitor.settings(SUPERVISOR)).toEqual({ ok: true, value: { ...expected, floor } });
    expect(b.monitor.settings(SUPERVISOR)).toEqual({ ok: true, value: { ...expected, floor } });
  });
});
