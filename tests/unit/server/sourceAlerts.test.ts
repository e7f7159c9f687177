import { describe, expect, it } from 'vitest';
import { createAlertMonitor } from '../../../server/alerts/alertMonitor';
import type { AlertRepo } from '../../../server/redis/alertRepo';
import type { listFor } from '../../../server/alerts/alertAccess';
import { DEFAULT_ALERT_THRESHOLDS, type Alert } from '../../../shared/domain/alertTypes';
import { summarize } from '../../../shared/domain/floorView';
import type { FloorState } from '../../../shared/domain/repState';
import type { SourceStatus } from '../../../shared/domain/sourceHealth';
import { createLocalTime, MINUTE_MS } from '../../../shared/time';

const localAt = (hh: number, mm: number, ms = 0) => Date.UTC(2026, 2, 2, hh - 8, mm) + ms; // Shanghai
const DAY = '2026-03-02';
const SILENT = 5 * MINUTE_MS;

function memoryRepo(): AlertRepo {
  const alerts = new Map<string, Alert>();
  return {
    load: async () => [...alerts.values()],
    get: async (_day, id) => alerts.get(id) ?? null,
    raise: async (_day, alert) => alerts.get(alert.id) ?? alerts.set(alert.id, alert).get(alert.id)!,
    update: async (_day, alert) => alerts.set(alert.id, alert).get(alert.id)!,
    loadSettings: async () => ({ floor: DEFAULT_ALERT_THRESHOLDS, teams: {} }),
    saveSettings: async () => ({ floor: DEFAULT_ALERT_THRESHOLDS, teams: {} }),
  };
}

/** An adapter's record as the runner writes it every 5 s (updatedAt follows the clock). */
function adapter(w: { now: number }, fields: Partial<SourceStatus> = {}): SourceStatus {
  return {
    ...{ source: 'asterisk', kind: 'adapter', connected: true, lastEventAt: null, eventsPerMinute: 0 },
    ...{ errorsPerMinute: 0, lastError: null, lastErrorAt: null, updatedAt: w.now, connectedAt: null, endedAt: null },
    ...fields,
  };
}

function world(start: number) {
  const w = { now: start, sources: [] as SourceStatus[], raised: [] as Alert[], updated: [] as Alert[] };
  const monitor = createAlertMonitor({
    floor: {
      state: () => ({ day: DAY, lastId: null, applied: 0, reps: new Map() }) as unknown as FloorState,
      repViews: () => [],
      totals: () => summarize([]).totals,
    },
    repo: memoryRepo(),
    clock: () => w.now,
    localTime: createLocalTime('Asia/Shanghai'),
    shift: { startMinute: 9 * 60, endMinute: 18 * 60 },
    roster: () => [],
    emit: { raised: (a) => w.raised.push(a), updated: (a) => w.updated.push(a), goodNews: () => {} },
    bus: { publish: async () => {} },
    live: true,
    sources: {
      load: async () => w.sources.map((s) => ({ ...s, updatedAt: s.updatedAt === -1 ? w.now : s.updatedAt })),
      silentMs: SILENT,
      everyMs: 1000,
    },
  });
  const at = async (ms: number) => {
    w.now = ms;
    await monitor.tick();
  };
  return { w, monitor, at };
}

describe('the silent-source alert', () => {
  it('is raised once the source has been silent for the configured time, not before, and clears when events flow', async () => {
    const t0 = localAt(10, 0);
    const { w, monitor, at } = world(t0);
    await monitor.start();
    w.sources = [adapter(w, { lastEventAt: t0, updatedAt: -1 })];
    await at(t0 + SILENT - 1000);
    expect(w.raised).toEqual([]); // 4 min 59 s: not yet
    await at(t0 + SILENT);
    expect(w.raised).toHaveLength(1);
    expect(w.raised[0]).toMatchObject({
      rule: 'source_silent',
      rep: 'source:asterisk',
      repName: 'asterisk',
      team: null,
      severity: 'warning',
      detail: 'silent',
      since: t0,
      clearedAt: null,
    });
    await at(t0 + SILENT + 2000);
    expect(w.raised).toHaveLength(1); // raised once, not on every pass
    // Only a supervisor (and the floor's own wallboard) sees it: no team's lead.
    const list = (await monitor.list({ kind: 'user', username: 'lea', role: 'lead', team: 'north' })) as {
      ok: true;
      value: ReturnType<typeof listFor>;
    };
    expect(list.value.active).toEqual([]);

    // Events flow again: the alert clears.
    w.sources = [adapter(w, { lastEventAt: t0 + SILENT + 2500, updatedAt: -1 })];
    await at(t0 + SILENT + 4000);
    expect(w.updated).toEqual([expect.objectContaining({ id: w.raised[0]!.id, clearedAt: t0 + SILENT + 4000 })]);
  });

  it('is raised at once (critical) for a lost connection or an adapter that stopped reporting, at any hour', async () => {
    const night = localAt(22, 0);
    const { w, monitor, at } = world(night);
    await monitor.start();
    // Silence outside the shift is not news...
    w.sources = [adapter(w, { source: 'fs', lastEventAt: night - 60 * MINUTE_MS, updatedAt: -1 })];
    await at(night + 1000);
    expect(w.raised).toEqual([]);
    // ...a lost source is.
    w.sources = [
      adapter(w, {
        source: 'fs',
        connected: false,
        lastError: 'ECONNREFUSED',
        lastErrorAt: night + 1500,
        updatedAt: -1,
      }),
      adapter(w, { source: 'ami', updatedAt: night - 61_000 }),
      adapter(w, { source: 'csv', connected: false, endedAt: night - 1000, updatedAt: night - 3600_000 }),
    ];
    await at(night + 3000);
    expect(w.raised.map((a) => [a.repName, a.detail, a.severity])).toEqual([
      ['fs', 'disconnected', 'critical'],
      ['ami', 'not_reporting', 'critical'],
    ]); // an import that ended is not a lost source
    w.sources = [
      adapter(w, { source: 'fs', connectedAt: night + 3500, updatedAt: -1 }),
      adapter(w, { source: 'ami', updatedAt: -1 }),
    ];
    await at(night + 5000);
    expect(w.updated.map((a) => [a.repName, a.clearedAt])).toEqual([
      ['fs', night + 5000],
      ['ami', night + 5000],
    ]);
  });
});
