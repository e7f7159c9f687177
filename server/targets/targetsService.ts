import {
  applyTargetUpdate,
  daysOfMonthBefore,
  emptyTargetSettings,
  resolveTargets,
  workingDaysLeft,
  type TargetSettings,
  type TargetUpdate,
} from '../../shared/domain/targetSettings';
import type { DailyTargets } from '../../shared/domain/targets';
import type { DayKey } from '../../shared/time';
import type { DayTotalsRepo } from '../redis/dayTotalsRepo';
import type { TargetsRepo } from '../redis/targetsRepo';

export interface TargetsService {
  settings(): TargetSettings;
  targetsFor(rep: { id: string; team: string | null }): DailyTargets;
  /** Stores an update; every instance reloads on the bus message that follows. */
  update(update: TargetUpdate): Promise<TargetSettings>;
  /** Reloads settings and month-to-date figures (start, bus message, new day). */
  reload(today: DayKey): Promise<void>;
}

function layerField(scope: TargetUpdate['scope']): string {
  return scope.kind === 'floor' ? 'floor' : scope.kind === 'team' ? `team:${scope.team}` : `rep:${scope.rep}`;
}

/** Targets people set, kept in Redis, resolved per rep over the environment's defaults. */
export function createTargetsService(deps: {
  repo: TargetsRepo;
  defaults: DailyTargets;
  workingWeekdays: readonly number[];
  dayTotals: DayTotalsRepo;
}): TargetsService {
  let settings = emptyTargetSettings();
  let daysLeft = 1;
  let monthToDate = new Map<string, Partial<DailyTargets>>();

  async function loadSettings(): Promise<TargetSettings> {
    const next = emptyTargetSettings();
    for (const [field, layer] of await deps.repo.all()) {
      if (field === 'floor') next.floor = layer;
      else if (field.startsWith('team:')) next.teams[field.slice(5)] = layer;
      else if (field.startsWith('rep:')) next.reps[field.slice(4)] = layer;
    }
    return next;
  }

  async function loadMonthToDate(today: DayKey): Promise<void> {
    const days = await deps.dayTotals.load(daysOfMonthBefore(today));
    const sums = new Map<string, Partial<DailyTargets>>();
    for (const reps of days.values()) {
      for (const [rep, t] of reps) {
        const sum = sums.get(rep) ?? {};
        sum.dials = (sum.dials ?? 0) + t.dials;
        sum.effectiveCalls = (sum.effectiveCalls ?? 0) + t.effectiveCalls;
        sum.talkMinutes = (sum.talkMinutes ?? 0) + t.talkSeconds / 60;
        sum.leads = (sum.leads ?? 0) + t.leads;
        sum.deals = (sum.deals ?? 0) + t.deals;
        sum.revenue = (sum.revenue ?? 0) + t.revenue;
        sums.set(rep, sum);
      }
    }
    monthToDate = sums;
    daysLeft = Math.max(1, workingDaysLeft(today, deps.workingWeekdays));
  }

  return {
    settings: () => settings,
    targetsFor: (rep) =>
      resolveTargets(settings, deps.defaults, rep, {
        workingDaysLeft: daysLeft,
        achievedBeforeToday: monthToDate.get(rep.id) ?? {},
      }),
    async update(update) {
      const field = layerField(update.scope);
      await deps.repo.set(field, applyTargetUpdate(await deps.repo.get(field), update));
      settings = await loadSettings();
      return settings;
    },
    async reload(today) {
      settings = await loadSettings();
      await loadMonthToDate(today);
    },
  };
}
