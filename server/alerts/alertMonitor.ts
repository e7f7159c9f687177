import type { Ack } from '../../shared/contracts/socket';
import { detectGoodNews, evaluateAlerts, floorGoodNews, type RosterEntry } from '../../shared/domain/alerts';
import { defaultAlertSettings, type Alert, type AlertSettings, type GoodNews } from '../../shared/domain/alertTypes';
import type { RepView, Totals } from '../../shared/domain/floorView';
import { preciseMinute, type Shift } from '../../shared/domain/targets';
import type { Viewer } from '../../shared/domain/viewer';
import type { Clock, DayKey, EpochMs } from '../../shared/time';
import type { Bus, BusMessage } from '../bus/busMessage';
import type { FloorService } from '../floor/floorService';
import {
  alertReader,
  canAcknowledgeAlert,
  listFor,
  settingsUpdate,
  visibleAlertSettings,
  type AlertList,
} from './alertAccess';
import type { AlertRepo } from '../redis/alertRepo';
import { boundaryMinutes, createDueQueue, nextAlertDue } from './alertDue';
import type { SourceStatus } from '../../shared/domain/sourceHealth';
import { createSourcePass } from './sourceAlerts';
import { createFigurePass, type CampaignFigures } from './figureAlerts';
import { LIVE_DETAIL_RULES, OWN_PASS_RULES, type ExtraAlertSource } from './alertSources';

/** Where alerts go on this instance (its own sockets); the gateway routes them to rooms. */
export interface AlertEmitter {
  raised(alert: Alert): void;
  updated(alert: Alert): void;
  goodNews(news: GoodNews): void;
}

export type { AlertList };

export interface AlertMonitorDeps {
  floor: Pick<FloorService, 'state' | 'repViews' | 'totals'>;
  repo: AlertRepo;
  clock: Clock;
  localTime: { dayOf: (at: EpochMs) => DayKey; minuteOfDay: (at: EpochMs) => number };
  shift: Shift;
  roster: () => readonly RosterEntry[];
  emit: AlertEmitter;
  bus: Pick<Bus, 'publish'>;
  /** False until the startup replay caught up (goLive): replayed state is not news. */
  live?: boolean;
  /** Told how many reps each evaluation looked at (tests: the 1 s tick is O(due), not O(floor)). */
  probe?: (repsEvaluated: number) => void;
  /** Sources of call events (adapters' health): a silent or lost one raises `source_silent`. */
  sources?: { load(): Promise<SourceStatus[]>; silentMs: number; everyMs?: number };
  /** Conditions kept outside the fold (the call-back ledger's overdue items), by rep. */
  extra?: ExtraAlertSource;
  /**
   * The day's figures per campaign, list and caller ID (issue #15), read every `everyMs` (15 s) for
   * the floor-wide rules on lines and lists (figureAlerts.ts). Absent: those rules never hold.
   */
  campaignFigures?: { load: CampaignFigures; everyMs?: number };
}

export type { ExtraAlertSource };

export interface AlertMonitor {
  /** Loads today's alerts and the settings, so acks survive restarts and nothing is raised twice. */
  start(): Promise<void>;
  goLive(): void;
  /** Raises new conditions, clears ended ones over the whole floor; no-op before goLive. Overlapping calls coalesce. */
  evaluate(): Promise<void>;
  /**
   * The 1 s pass: only reps whose alerts time alone can change now (a status spell reaching its
   * threshold, pace falling behind), plus roster changes; the whole floor at a day change or a
   * boundary minute (shift start and end, pace-after, not-logged-in). Events reach afterBatch.
   */
  tick(): Promise<void>;
  /** Good news of one applied batch (views from before it), then an evaluation. */
  afterBatch(changed: readonly string[], before: ReadonlyMap<string, RepView>, beforeTotals: Totals): Promise<void>;
  /** Something outside the fold changed these reps' conditions (the call-back ledger): evaluate them. */
  touch(reps: readonly string[]): Promise<void>;
  acknowledge(viewer: Viewer, id: unknown): Promise<Ack<Alert>>;
  onBus(message: BusMessage): Promise<void>;
  list(viewer: Viewer, day?: unknown): Promise<Ack<AlertList>>;
  settings(viewer: Viewer): Ack<AlertSettings>;
  /** The thresholds in force (for rules evaluated outside the monitor, e.g. handoff_waiting). */
  currentSettings(): AlertSettings;
  updateSettings(viewer: Viewer, body: unknown): Promise<Ack<AlertSettings>>;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

export function createAlertMonitor(deps: AlertMonitorDeps): AlertMonitor {
  const { repo, emit } = deps;
  let live = deps.live ?? false;
  let day: DayKey = '';
  let settings: AlertSettings = defaultAlertSettings();
  /** Today's alerts, active and cleared; `active` indexes the open ones so a tick skips history. */
  const alerts = new Map<string, Alert>();
  const active = new Map<string, Alert>();
  const firstOpenSlot = new Map<string, number>();
  let running: Promise<void> | null = null;
  let rerun = false;
  // Reps by the time their alerts can next change without an event (alertDue.ts).
  const due = createDueQueue();
  let boundaries = boundaryMinutes(settings, deps.shift);
  function useSettings(next: AlertSettings): void {
    settings = next;
    boundaries = boundaryMinutes(settings, deps.shift);
  }

  // Open alerts by rep, so that a batch's evaluation looks at its own reps' alerts only.
  const activeByRep = new Map<string, Set<string>>();
  function remember(alert: Alert): Alert {
    alerts.set(alert.id, alert);
    let ids = activeByRep.get(alert.rep);
    if (alert.clearedAt === null) {
      active.set(alert.id, alert);
      if (!ids) activeByRep.set(alert.rep, (ids = new Set()));
      ids.add(alert.id);
    } else {
      active.delete(alert.id);
      ids?.delete(alert.id);
      if (ids?.size === 0) activeByRep.delete(alert.rep);
    }
    return alert;
  }
  function activeOf(only: ReadonlySet<string> | null): Alert[] {
    if (!only) return [...active.values()];
    return [...only].flatMap((rep) => [...(activeByRep.get(rep) ?? [])].map((id) => active.get(id)!));
  }
  let rosterIndex: { of: readonly RosterEntry[]; byRep: Map<string, RosterEntry> } | null = null;
  function rosterOf(only: ReadonlySet<string> | null): readonly RosterEntry[] {
    const roster = deps.roster();
    if (!only) return roster;
    if (rosterIndex?.of !== roster) rosterIndex = { of: roster, byRep: new Map(roster.map((e) => [e.rep, e])) };
    const { byRep } = rosterIndex;
    return [...only].flatMap((rep) => byRep.get(rep) ?? []);
  }

  async function openDay(next: DayKey, now: EpochMs): Promise<void> {
    // Today's history first: if Redis fails here, nothing changed and the next tick retries.
    const loaded = await repo.load(next);
    const [previous, open] = [day, [...active.values()]];
    alerts.clear();
    active.clear();
    activeByRep.clear();
    firstOpenSlot.clear();
    day = next;
    for (const alert of loaded) remember(alert);
    // Alerts do not cross midnight: yesterday's open ones close in yesterday's history.
    for (const alert of open) {
      const closed = { ...alert, clearedAt: now };
      emit.updated(await repo.update(previous, closed).catch(() => closed));
    }
  }

  /**
   * The alert a condition maps to. A day rule (same id all day) that holds again after it
   * cleared is a new occurrence, `id#2`, ...: deterministic, so instances agree on it too.
   */
  function slotOf(conditionId: string): { id: string; alert: Alert | undefined } {
    // Occurrences before the last one looked at are cleared for good: start there, so a rep who
    // goes idle 50 times a day does not cost 50 lookups per evaluation.
    let n = firstOpenSlot.get(conditionId) ?? 1;
    const idOf = (k: number) => (k === 1 ? conditionId : `${conditionId}#${k}`);
    let alert = alerts.get(idOf(n));
    while (alert && alert.clearedAt !== null) alert = alerts.get(idOf(++n));
    firstOpenSlot.set(conditionId, n);
    return { id: idOf(n), alert };
  }

  /** Evaluates every rep, or only `only` (reps a batch changed: the 1 s tick sees the others). */
  async function evaluateOnce(only: ReadonlySet<string> | null): Promise<void> {
    const now = deps.clock();
    const today = deps.localTime.dayOf(now);
    if (today !== day) await openDay(today, now);
    const state = deps.floor.state();
    const reps = deps.floor.repViews(only ? [...only] : [...state.reps.keys()]);
    const roster = rosterOf(only);
    const localMinute = preciseMinute(deps.localTime.minuteOfDay(now), now);
    const ctx = { now, localMinute, day, shift: deps.shift, roster, repsDay: state.day };
    deps.probe?.(reps.length);
    if (!only) due.clear();
    const dueAt = new Map<string, EpochMs | null>();
    for (const view of reps) dueAt.set(view.id, nextAlertDue(view, ctx, settings));
    const { extra } = deps;
    for (const rep of extra ? (only ?? extra.reps(now)) : []) {
      const [a, b] = [dueAt.get(rep) ?? null, extra!.nextDue(rep, now, settings)];
      dueAt.set(rep, a === null ? b : b === null ? a : Math.min(a, b));
    }
    for (const [rep, at] of dueAt) due.file(rep, at);
    const holding = new Set<string>();
    const conditions = evaluateAlerts(reps, ctx, settings);
    if (extra) conditions.push(...extra.conditions(only, now, settings));
    for (const condition of conditions) {
      const { id, alert } = slotOf(condition.id);
      holding.add(id);
      if (!alert) {
        const raised = { ...condition, id, raisedAt: now, clearedAt: null, ackBy: null, ackAt: null };
        const stored = remember(await repo.raise(day, raised));
        if (stored.clearedAt === null) emit.raised(stored);
      } else if (condition.severity === 'critical' && alert.severity !== 'critical') {
        emit.updated(remember(await repo.update(day, { ...alert, severity: 'critical', detail: condition.detail })));
      } else if (LIVE_DETAIL_RULES.has(condition.rule) && condition.detail !== alert.detail) {
        emit.updated(remember(await repo.update(day, { ...alert, detail: condition.detail })));
      }
    }
    for (const alert of activeOf(only)) {
      if (holding.has(alert.id) || OWN_PASS_RULES.has(alert.rule)) continue; // sourcesPass, figurePass
      emit.updated(remember(await repo.update(day, { ...alert, clearedAt: now })));
    }
  }

  // What the next evaluation covers: everyone (tick, settings) or the reps batches changed.
  let wholeFloorDue = false;
  const changedReps = new Set<string>();

  function evaluate(): Promise<void> {
    wholeFloorDue = true;
    return drain();
  }

  function drain(): Promise<void> {
    if (!live) return Promise.resolve();
    if (running) {
      rerun = true;
      return running;
    }
    // Nothing to do must not start a run: one that never awaits would finish before `running` is set, and stick.
    if (!wholeFloorDue && changedReps.size === 0) return Promise.resolve();
    running = (async () => {
      try {
        do {
          rerun = false;
          const only = wholeFloorDue ? null : new Set(changedReps);
          wholeFloorDue = false;
          changedReps.clear();
          if (only === null || only.size > 0) await evaluateOnce(only).catch(retryWhole);
        } while (rerun);
      } finally {
        running = null;
      }
    })();
    return running;
  }

  // A failed pass may have taken reps off the due queue: the next one covers the whole floor.
  function retryWhole(error: unknown): never {
    wholeFloorDue = true;
    throw error;
  }

  const sourcesPass = createSourcePass({
    ...{ sources: deps.sources, localTime: deps.localTime, shift: deps.shift, repo, emit },
    ...{ day: () => day, slotOf, remember, active: () => [...active.values()] },
  });

  const figurePass = createFigurePass({
    ...{ figures: deps.campaignFigures, repo, emit, settings: () => settings },
    ...{ day: () => day, dayOf: deps.localTime.dayOf, slotOf, remember, active: () => [...active.values()] },
  });

  let lastTick: { minute: number; day: DayKey; repsDay: DayKey | null; roster: readonly RosterEntry[] } | null = null;
  function tick(): Promise<void> {
    if (!live) return Promise.resolve();
    const now = deps.clock();
    const sourcesDone = sourcesPass(now);
    const figuresDone = figurePass(now);
    return tickReps(now)
      .then(() => Promise.all([sourcesDone, figuresDone]))
      .then(() => undefined);
  }
  function tickReps(now: EpochMs): Promise<void> {
    const minute = Math.floor(deps.localTime.minuteOfDay(now));
    const next = { minute, day: deps.localTime.dayOf(now), repsDay: deps.floor.state().day, roster: deps.roster() };
    const prev = lastTick;
    lastTick = next;
    if (
      !prev ||
      prev.day !== next.day ||
      prev.repsDay !== next.repsDay ||
      boundaries.some((b) => prev.minute < b && b <= minute)
    )
      return evaluate();
    if (prev.roster !== next.roster) for (const rep of rosterChanges(prev.roster, next.roster)) changedReps.add(rep);
    for (const rep of due.takeDue(now)) changedReps.add(rep);
    return drain();
  }

  return {
    tick,
    async start() {
      useSettings(await repo.loadSettings());
      await openDay(deps.localTime.dayOf(deps.clock()), deps.clock());
    },
    goLive() {
      live = true;
    },
    evaluate,
    async afterBatch(changed, before, beforeTotals) {
      if (!live) return;
      const now = deps.clock();
      for (const after of deps.floor.repViews(changed)) {
        for (const news of detectGoodNews(before.get(after.id), after, now)) emit.goodNews(news);
      }
      for (const news of floorGoodNews(beforeTotals, deps.floor.totals(), now)) emit.goodNews(news);
      // A batch can only raise or clear alerts of the reps it changed; time passing is the tick's.
      for (const id of changed) changedReps.add(id);
      await drain();
    },
    touch(reps) {
      for (const id of reps) changedReps.add(id);
      return drain();
    },
    async acknowledge(viewer, id) {
      if (viewer.kind !== 'user' || viewer.role === 'rep')
        return { ok: false, status: 403, error: 'only supervisors and team leads acknowledge alerts' };
      if (typeof id !== 'string' || id.length === 0 || id.length > 200)
        return { ok: false, status: 400, error: 'id: must be an alert id' };
      // Another instance may have raised it a moment before this one: Redis decides.
      const alert = alerts.get(id) ?? (await repo.get(day, id));
      if (!alert) return { ok: false, status: 404, error: 'no such alert today' };
      if (!canAcknowledgeAlert(viewer, alert))
        return { ok: false, status: 403, error: "you may only acknowledge your team's alerts" };
      if (alert.ackBy !== null) return { ok: true, value: alert };
      const acked = remember(await repo.update(day, { ...alert, ackBy: viewer.username, ackAt: deps.clock() }));
      // Every instance, this one included, tells its screens when the message comes back.
      await deps.bus.publish({ type: 'alert:acked', alert: acked });
      return { ok: true, value: acked };
    },
    async onBus(message) {
      if (message.type === 'alert:acked') {
        const known = alerts.get(message.alert.id);
        if (!known) {
          emit.updated(message.alert);
          return;
        }
        const { ackBy, ackAt } = known.ackBy !== null ? known : message.alert;
        emit.updated(remember({ ...known, ackBy, ackAt }));
      } else if (message.type === 'alertSettings:changed') {
        useSettings(await repo.loadSettings());
        await evaluate();
      }
    },
    async list(viewer, dayParam) {
      const reader = alertReader(viewer);
      if ('ok' in reader) return reader;
      if (dayParam === undefined || dayParam === day)
        return { ok: true, value: listFor(reader, alerts.values(), false) };
      if (typeof dayParam !== 'string' || !DAY.test(dayParam))
        return { ok: false, status: 400, error: 'day: must be YYYY-MM-DD' };
      return { ok: true, value: listFor(reader, await repo.load(dayParam), true) };
    },
    settings: (viewer) => visibleAlertSettings(viewer, settings),
    currentSettings: () => settings,
    async updateSettings(viewer, body) {
      const update = settingsUpdate(viewer, body);
      if (!update.ok) return update;
      useSettings(await repo.saveSettings(update.value));
      await deps.bus.publish({ type: 'alertSettings:changed' });
      return visibleAlertSettings(viewer, settings);
    },
  };
}

/** Reps whose roster entry came, went or changed team (their not-logged-in alert may change). */
function rosterChanges(before: readonly RosterEntry[], after: readonly RosterEntry[]): string[] {
  const teamOf = new Map(before.map((e) => [e.rep, e.team]));
  const changed: string[] = [];
  for (const entry of after) {
    if (teamOf.get(entry.rep) !== entry.team || !teamOf.has(entry.rep)) changed.push(entry.rep);
    teamOf.delete(entry.rep);
  }
  return [...changed, ...teamOf.keys()];
}
