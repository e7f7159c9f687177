import type { CallEvent } from '../../shared/events/callEvent';
import { foldCallEvents, type FoldRules } from '../../shared/domain/fold';
import { byTeamThenName, summarize, toRepView, type FloorView, type RepView } from '../../shared/domain/floorView';
import { emptyFloor, type FloorState, type RepState } from '../../shared/domain/repState';
import type { DailyTargets } from '../../shared/domain/targets';
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
  apply(events: readonly CallEvent[], cursor: StreamId): FloorChange;
  view(): FloorView;
  /** Floor and team totals without the rep list (cheap enough for every delta). */
  summary(): Omit<FloorView, 'reps'>;
  repViews(ids: readonly string[]): RepView[];
}

export interface FloorServiceDeps {
  rules: FoldRules;
  targetsFor: (rep: RepState) => DailyTargets;
  /** The local day the server starts in, so late entries of yesterday are skipped on replay too. */
  today: DayKey;
}

/** Holds the floor state in memory; the fold decides, this keeps the wire views in step. */
export function createFloorService(deps: FloorServiceDeps): FloorService {
  let state: FloorState = { ...emptyFloor(), day: deps.today };
  let cursor: StreamId | null = null;
  const views = new Map<string, RepView>();

  function apply(events: readonly CallEvent[], nextCursor: StreamId): FloorChange {
    cursor = nextCursor;
    const before = state;
    state = foldCallEvents(state, events, deps.rules);
    if (state.reps === before.reps) return { changed: [], removed: [] };
    // Only reps named by the batch can change, except on a new day when every rep resets.
    const candidates = before.day === state.day ? new Set(events.map((e) => e.rep)) : state.reps.keys();
    const changed: string[] = [];
    for (const id of candidates) {
      const rep = state.reps.get(id);
      if (!rep || before.reps.get(id) === rep) continue;
      views.set(id, toRepView(rep, deps.targetsFor(rep)));
      changed.push(id);
    }
    const removed: string[] = [];
    if (before.day !== state.day) {
      for (const id of before.reps.keys()) {
        if (state.reps.has(id)) continue;
        views.delete(id);
        removed.push(id);
      }
    }
    return { changed, removed };
  }

  return {
    state: () => state,
    cursor: () => cursor,
    apply,
    view() {
      const reps = [...views.values()].sort(byTeamThenName);
      return { day: state.day, reps, ...summarize(reps) };
    },
    summary: () => ({ day: state.day, ...summarize([...views.values()]) }),
    repViews: (ids) => ids.flatMap((id) => views.get(id) ?? []),
  };
}
