import type { Ack } from '../../shared/contracts/socket';
import type { WorkCalendar } from '../../shared/domain/calendar';
import {
  daysToLoad,
  historyDays,
  repHistory,
  teamHistory,
  type HistoryInput,
  type HistoryQuery,
  type HistoryResponse,
} from '../../shared/domain/history';
import type { TargetSettings } from '../../shared/domain/targetSettings';
import type { DailyTargets } from '../../shared/domain/targets';
import type { Viewer } from '../../shared/domain/viewer';
import type { Clock, DayKey, EpochMs } from '../../shared/time';
import type { FloorService } from '../floor/floorService';
import type { DayTotalsRepo } from '../redis/dayTotalsRepo';

export interface HistoryService {
  get(viewer: Viewer, query: HistoryQuery): Promise<Ack<HistoryResponse>>;
}

export interface HistoryDeps {
  floor: Pick<FloorService, 'state' | 'view'>;
  dayTotals: Pick<DayTotalsRepo, 'load' | 'loadRep'>;
  targets: { settings(): TargetSettings };
  defaults: DailyTargets;
  calendar: WorkCalendar;
  localTime: { dayOf: (at: EpochMs) => DayKey };
  clock: Clock;
}

const refused = (error: string): Ack<never> => ({ ok: false, status: 403, error });

/**
 * Per business day figures of a rep or a team against that day's targets, from the saved day
 * totals (today from the live floor). Who may ask: a rep their own; a lead their team and the reps
 * in it now; a supervisor anyone; a wallboard nobody (403, never an empty answer).
 */
export function createHistoryService(deps: HistoryDeps): HistoryService {
  function liveReps(liveDay: DayKey | null, range: readonly DayKey[]) {
    return liveDay !== null && range.includes(liveDay) ? deps.floor.view().reps : [];
  }

  async function input(range: DayKey[], rep: string | null): Promise<HistoryInput> {
    const liveDay = deps.floor.state().day;
    const load = daysToLoad(range).filter((day) => day !== liveDay);
    const saved = rep === null ? await deps.dayTotals.load(load) : await deps.dayTotals.loadRep(load, rep);
    return {
      range,
      saved,
      liveDay,
      live: liveReps(liveDay, range),
      settings: deps.targets.settings(),
      defaults: deps.defaults,
      calendar: deps.calendar,
    };
  }

  /** The rep's team now: on the floor today, else the latest saved day in range; null when never seen. */
  function currentTeam(data: HistoryInput, rep: string): { seen: boolean; team: string | null; name: string } {
    const live = data.live.find((r) => r.id === rep);
    if (live) return { seen: true, team: live.team, name: live.name };
    for (let i = data.range.length - 1; i >= 0; i--) {
      const saved = data.saved.get(data.range[i]!)?.get(rep);
      if (saved) return { seen: true, team: saved.team, name: saved.name };
    }
    return { seen: false, team: null, name: rep };
  }

  return {
    async get(viewer, query) {
      if (viewer.kind === 'kiosk') return refused('history is for signed-in people, not wallboards');
      const range = historyDays(deps.localTime.dayOf(deps.clock()), query.days);
      const from = range[0]!;
      const to = range[range.length - 1]!;
      if (query.team !== undefined) {
        const team = query.team;
        if (viewer.role === 'rep') return refused('a rep sees their own history only');
        if (viewer.role === 'lead' && viewer.team !== team) return refused('a lead sees their own team only');
        const data = await input(range, null);
        return { ok: true, value: { subject: { kind: 'team', team }, from, to, days: teamHistory(data, team) } };
      }
      const rep = query.rep!;
      if (viewer.role === 'rep' && viewer.rep !== rep) return refused('a rep sees their own history only');
      const data = await input(range, rep);
      const now = currentTeam(data, rep);
      if (viewer.role === 'lead' && (!now.seen || now.team !== viewer.team))
        return refused('a lead sees the reps of their own team only');
      if (viewer.role === 'supervisor' && !now.seen)
        return { ok: false, status: 404, error: `no figures for rep ${rep} in the last ${query.days} days` };
      const subject = { kind: 'rep' as const, rep, name: now.name };
      return { ok: true, value: { subject, from, to, days: repHistory(data, rep) } };
    },
  };
}
