import type { Ack } from '../../shared/contracts/socket';
import { campaignRepView } from '../../shared/domain/campaignsView';
import type { RepView } from '../../shared/domain/floorView';
import {
  addDay,
  addDays,
  buildLeaderboard,
  periodDays,
  type LeaderboardInput,
  type LeaderboardQuery,
  type LeaderboardResponse,
  type LeaderboardRow,
} from '../../shared/domain/leaderboard';
import type { DailyTargets } from '../../shared/domain/targets';
import type { Viewer } from '../../shared/domain/viewer';
import type { Clock, DayKey, EpochMs } from '../../shared/time';
import type { DayTotals, DayTotalsRepo } from '../redis/dayTotalsRepo';
import type { FloorService } from '../floor/floorService';

export interface LeaderboardService {
  get(viewer: Viewer, query: LeaderboardQuery): Promise<Ack<LeaderboardResponse>>;
  /** Drops a cached past day (call after saving a closed day, so its final totals are read). */
  forget(day: DayKey): void;
}

export interface LeaderboardDeps {
  floor: Pick<FloorService, 'state' | 'view'>;
  dayTotals: Pick<DayTotalsRepo, 'load'>;
  localTime: { dayOf: (at: EpochMs) => DayKey };
  clock: Clock;
  /** Daily targets of a rep not on the floor today (targetPercent of past days). */
  targetsFor: (rep: { id: string; team: string | null }) => DailyTargets;
}

/** Yesterday may still get its final save (day close, another instance): re-read it after this. */
const RECENT_DAY_TTL_MS = 60_000;

/**
 * Who sees which board: supervisors and wallboards any board. Leads and reps the floor board
 * (ranking is public on a sales floor: reps race each other) and their own team's board; another
 * team's board is refused (403). A rep's answer carries the rep's own row.
 */
function mayRead(viewer: Viewer, team: string | null): boolean {
  if (viewer.kind === 'kiosk' || viewer.role === 'supervisor' || team === null) return true;
  return viewer.team === team;
}

export function createLeaderboardService(deps: LeaderboardDeps): LeaderboardService {
  const cache = new Map<DayKey, { reps: Map<string, DayTotals>; loadedAt: EpochMs }>();
  /** Per board: the order now and the order before its last change (movement is against it). */
  const standings = new Map<string, { current: Map<string, number>; previous: Map<string, number> }>();
  let standingsDay: DayKey | null = null;

  async function pastDays(days: readonly DayKey[], today: DayKey): Promise<Map<string, DayTotals>[]> {
    const now = deps.clock();
    const yesterday = addDays(today, -1);
    const fresh = (day: DayKey) => {
      const hit = cache.get(day);
      return hit && (day < yesterday || now - hit.loadedAt < RECENT_DAY_TTL_MS);
    };
    const missing = days.filter((day) => !fresh(day));
    if (missing.length > 0) {
      const loaded = await deps.dayTotals.load(missing);
      for (const day of missing) cache.set(day, { reps: loaded.get(day) ?? new Map(), loadedAt: now });
    }
    for (const day of cache.keys()) if (!days.includes(day) && day < addDays(today, -40)) cache.delete(day);
    return days.map((day) => cache.get(day)!.reps);
  }

  async function inputs(query: LeaderboardQuery, today: DayKey) {
    const days = periodDays(query.period, today);
    const liveDay = deps.floor.state().day;
    let live = liveDay !== null && days.includes(liveDay) ? deps.floor.view().reps : [];
    const { campaign } = query;
    if (campaign !== undefined) {
      // Every figure from that campaign's calls only (issue #15; the schema allows it for today only).
      const reps = deps.floor.state().reps;
      live = live.map((rep) => campaignRepView(rep, reps.get(rep.id), campaign));
    }
    const liveById = new Map<string, RepView>(live.map((rep) => [rep.id, rep]));
    const dailyTarget = (rep: string, team: string | null) =>
      (liveById.get(rep)?.targets ?? deps.targetsFor({ id: rep, team })).revenue;
    // The live day comes from memory only: its saved (periodic) totals would count it twice.
    const saved = await pastDays(
      days.filter((day) => day !== liveDay),
      today,
    );
    const sums = new Map<string, LeaderboardInput>();
    for (const reps of saved) {
      for (const [rep, totals] of reps) addDay(sums, rep, totals, dailyTarget(rep, totals.team));
    }
    for (const rep of live) addDay(sums, rep.id, rep, rep.targets.revenue);
    return { days, rows: [...sums.values()] };
  }

  function withMovement(key: string, rows: LeaderboardRow[]): LeaderboardRow[] {
    const order = new Map(rows.map((row) => [row.rep, row.position]));
    let standing = standings.get(key);
    if (!standing) standing = { current: order, previous: order };
    else if (!sameOrder(standing.current, order)) standing = { current: order, previous: standing.current };
    standings.set(key, standing);
    const previous = standing.previous;
    return rows.map((row) => {
      const before = previous.get(row.rep);
      return { ...row, movement: before === undefined ? 0 : before - row.position };
    });
  }

  return {
    async get(viewer, query) {
      const team = query.team ?? null;
      if (!mayRead(viewer, team)) return { ok: false, status: 403, error: 'you may see the floor and your own team' };
      const today = deps.localTime.dayOf(deps.clock());
      const { days, rows } = await inputs(query, today);
      const inScope = team === null ? rows : rows.filter((row) => row.team === team);
      const board = buildLeaderboard(inScope, query.metric).rows;
      // A new day starts every board afresh (today's board restarts from zero).
      if (today !== standingsDay) {
        standings.clear();
        standingsDay = today;
      }
      const ranked = withMovement(`${query.metric}|${query.period}|${team ?? ''}|${query.campaign ?? ''}`, board);
      const own =
        viewer.kind === 'user' && viewer.role === 'rep' ? (ranked.find((r) => r.rep === viewer.rep) ?? null) : null;
      return {
        ok: true,
        value: { metric: query.metric, period: query.period, team, from: days[0]!, to: today, rows: ranked, own },
      };
    },
    forget: (day) => void cache.delete(day),
  };
}

function sameOrder(a: ReadonlyMap<string, number>, b: ReadonlyMap<string, number>): boolean {
  if (a.size !== b.size) return false;
  for (const [rep, position] of a) if (b.get(rep) !== position) return false;
  return true;
}
