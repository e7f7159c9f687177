import { zeroCounts, type CampaignsResponse } from '../../shared/contracts/campaigns';
import type { Alert, AlertRule, AlertSettings } from '../../shared/domain/alertTypes';
import { figureConditions } from '../../shared/domain/campaignAlerts';
import type { DayKey, EpochMs } from '../../shared/time';
import type { AlertRepo } from '../redis/alertRepo';

/**
 * The day's figures per campaign, list and caller ID for a scope (issue #15, server/campaigns).
 * The alerts read the floor's: lines and lists are floor-wide, their alerts the supervisor's.
 */
export type CampaignFigures = (scope: CampaignsResponse['scope']) => CampaignsResponse | Promise<CampaignsResponse>;

/** Until the campaign figures are wired (server/app.ts): no rows, so no line or list alert. */
export const noCampaignFigures: CampaignFigures = (scope) => ({
  day: null,
  at: 0,
  scope,
  campaigns: [],
  lists: [],
  callerIds: [],
  total: zeroCounts(),
});

/** The rules this pass raises and clears (the per-rep evaluation leaves them alone). */
export const FIGURE_RULES = [
  'caller_id_flagged',
  'list_quality',
  'list_running_dry',
] as const satisfies readonly AlertRule[];
const OWN: ReadonlySet<AlertRule> = new Set(FIGURE_RULES);

interface FigurePassDeps {
  figures?: { load: CampaignFigures; everyMs?: number };
  repo: Pick<AlertRepo, 'raise' | 'update'>;
  emit: { raised(alert: Alert): void; updated(alert: Alert): void };
  settings(): AlertSettings;
  /** The monitor's state: today, the local day of an instant, a condition's slot, the open alerts. */
  day(): DayKey;
  dayOf(at: EpochMs): DayKey;
  slotOf(conditionId: string): { id: string; alert: Alert | undefined };
  remember(alert: Alert): Alert;
  active(): Alert[];
}

/**
 * The alert monitor's pass over the floor's campaign figures: raises `caller_id_flagged`,
 * `list_quality` and `list_running_dry` (shared/domain/campaignAlerts.ts), clears them when the
 * figures no longer say so; a list going dry turns its alert critical. At most one pass every
 * `everyMs` (15 s: the figures move by the minute); a failed read is retried on the next tick.
 * Figures of another day than today's (before the day's first event) raise nothing and clear all.
 */
export function createFigurePass(deps: FigurePassDeps): (now: EpochMs) => Promise<void> {
  let lastAt = -Infinity;
  let running = false;
  return async (now) => {
    const figures = deps.figures;
    if (!figures || running || now - lastAt < (figures.everyMs ?? 15_000)) return;
    if (deps.dayOf(now) !== deps.day()) return; // the rep pass opens the day first
    running = true;
    lastAt = now;
    try {
      const read = await figures.load({ kind: 'floor' });
      const day = deps.day();
      const current = read.day === null || read.day === day;
      const holding = new Set<string>();
      for (const condition of current ? figureConditions(read, deps.settings(), now, day) : []) {
        const { id, alert } = deps.slotOf(condition.id);
        holding.add(id);
        if (!alert) {
          const raised = { ...condition, id, raisedAt: now, clearedAt: null, ackBy: null, ackAt: null };
          const stored = deps.remember(await deps.repo.raise(day, raised));
          if (stored.clearedAt === null) deps.emit.raised(stored);
        } else if (condition.severity === 'critical' && alert.severity !== 'critical') {
          const updated = { ...alert, severity: 'critical' as const, detail: condition.detail };
          deps.emit.updated(deps.remember(await deps.repo.update(day, updated)));
        }
      }
      for (const alert of deps.active()) {
        if (!OWN.has(alert.rule) || holding.has(alert.id)) continue;
        deps.emit.updated(deps.remember(await deps.repo.update(day, { ...alert, clearedAt: now })));
      }
    } catch {
      lastAt = -Infinity; // Redis or the figures failed: try again on the next tick
    } finally {
      running = false;
    }
  };
}
