import { describe, expect, it } from 'vitest';
import { createAlertMonitor } from '../../../server/alerts/alertMonitor';
import type { AlertRepo } from '../../../server/redis/alertRepo';
import type { RosterEntry } from '../../../shared/domain/alerts';
import { DEFAULT_ALERT_THRESHOLDS, type Alert, type AlertSettings } from '../../../shared/domain/alertTypes';
import { summarize, type RepView } from '../../../shared/domain/floorView';
import type { FloorState } from '../../../shared/domain/repState';
import { createLocalTime, MINUTE_MS, SECOND_MS } from '../../../shared/time';

const localAt = (hh: number, mm: number, ms = 0) => Date.UTC(2026, 2, 2, hh - 8, mm) + ms; // Shanghai
const DAY = '2026-03-02';

function rep(id: string, fields: Partial<RepView> = {}): RepView {
  return {
    ...{ id, name: id, team: 'north', status: 'dialing', pauseReason: null, statusSince: localAt(9, 0) },
    ...{ currentCall: null, callAnsweredAt: null, dials: 170, connects: 0, effectiveCalls: 0, talkSeconds: 0 },
    ...{ wrapupSeconds: 0, pauseSeconds: 0, loggedInSeconds: 600, leads: 0, deals: 0, revenue: 0, refusals: [] },
    ...{ callbacks: [], callbackCount: 0, missingDetails: 0, handoffsWon: 0, handoffRevenue: 0 },
    targets: { dials: 180, effectiveCalls: 30, talkMinutes: 150, leads: 6, deals: 2, revenue: 5000 },
    version: 1,
    ...fields,
  };
}

function memoryRepo(): AlertRepo {
  const days = new Map<string, Map<string, Alert>>();
  const of = (day: string) => days.get(day) ?? days.set(day, new Map()).get(day)!;
  const settings: AlertSettings = { floor: DEFAULT_ALERT_THRESHOLDS, teams: { south: { idleMinutes: 2 } } };
  return {
    load: async (day) => [...of(day).values()],
    get: async (day, id) => of(day).get(id) ?? null,
    raise: async (day, alert) => of(day).get(alert.id) ?? of(day).set(alert.id, alert).get(alert.id)!,
    update: async (day, alert) => of(day).set(alert.id, alert).get(alert.id)!,
    loadSettings: async () => structuredClone(settings),
    saveSettings: async () => structuredClone(settings),
  };
}

/** One monitor over a shared floor, recording what it emits and how many reps each pass looked at. */
function monitorOf(w: { now: number; views: Map<string, RepView>; roster: RosterEntry[] }) {
  const log: string[] = [];
  const visits: number[] = [];
  const monitor = createAlertMonitor({
    floor: {
      state: () => ({ day: DAY, lastId: null, applied: 0, reps: w.views }) as unknown as FloorState,
      repViews: (ids) => ids.flatMap((id) => w.views.get(id) ?? []),
      totals: () => summarize([...w.views.values()]).totals,
    },
    repo: memoryRepo(),
    clock: () => w.now,
    localTime: createLocalTime('Asia/Shanghai'),
    shift: { startMinute: 9 * 60, endMinute: 18 * 60 },
    roster: () => w.roster,
    emit: {
      raised: (a) => log.push(`+${a.id} ${a.severity} @${a.raisedAt}`),
      updated: (a) => log.push(`~${a.id} ${a.severity} cleared@${a.clearedAt}`),
      goodNews: () => {},
    },
    bus: { publish: async () => {} },
    probe: (n) => visits.push(n),
  });
  return { monitor, log, visits };
}

function seeded(seed: number): () => number {
  return () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
}

describe('the 1 s alert tick', () => {
  it('looks at the reps due by time, not the floor: O(due), counted by the probe', async () => {
    const w = { now: localAt(10, 0), views: new Map<string, RepView>(), roster: [] as RosterEntry[] };
    for (let i = 0; i < 5000; i++) w.views.set(`r${i}`, rep(`r${i}`));
    // Three wrap-ups reaching the 180 s threshold at 10:01:00, 10:01:30 and 10:02:00.
    for (const [id, s] of [
      ['w1', 0],
      ['w2', 30],
      ['w3', 60],
    ] as const)
      w.views.set(id, rep(id, { status: 'wrapup', statusSince: localAt(9, 58) + s * SECOND_MS }));
    const { monitor, log, visits } = monitorOf(w);
    await monitor.start();
    monitor.goLive();
    await monitor.tick(); // the first tick files the whole floor
    expect(visits).toEqual([5003]);
    visits.length = 0;
    for (let s = 1; s <= 150; s++) {
      w.now = localAt(10, 0) + s * SECOND_MS;
      await monitor.tick();
    }
    // 150 ticks over a floor of 5,003: three reps looked at, each once, when it came due.
    expect(visits).toEqual([1, 1, 1]);
    expect(log.map((l) => l.split(' ')[0])).toEqual([
      `+long_wrapup:w1:${localAt(9, 58)}`,
      `+long_wrapup:w2:${localAt(9, 58, 30_000)}`,
      `+long_wrapup:w3:${localAt(9, 59)}`,
    ]);
    // A boundary minute (pace from 11:00) looks at everyone once, then quiet again.
    w.now = localAt(11, 0);
    await monitor.tick();
    w.now += SECOND_MS;
    await monitor.tick();
    expect(visits.slice(3)).toEqual([5003]);
  });

  it('raises and clears exactly what a whole-floor pass every second does (random floor, 10:50 to 11:20)', async () => {
    const random = seeded(42);
    const w = { now: localAt(10, 50), views: new Map<string, RepView>(), roster: [] as RosterEntry[] };
    const statuses = ['dialing', 'on_call', 'wrapup', 'paused', 'available', 'offline'] as const;
    const reasons = ['break', 'lunch', 'meeting', 'training', 'other'] as const;
    const randomView = (id: string, team: string, dials: number): RepView => {
      const status = statuses[Math.floor(random() * statuses.length)]!;
      const since = w.now - Math.floor(random() * 20 * MINUTE_MS);
      return rep(id, {
        team,
        status,
        statusSince: since,
        dials,
        callAnsweredAt: status === 'on_call' && random() < 0.8 ? since : null,
        pauseReason: status === 'paused' ? reasons[Math.floor(random() * reasons.length)]! : null,
      });
    };
    for (let i = 0; i < 200; i++) {
      const team = i % 2 ? 'north' : 'south';
      w.views.set(`r${i}`, randomView(`r${i}`, team, 10 + Math.floor(random() * 60)));
    }
    w.roster = Array.from({ length: 20 }, (_, i) => ({ rep: `r${190 + i}`, team: 'north' }));
    const ticked = monitorOf(w);
    const whole = monitorOf(w);
    for (const m of [ticked, whole]) {
      await m.monitor.start();
      m.monitor.goLive();
    }
    for (let s = 0; s < 30 * 60; s++) {
      w.now = localAt(10, 50) + s * SECOND_MS;
      if (random() < 0.3) {
        const id = `r${Math.floor(random() * 210)}`;
        const before = w.views.get(id);
        const totals = summarize([...w.views.values()]).totals;
        w.views.set(id, randomView(id, before?.team ?? 'north', (before?.dials ?? 0) + Math.floor(random() * 3)));
        for (const m of [ticked, whole])
          await m.monitor.afterBatch([id], new Map(before ? [[id, before]] : []), totals);
      }
      if (s === 20 * 60) w.roster = [...w.roster.slice(5), { rep: 'r3', team: 'south' }];
      await ticked.monitor.tick();
      await whole.monitor.evaluate();
    }
    expect(whole.log.length).toBeGreaterThan(100);
    // Same alerts at the same instants (within one pass the order of reps may differ).
    expect([...ticked.log].sort()).toEqual([...whole.log].sort());
    const looked = (v: number[]) => v.reduce((a, b) => a + b, 0);
    expect(looked(ticked.visits)).toBeLessThan(looked(whole.visits) / 20);
  }, 30_000);
});
