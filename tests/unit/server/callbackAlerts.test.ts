/** The overdue call-back alert at its grace boundary, on a synthetic clock (issue #16). */
import { describe, expect, it } from 'vitest';
import { createAlertMonitor } from '../../../server/alerts/alertMonitor';
import { createCallbackService } from '../../../server/callbacks/callbackService';
import type { AlertRepo } from '../../../server/redis/alertRepo';
import type { CallbackRepo } from '../../../server/redis/callbackRepo';
import { defaultAlertSettings, type Alert } from '../../../shared/domain/alertTypes';
import { summarize } from '../../../shared/domain/floorView';
import type { FloorState } from '../../../shared/domain/repState';
import { createLocalTime, MINUTE_MS } from '../../../shared/time';

const T0 = Date.UTC(2026, 2, 2, 2, 0); // 10:00 in Shanghai
const GRACE = 15;

function memoryAlerts(): AlertRepo {
  const days = new Map<string, Map<string, Alert>>();
  const of = (day: string) => days.get(day) ?? days.set(day, new Map()).get(day)!;
  return {
    load: async (day) => [...of(day).values()],
    get: async (day, id) => of(day).get(id) ?? null,
    raise: async (day, alert) => of(day).get(alert.id) ?? of(day).set(alert.id, alert).get(alert.id)!,
    update: async (day, alert) => of(day).set(alert.id, alert).get(alert.id)!,
    loadSettings: async () => defaultAlertSettings(),
    saveSettings: async () => defaultAlertSettings(),
  };
}

function setUp() {
  const w = { now: T0 };
  const touches: Promise<void>[] = [];
  let touch: (reps: readonly string[]) => Promise<void> = async () => {};
  const callbacks = createCallbackService({
    repo: { listOpen: async () => [] } as unknown as CallbackRepo,
    bus: { publish: async () => {} },
    clock: () => w.now,
    graceMinutes: GRACE,
    teamOf: () => 'north',
    knownRep: () => true,
    nameOf: (rep) => `Name ${rep}`,
    changed: (reps) => touches.push(touch(reps)),
  });
  const log: string[] = [];
  const monitor = createAlertMonitor({
    floor: {
      state: () => ({ day: '2026-03-02', lastId: null, applied: 0, reps: new Map() }) as unknown as FloorState,
      repViews: () => [],
      totals: () => summarize([]).totals,
    },
    repo: memoryAlerts(),
    clock: () => w.now,
    localTime: createLocalTime('Asia/Shanghai'),
    shift: { startMinute: 9 * 60, endMinute: 18 * 60 },
    roster: () => [],
    emit: {
      raised: (a) => log.push(`+${a.rule} ${a.rep} ${a.team} since=${a.since} detail=${a.detail}`),
      updated: (a) => log.push(`~${a.rule} ${a.rep} cleared=${a.clearedAt !== null}`),
      goodNews: () => {},
    },
    bus: { publish: async () => {} },
    live: true,
    extra: {
      reps: callbacks.repsWithCallbacks,
      conditions: callbacks.overdueConditions,
      nextDue: callbacks.nextOverdueAt,
    },
  });
  touch = monitor.touch;
  const open = (call: string, rep: string, followUpAt: number | null) =>
    callbacks.mirror.created(
      { call, rep, team: 'north', followUpAt, contact: null, customer: `crm:${call}`, createdAt: T0 - MINUTE_MS },
      'created',
    );
  return { w, callbacks, monitor, log, open, touches };
}

describe('overdue call-back alert', () => {
  it('is evaluated at once when the ledger changes (indexes consistent when the monitor looks)', async () => {
    const { monitor, log, open, callbacks, touches } = setUp();
    await monitor.tick();
    open('c1', 'r1', T0 - 60 * MINUTE_MS); // an hour late: overdue as it opens
    callbacks.mirror.created(
      { call: 'c1', rep: 'r1', team: 'north', followUpAt: T0, contact: null, customer: null, createdAt: T0 },
      'done',
    );
    await Promise.all(touches);
    expect(log).toEqual([
      `+callback_overdue r1 north since=${T0 - 45 * MINUTE_MS} detail=1`,
      '~callback_overdue r1 cleared=true',
    ]);
  });

  it('is raised by the 1 s tick at due + grace exactly, not a millisecond before', async () => {
    const { w, monitor, log, open } = setUp();
    const due = T0 + 30 * MINUTE_MS;
    open('c1', 'r1', due);
    open('c2', 'r2', null); // time unknown: never overdue
    await monitor.tick(); // first tick: the whole floor, files r1's due time
    expect(log).toEqual([]);
    w.now = due + GRACE * MINUTE_MS - 1;
    await monitor.tick();
    expect(log).toEqual([]);
    w.now = due + GRACE * MINUTE_MS;
    await monitor.tick();
    expect(log).toEqual([`+callback_overdue r1 north since=${due + GRACE * MINUTE_MS} detail=1`]);
  });

  it('counts every overdue call-back of the rep in one alert, and clears it when none is left', async () => {
    const { w, monitor, log, open, callbacks } = setUp();
    open('c1', 'r1', T0 - 60 * MINUTE_MS);
    open('c2', 'r1', T0 - 20 * MINUTE_MS);
    open('c3', 'r1', T0 - 5 * MINUTE_MS); // within the grace still
    await monitor.tick();
    expect(log).toEqual([`+callback_overdue r1 north since=${T0 - 45 * MINUTE_MS} detail=2`]);
    // Both called back (a later call to each customer): the condition ends.
    callbacks.mirror.customerCalled('crm:c1', 'later-1', T0);
    callbacks.mirror.customerCalled('crm:c2', 'later-2', T0);
    w.now += 1000;
    await monitor.evaluate();
    expect(log.at(-1)).toBe('~callback_overdue r1 cleared=true');
  });

  it('is not closed by a call earlier than the promise, nor by the promising call itself', () => {
    const { callbacks, open } = setUp();
    open('c1', 'r1', T0);
    callbacks.mirror.customerCalled('crm:c1', 'c1', T0 + 1);
    callbacks.mirror.customerCalled('crm:c1', 'earlier', T0 - 2 * MINUTE_MS);
    expect(callbacks.nextFor('r1')?.call).toBe('c1');
  });
});
