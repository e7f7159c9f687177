import {
  accumulate,
  byTeamThenName,
  emptyTotals,
  summarize,
  toRepView,
  type FloorView,
  type RepView,
  type Totals,
} from '../../shared/domain/floorView';
import { changedFields } from '../../shared/contracts/floorPatch';
import { rankReps, type Rank } from '../../shared/domain/rank';
import { emptyFloor, newRep, type FloorState, type RepState } from '../../shared/domain/repState';
import type { DailyTargets } from '../../shared/domain/targets';
import type { Scope } from '../../shared/domain/viewer';
import type { StreamId } from '../../shared/streamId';
import type { DayKey } from '../../shared/time';

/** What one applied batch changed, for the gateway to publish. */
export interface FloorChange {
  changed: string[];
  removed: string[];
}

export interface FloorService {
  state(): FloorState;
  /** Last stream entry read (good or dead-lettered). */
  cursor(): StreamId | null;
  /**
   * Takes the next state the ingest pipeline folded; `touched` names the reps its events were
   * about (only they can have changed, except on a new day when every rep resets).
   */
  commit(next: FloorState, cursor: StreamId, touched: Iterable<string>): FloorChange;
  /** Starts from a checkpoint, or from an empty floor of a given day (before any batch is applied). */
  restore(state: FloorState, cursor: StreamId | null): void;
  /** Recomputes every rep's view (targets changed); returns the ids. */
  refreshAll(): string[];
  view(scope?: Scope): FloorView;
  /** Totals without the rep list (cheap enough for every delta). */
  summary(scope?: Scope): Omit<FloorView, 'reps'>;
  repViews(ids: readonly string[]): RepView[];
  /**
   * The fields (floorPatch.ts mask) each rep's view changed in since the last call for it, and
   * forgets them: the gateway takes them once per publish and hands them to every feed.
   */
  takeChangedFields(ids: readonly string[]): number[];
  /** Views of every rep of a state the floor does not hold (a day's closing figures). */
  viewsOf(state: FloorState): RepView[];
  /** A rep's view, or an empty one for a rep not seen today. */
  repView(id: string, team?: string | null): RepView;
  /** The floor's totals alone (a copy): cheaper than summary() on every batch. */
  totals(): Totals;
  /** Bumped whenever a view changes without a new fold state (targets). */
  generation(): number;
  /** Standing of every rep, recomputed at most once per change. */
  ranks(): ReadonlyMap<string, Rank>;
}

export interface FloorServiceDeps {
  targetsFor: (rep: { id: string; team: string | null }) => DailyTargets;
  /** The local day to start in, so that older entries are skipped on replay too; null: the first event's. */
  today: DayKey | null;
}

const FLOOR: Scope = { kind: 'floor' };

/** Holds the floor's live state in memory and keeps the wire views in step; the fold decides (in server/ingest). */
export function createFloorService(deps: FloorServiceDeps): FloorService {
  let state: FloorState = { ...emptyFloor(), day: deps.today };
  let cursor: StreamId | null = null;
  const views = new Map<string, RepView>();
  let ranks: Map<string, Rank> | null = null;
  let generation = 0;

  // Team feeds need their team's reps on every delta: an index keeps that O(team), not O(floor).
  const teams = new Map<string, Set<string>>();
  // Totals follow every view change incrementally: deltas and alerts read them after each batch.
  const floorTotals = emptyTotals();
  const teamTotals = new Map<string, Totals>();
  function account(view: RepView, sign: 1 | -1): void {
    accumulate(floorTotals, view, sign);
    if (view.team === null) return;
    let totals = teamTotals.get(view.team);
    if (!totals) teamTotals.set(view.team, (totals = emptyTotals()));
    accumulate(totals, view, sign);
    if (totals.reps === 0) teamTotals.delete(view.team);
  }
  const copy = (totals: Totals): Totals => ({
    ...totals,
    byStatus: { ...totals.byStatus },
    targets: { ...totals.targets },
  });

  // Fields changed per rep since the gateway last took them (OR of every view change in between).
  const dirty = new Map<string, number>();

  const toView = (rep: RepState) => toRepView(rep, deps.targetsFor(rep));
  function setView(view: RepView): void {
    const old = views.get(view.id);
    const fields = changedFields(old, view);
    if (fields !== 0) dirty.set(view.id, (dirty.get(view.id) ?? 0) | fields);
    if (old) account(old, -1);
    account(view, 1);
    if (old?.team !== view.team) {
      if (old?.team) teams.get(old.team)?.delete(view.id);
      if (view.team) (teams.get(view.team) ?? teams.set(view.team, new Set()).get(view.team)!).add(view.id);
    }
    views.set(view.id, view);
  }
  function viewAll(): void {
    for (const rep of state.reps.values()) setView(toView(rep));
  }
  function deleteView(id: string): void {
    const old = views.get(id);
    if (old) account(old, -1);
    const team = old?.team;
    if (team) teams.get(team)?.delete(id);
    views.delete(id);
    dirty.delete(id);
  }
  function inScope(scope: Scope): RepView[] {
    if (scope.kind === 'floor') return [...views.values()];
    if (scope.kind === 'team') return [...(teams.get(scope.team) ?? [])].flatMap((id) => views.get(id) ?? []);
    const rep = views.get(scope.rep);
    return rep ? [rep] : [];
  }

  function commit(next: FloorState, nextCursor: StreamId, touched: Iterable<string>): FloorChange {
    cursor = nextCursor;
    const before = state;
    state = next;
    if (state.reps === before.reps) return { changed: [], removed: [] };
    const newDay = before.day !== state.day;
    // Only reps named by the batch can change, except on a new day when every rep resets.
    const candidates = newDay ? state.reps.keys() : new Set(touched);
    const changed: string[] = [];
    for (const id of candidates) {
      const rep = state.reps.get(id);
      if (!rep || before.reps.get(id) === rep) continue;
      setView(toView(rep));
      changed.push(id);
    }
    const removed: string[] = [];
    if (newDay) {
      for (const id of before.reps.keys()) {
        if (state.reps.has(id)) continue;
        deleteView(id);
        removed.push(id);
      }
    }
    if (changed.length > 0 || removed.length > 0) ranks = null;
    return { changed, removed };
  }

  return {
    state: () => state,
    cursor: () => cursor,
    commit,
    generation: () => generation,
    totals: () => copy(floorTotals),
    restore(restored, restoredCursor) {
      [state, cursor, ranks] = [restored, restoredCursor, null];
      viewAll();
      // Nobody holds an older view: clients of a restored floor start from its snapshot.
      dirty.clear();
    },
    refreshAll() {
      generation++;
      viewAll();
      return [...views.keys()];
    },
    view(scope = FLOOR) {
      const reps = inScope(scope).sort(byTeamThenName);
      return { day: state.day, reps, ...summarize(reps) };
    },
    summary(scope = FLOOR) {
      if (scope.kind === 'rep') return { day: state.day, ...summarize(inScope(scope)) };
      if (scope.kind === 'team') {
        const totals = copy(teamTotals.get(scope.team) ?? emptyTotals());
        return { day: state.day, totals, teams: totals.reps > 0 ? [{ id: scope.team, totals }] : [] };
      }
      const teamList = [...teamTotals.entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([id, totals]) => ({ id, totals: copy(totals) }));
      return { day: state.day, totals: copy(floorTotals), teams: teamList };
    },
    repViews: (ids) => ids.flatMap((id) => views.get(id) ?? []),
    takeChangedFields(ids) {
      return ids.map((id) => {
        const fields = dirty.get(id) ?? 0;
        dirty.delete(id);
        return fields;
      });
    },
    viewsOf: (other) => [...other.reps.values()].map(toView),
    repView(id, team = null) {
      const known = views.get(id);
      if (known) return known;
      const empty = { ...newRep(id, 0), team };
      return toRepView(empty, deps.targetsFor(empty));
    },
    ranks() {
      ranks ??= rankReps(views.values());
      return ranks;
    },
  };
}
