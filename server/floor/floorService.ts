import type { CallEvent } from '../../shared/events/callEvent';
import { foldCallEvents, type FoldRules } from '../../shared/domain/fold';
import { byTeamThenName, summarize, toRepView, type FloorView, type RepView } from '../../shared/domain/floorView';
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
  /** Set when the batch began a new day: the last views of the day that ended. */
  closedDay: { day: DayKey; reps: RepView[] } | null;
}

export interface FloorService {
  state(): FloorState;
  /** Last stream entry read (good or dead-lettered). */
  cursor(): StreamId | null;
  apply(events: readonly CallEvent[], cursor: StreamId): FloorChange;
  /** Recomputes every rep's view (targets changed); returns the ids. */
  refreshAll(): string[];
  view(scope?: Scope): FloorView;
  /** Totals without the rep list (cheap enough for every delta). */
  summary(scope?: Scope): Omit<FloorView, 'reps'>;
  repViews(ids: readonly string[]): RepView[];
  /** A rep's view, or an empty one for a rep not seen today. */
  repView(id: string, team?: string | null): RepView;
  /** Standing of every rep, recomputed at most once per change. */
  ranks(): ReadonlyMap<string, Rank>;
}

export interface FloorServiceDeps {
  rules: FoldRules;
  targetsFor: (rep: { id: string; team: string | null }) => DailyTargets;
  /** The local day the server starts in, so late entries of yesterday are skipped on replay too. */
  today: DayKey;
}

const FLOOR: Scope = { kind: 'floor' };

/** Holds the floor state in memory; the fold decides, this keeps the wire views in step. */
export function createFloorService(deps: FloorServiceDeps): FloorService {
  let state: FloorState = { ...emptyFloor(), day: deps.today };
  let cursor: StreamId | null = null;
  const views = new Map<string, RepView>();
  let ranks: Map<string, Rank> | null = null;

  // Team feeds need their team's reps on every delta: an index keeps that O(team), not O(floor).
  const teams = new Map<string, Set<string>>();

  const toView = (rep: RepState) => toRepView(rep, deps.targetsFor(rep));
  function setView(view: RepView): void {
    const old = views.get(view.id);
    if (old?.team !== view.team) {
      if (old?.team) teams.get(old.team)?.delete(view.id);
      if (view.team) (teams.get(view.team) ?? teams.set(view.team, new Set()).get(view.team)!).add(view.id);
    }
    views.set(view.id, view);
  }
  function deleteView(id: string): void {
    const team = views.get(id)?.team;
    if (team) teams.get(team)?.delete(id);
    views.delete(id);
  }
  function inScope(scope: Scope): RepView[] {
    if (scope.kind === 'floor') return [...views.values()];
    if (scope.kind === 'team') return [...(teams.get(scope.team) ?? [])].flatMap((id) => views.get(id) ?? []);
    const rep = views.get(scope.rep);
    return rep ? [rep] : [];
  }

  function apply(events: readonly CallEvent[], nextCursor: StreamId): FloorChange {
    cursor = nextCursor;
    const before = state;
    state = foldCallEvents(state, events, deps.rules);
    if (state.reps === before.reps) return { changed: [], removed: [], closedDay: null };
    const newDay = before.day !== state.day;
    const closedDay = newDay && before.day !== null ? { day: before.day, reps: [...views.values()] } : null;
    // Only reps named by the batch can change, except on a new day when every rep resets.
    const candidates = newDay ? state.reps.keys() : new Set(events.map((e) => e.rep));
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
    return { changed, removed, closedDay };
  }

  return {
    state: () => state,
    cursor: () => cursor,
    apply,
    refreshAll() {
      for (const rep of state.reps.values()) setView(toView(rep));
      return [...views.keys()];
    },
    view(scope = FLOOR) {
      const reps = inScope(scope).sort(byTeamThenName);
      return { day: state.day, reps, ...summarize(reps) };
    },
    summary: (scope = FLOOR) => ({ day: state.day, ...summarize(inScope(scope)) }),
    repViews: (ids) => ids.flatMap((id) => views.get(id) ?? []),
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
