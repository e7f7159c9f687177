import {
  calendarPosition,
  missingCalendarYears,
  type CalendarPosition,
  type WorkCalendar,
} from '../../shared/domain/calendar';
import {
  applyTargetUpdate,
  resolveCampaignTarget,
  daysOfMonthBefore,
  daysOfWeekBefore,
  emptyTargetSettings,
  resolveTargetView,
  resolveTargets,
  type MonthProgress,
  type ResolvedTargets,
  type TargetSettings,
  type TargetUpdate,
  type CampaignTargets,
} from '../../shared/domain/targetSettings';
import type { DailyTargets } from '../../shared/domain/targets';
import type { DayKey } from '../../shared/time';
import type { DayTotalsRepo } from '../redis/dayTotalsRepo';
import type { TargetsRepo } from '../redis/targetsRepo';

export interface TargetsService {
  settings(): TargetSettings;
  targetsFor(rep: { id: string; team: string | null }): DailyTargets;
  /** Month / week / day per metric for a rep, or (id null) a team's plan: a rep with nothing done yet. */
  viewFor(rep: { id: string | null; team: string | null }): ResolvedTargets;
  /** A campaign's targets for today (CampaignRow.target), null when none is set. */
  campaignTargetOf(campaign: string): CampaignTargets | null;
  /** The day targets were last loaded for, and where it stands in the calendar. */
  today(): { day: DayKey; position: CalendarPosition };
  /** The holiday calendar's years that matter today and that it lacks (shipped `cn` without 2027). */
  missingCalendarYears(): number[];
  /** Stores an update; every instance reloads on the bus message that follows. */
  update(update: TargetUpdate): Promise<TargetSettings>;
  /** Reloads settings and month-to-date figures (start, bus message, new day). */
  reload(today: DayKey): Promise<void>;
}

function layerField(scope: TargetUpdate['scope']): string {
  switch (scope.kind) {
    case 'floor':
      return 'floor';
    case 'team':
      return `team:${scope.team}`;
    case 'rep':
      return `rep:${scope.rep}`;
    case 'campaign':
      return `campaign:${scope.campaign}`;
  }
}

/** Resolved targets kept at most (reps of the floor and of days looked back on). */
const MAX_RESOLVED = 50_000;

/** Targets people set, kept in Redis, resolved per rep over the environment's defaults. */
export function createTargetsService(deps: {
  repo: TargetsRepo;
  defaults: DailyTargets;
  calendar: WorkCalendar;
  /** The years the holiday calendar has dates for; null when none is in use. */
  calendarYears?: readonly number[] | null;
  dayTotals: DayTotalsRepo;
}): TargetsService {
  let settings = emptyTargetSettings();
  let day: DayKey = '1970-01-01';
  let position: CalendarPosition = {
    ...{ working: true, holiday: false },
    ...{ monthLeft: 1, weekLeft: 1, weekLeftInMonth: 1 },
  };
  type Sums = Map<string, Partial<DailyTargets>>;
  let monthToDate: Sums = new Map();
  let weekToDate: Sums = new Map();
  let weekInMonth: Sums = new Map();
  // Each rep's resolved targets, until settings or the day's position change: every view change
  // asked for them (~3 % of the server's allocations at 2,000 events/s), and the same object
  // lets a view's comparison skip them. Bounded: cleared at MAX_RESOLVED entries.
  const resolved = new Map<string, DailyTargets>();

  async function loadSettings(): Promise<TargetSettings> {
    const next = emptyTargetSettings();
    for (const [field, layer] of await deps.repo.all()) {
      if (field === 'floor') next.floor = layer;
      else if (field.startsWith('team:')) next.teams[field.slice(5)] = layer;
      else if (field.startsWith('rep:')) next.reps[field.slice(4)] = layer;
      else if (field.startsWith('campaign:')) next.campaigns[field.slice(9)] = layer;
    }
    return next;
  }

  async function loadMonthToDate(today: DayKey): Promise<void> {
    const monthDays = daysOfMonthBefore(today);
    const weekDays = daysOfWeekBefore(today);
    const days = await deps.dayTotals.load([...new Set([...monthDays, ...weekDays])]);
    const month: Sums = new Map();
    const week: Sums = new Map();
    const both: Sums = new Map();
    const inMonth = new Set(monthDays);
    const inWeek = new Set(weekDays);
    for (const [key, reps] of days) {
      const into = [inMonth.has(key) && month, inWeek.has(key) && week, inMonth.has(key) && inWeek.has(key) && both];
      for (const [rep, t] of reps)
        for (const sums of into) {
          if (!sums) continue;
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
    [monthToDate, weekToDate, weekInMonth] = [month, week, both];
    day = today;
    position = calendarPosition(deps.calendar, today);
    resolved.clear();
  }

  function progressOf(rep: string | null): MonthProgress {
    const of = (sums: Sums) => (rep === null ? {} : (sums.get(rep) ?? {}));
    return {
      workingDaysLeft: position.monthLeft,
      achievedBeforeToday: of(monthToDate),
      workingToday: position.working,
      holiday: position.holiday,
      week: {
        workingDaysLeft: position.weekLeft,
        workingDaysLeftInMonth: position.weekLeftInMonth,
        achievedBeforeToday: of(weekToDate),
        achievedInMonthBeforeToday: of(weekInMonth),
      },
    };
  }

  return {
    settings: () => settings,
    targetsFor(rep) {
      const key = `${rep.id}\u0000${rep.team ?? ''}`;
      let targets = resolved.get(key);
      if (!targets) {
        if (resolved.size >= MAX_RESOLVED) resolved.clear();
        targets = Object.freeze(resolveTargets(settings, deps.defaults, rep, progressOf(rep.id)));
        resolved.set(key, targets);
      }
      return targets;
    },
    viewFor: (rep) => resolveTargetView(settings, deps.defaults, rep, progressOf(rep.id)),
    campaignTargetOf: (campaign) =>
      resolveCampaignTarget(settings.campaigns[campaign], {
        workingToday: position.working,
        holiday: position.holiday,
      }),
    today: () => ({ day, position }),
    missingCalendarYears: () => missingCalendarYears(deps.calendarYears ?? null, day),
    async update(update) {
      await deps.repo.update(layerField(update.scope), (layer) => applyTargetUpdate(layer, update));
      settings = await loadSettings();
      resolved.clear();
      return settings;
    },
    async reload(today) {
      settings = await loadSettings();
      resolved.clear();
      await loadMonthToDate(today);
    },
  };
}
