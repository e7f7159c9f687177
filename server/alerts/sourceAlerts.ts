import type { Alert } from '../../shared/domain/alertTypes';
import type { ActiveCondition } from '../../shared/domain/alerts';
import { sourceConditions, type SourceStatus } from '../../shared/domain/sourceHealth';
import type { Shift } from '../../shared/domain/targets';
import type { DayKey, EpochMs } from '../../shared/time';
import type { AlertRepo } from '../redis/alertRepo';

interface SourcePassDeps {
  sources?: { load(): Promise<SourceStatus[]>; silentMs: number; everyMs?: number };
  localTime: { dayOf: (at: EpochMs) => DayKey; minuteOfDay: (at: EpochMs) => number };
  shift: Shift;
  repo: Pick<AlertRepo, 'raise' | 'update'>;
  emit: { raised(alert: Alert): void; updated(alert: Alert): void };
  /** The monitor's state: today, an alert's slot for a condition, and its open alerts. */
  day(): DayKey;
  slotOf(conditionId: string): { id: string; alert: Alert | undefined };
  remember(alert: Alert): Alert;
  active(): Alert[];
}

/**
 * The alert monitor's pass over the sources of call events (adapters' health records): raises
 * `source_silent` for a source silent, lost or not reporting, clears it when the source is fine.
 * At most one pass every `everyMs` (5 s); a failed read is retried on the next tick.
 */
export function createSourcePass(deps: SourcePassDeps): (now: EpochMs) => Promise<void> {
  let lastAt = -Infinity;
  let running = false;
  const raise = async (condition: ActiveCondition, id: string, now: EpochMs) => {
    const raised = { ...condition, id, raisedAt: now, clearedAt: null, ackBy: null, ackAt: null };
    const stored = deps.remember(await deps.repo.raise(deps.day(), raised));
    if (stored.clearedAt === null) deps.emit.raised(stored);
  };
  return async (now) => {
    const sources = deps.sources;
    if (!sources || running || now - lastAt < (sources.everyMs ?? 5000)) return;
    running = true;
    lastAt = now;
    try {
      if (deps.localTime.dayOf(now) !== deps.day()) return; // the rep pass opens the day first
      const minute = deps.localTime.minuteOfDay(now);
      const inShift = minute >= deps.shift.startMinute && minute < deps.shift.endMinute;
      const holding = new Set<string>();
      for (const condition of sourceConditions(await sources.load(), now, sources.silentMs, inShift)) {
        const { id, alert } = deps.slotOf(condition.id);
        holding.add(id);
        if (!alert) await raise(condition, id, now);
      }
      for (const alert of deps.active()) {
        if (alert.rule !== 'source_silent' || holding.has(alert.id)) continue;
        deps.emit.updated(deps.remember(await deps.repo.update(deps.day(), { ...alert, clearedAt: now })));
      }
    } catch {
      lastAt = -Infinity; // Redis hiccup: try again on the next tick
    } finally {
      running = false;
    }
  };
}
