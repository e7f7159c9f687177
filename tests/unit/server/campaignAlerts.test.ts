/** The issue #15 alerts through the monitor on a synthetic clock: lifecycle, routing, the 1 s tick. */
import { describe, expect, it } from 'vitest';
import { createAlertMonitor } from '../../../server/alerts/alertMonitor';
import { noCampaignFigures, type CampaignFigures } from '../../../server/alerts/figureAlerts';
import { createContactMemory, createRepAlertSource } from '../../../server/alerts/repAlerts';
import type { AlertRepo } from '../../../server/redis/alertRepo';
import {
  zeroCounts,
  type CallerIdRow,
  type CampaignsResponse,
  type ListRow,
} from '../../../shared/contracts/campaigns';
import { defaultAlertSettings, type Alert } from '../../../shared/domain/alertTypes';
import { CallBook, type CallRecord } from '../../../shared/domain/callBook';
import { summarize } from '../../../shared/domain/floorView';
import type { FloorState, RepState } from '../../../shared/domain/repState';
import type { Viewer } from '../../../shared/domain/viewer';
import { createLocalTime, MINUTE_MS } from '../../../shared/time';

const T0 = Date.UTC(2026, 2, 2, 2, 0); // 10:00 in Shanghai
const DAY = '2026-03-02';
const NORTH_LEAD: Viewer = { kind: 'user', username: 'lea', role: 'lead', team: 'north' };
const SOUTH_LEAD: Viewer = { kind: 'user', username: 'sol', role: 'lead', team: 'south' };
const SUPERVISOR: Viewer = { kind: 'user', username: 'sam', role: 'supervisor' };

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

function flaggedLine(recentConnects: number): CallerIdRow {
  return {
    ...{ callerId: '+862155550100', dials: 300, connects: 200, recentDials: 40, recentConnects },
    ...{ baselineRate: 0.8, floorRateSameHour: 0.7, flagged: false },
  };
}

function setUp() {
  const w = { now: T0, lines: [] as CallerIdRow[], lists: [] as ListRow[], figuresFail: false };
  const reps = new Map<string, RepState>();
  const contacts = createContactMemory();
  const log: string[] = [];
  const figures: CampaignFigures = (scope) => {
    if (w.figuresFail) throw new Error('figures down');
    return { ...(noCampaignFigures(scope) as CampaignsResponse), day: DAY, callerIds: w.lines, lists: w.lists };
  };
  const state = () => ({ day: DAY, lastId: null, applied: 0, reps }) as unknown as FloorState;
  const monitor = createAlertMonitor({
    floor: { state, repViews: () => [], totals: () => summarize([]).totals },
    repo: memoryAlerts(),
    clock: () => w.now,
    localTime: createLocalTime('Asia/Shanghai'),
    shift: { startMinute: 9 * 60, endMinute: 18 * 60 },
    roster: () => [],
    emit: {
      raised: (a) => log.push(`+${a.rule} ${a.rep} team=${a.team} detail=${a.detail}`),
      updated: (a) => log.push(`~${a.rule} ${a.rep} cleared=${a.clearedAt !== null} detail=${a.detail}`),
      goodNews: () => {},
    },
    bus: { publish: async () => {} },
    live: true,
    extra: createRepAlertSource({ state, contacts, dayOf: createLocalTime('Asia/Shanghai').dayOf, teamOf: () => null }),
    campaignFigures: { load: figures, everyMs: 15_000 },
  });
  const setCalls = (id: string, team: string, calls: [string, CallRecord][]) =>
    reps.set(id, { id, name: `Name ${id}`, team, calls: CallBook.of(calls) } as unknown as RepState);
  return { w, monitor, log, contacts, setCalls };
}

describe('caller_id_flagged through the monitor', () => {
  it('raises once for the supervisor only, clears when the line recovers, every 15 s at most', async () => {
    const { w, monitor, log } = setUp();
    await monitor.start();
    w.lines = [flaggedLine(10)];
    await monitor.tick();
    expect(log).toEqual(['+caller_id_flagged line:+862155550100 team=null detail=25/80']);
    w.now += 1000;
    await monitor.tick();
    await monitor.evaluate(); // the per-rep pass leaves the figure rules alone
    expect(log).toHaveLength(1);
    const supervisor = await monitor.list(SUPERVISOR);
    expect(supervisor.ok && supervisor.value.active.map((a) => a.rule)).toEqual(['caller_id_flagged']);
    const lead = await monitor.list(NORTH_LEAD);
    expect(lead.ok && lead.value.active).toEqual([]);
    w.lines = [flaggedLine(30)];
    w.now = T0 + 14_999;
    await monitor.tick();
    expect(log).toHaveLength(1);
    w.now = T0 + 15_000;
    await monitor.tick();
    expect(log[1]).toBe('~caller_id_flagged line:+862155550100 cleared=true detail=25/80');
  });

  it('keeps the alert while the figures cannot be read, and retries on the next tick', async () => {
    const { w, monitor, log } = setUp();
    await monitor.start();
    w.lines = [flaggedLine(10)];
    await monitor.tick();
    w.figuresFail = true;
    w.now += 15_000;
    await monitor.tick();
    expect(log).toHaveLength(1);
    w.figuresFail = false;
    w.lines = [];
    w.now += 1000;
    await monitor.tick();
    expect(log.at(-1)).toMatch(/^~caller_id_flagged .* cleared=true/);
  });
});

describe('list_running_dry through the monitor', () => {
  it('is raised as a warning 30 minutes ahead and turns critical (one alert) once the list is dry', async () => {
    const { w, monitor, log } = setUp();
    await monitor.start();
    const list = (dryAt: number): ListRow => ({
      ...zeroCounts(),
      ...{ list: 'L9', campaign: 'spring', customersReached: 90, customersDialled: 90, size: 100, dryAt },
    });
    w.lists = [list(T0 + 30 * MINUTE_MS)];
    await monitor.tick();
    expect(log).toEqual(['+list_running_dry list:L9 team=null detail=30']);
    w.now = T0 + 30 * MINUTE_MS;
    await monitor.tick();
    expect(log).toEqual([
      '+list_running_dry list:L9 team=null detail=30',
      '~list_running_dry list:L9 cleared=false detail=0',
    ]);
    const list9 = await monitor.list(SUPERVISOR);
    expect(list9.ok && list9.value.active.map((a) => [a.id, a.severity])).toEqual([
      [`list_running_dry:L9:${DAY}`, 'critical'],
    ]);
  });
});

describe('missing_outcome through the monitor', () => {
  it("is raised on the tick at 10 minutes for the rep's lead, counts up, and clears with the outcomes", async () => {
    const { w, monitor, log, setCalls } = setUp();
    const call = (hangupAt: number, outcome?: 'sale'): CallRecord => ({
      dialAt: hangupAt - 1000,
      hangupAt,
      ...(outcome && { outcome }),
    });
    setCalls('ana', 'north', [['c1', call(T0)]]);
    await monitor.evaluate();
    w.now = T0 + 10 * MINUTE_MS - 1;
    await monitor.tick();
    expect(log).toEqual([]);
    w.now = T0 + 10 * MINUTE_MS;
    await monitor.tick();
    expect(log).toEqual(['+missing_outcome ana team=north detail=1']);
    const north = await monitor.list(NORTH_LEAD);
    expect(north.ok && north.value.active.map((a) => a.id)).toEqual([`missing_outcome:ana:${DAY}`]);
    const south = await monitor.list(SOUTH_LEAD);
    expect(south.ok && south.value.active).toEqual([]);
    setCalls('ana', 'north', [
      ['c1', call(T0)],
      ['c2', call(T0 + MINUTE_MS)],
    ]);
    w.now = T0 + 11 * MINUTE_MS;
    await monitor.touch(['ana']);
    expect(log.at(-1)).toBe('~missing_outcome ana cleared=false detail=2');
    setCalls('ana', 'north', [
      ['c1', call(T0, 'sale')],
      ['c2', call(T0 + MINUTE_MS, 'sale')],
    ]);
    await monitor.touch(['ana']);
    expect(log.at(-1)).toBe('~missing_outcome ana cleared=true detail=2');
  });
});

describe('contact_frequency through the monitor', () => {
  it("names the rep and the other rep for the rep's lead, and clears by itself an hour later", async () => {
    const { w, monitor, log, contacts } = setUp();
    const touched = contacts.add(DAY, [
      { rep: 'bob', at: T0, times: 2, others: [{ rep: 'ana', gapMs: 4 * MINUTE_MS }] },
    ]);
    expect(touched).toEqual(['bob']);
    await monitor.touch(touched);
    expect(log).toEqual(['+contact_frequency bob team=null detail=/ana']);
    w.now = T0 + 60 * MINUTE_MS - 1;
    await monitor.tick();
    expect(log).toHaveLength(1);
    w.now = T0 + 60 * MINUTE_MS;
    await monitor.tick();
    expect(log.at(-1)).toBe('~contact_frequency bob cleared=true detail=/ana');
  });
});
