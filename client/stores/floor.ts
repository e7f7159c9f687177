import { defineStore } from 'pinia';
import { computed, ref, shallowRef, triggerRef } from 'vue';
import type { FloorDelta, FloorSettings, FloorSnapshot } from '../../shared/contracts/socket';
import { byTeamThenName, emptyTotals } from '../../shared/domain/floorView';
import type { RepView, TeamView, Totals } from '../../shared/domain/floorView';
import type { Rank } from '../../shared/domain/rank';
import type { Scope, Viewer } from '../../shared/domain/viewer';
import type { StreamId } from '../../shared/streamId';
import type { DayKey } from '../../shared/time';

export type DeltaResult = 'applied' | 'stale' | 'gap';

/** Reps of one team (or of no team: id null) in display order, with the team's totals from the server. */
export interface TeamGroup {
  id: string | null;
  reps: RepView[];
  totals: Totals | null;
}

/** The floor as last received: a snapshot plus the deltas that followed it in sequence. */
export const useFloorStore = defineStore('floor', () => {
  // A plain Map mutated in place and announced with triggerRef: hundreds of reps stay cheap
  // because Vue does not make every rep row deeply reactive.
  const reps = shallowRef(new Map<string, RepView>());
  /** Sequence of the last applied snapshot or delta; null until the first snapshot. */
  const seq = ref<number | null>(null);
  const cursor = ref<StreamId | null>(null);
  const day = ref<DayKey | null>(null);
  const settings = ref<FloorSettings | null>(null);
  const teams = shallowRef<TeamView[]>([]);
  const totals = shallowRef<Totals>(emptyTotals());
  /** What the feed covers (the floor, a team, one rep) and for whom, as the last snapshot said. */
  const scope = shallowRef<Scope | null>(null);
  const viewer = shallowRef<Viewer | null>(null);
  /** The rep's own standing (rep feeds only). */
  const rank = shallowRef<Rank | null>(null);

  const loaded = computed(() => seq.value !== null);
  const repCount = computed(() => reps.value.size);

  const groups = computed<TeamGroup[]>(() => {
    const teamTotals = new Map(teams.value.map((t) => [t.id, t.totals]));
    const result: TeamGroup[] = [];
    for (const rep of [...reps.value.values()].sort(byTeamThenName)) {
      let group = result.at(-1);
      if (!group || group.id !== rep.team) {
        group = { id: rep.team, reps: [], totals: rep.team === null ? null : (teamTotals.get(rep.team) ?? null) };
        result.push(group);
      }
      group.reps.push(rep);
    }
    return result;
  });

  /** AHT = (talk + wrap-up) / answered calls, over the whole floor, in seconds. */
  const averageHandleSeconds = computed<number | null>(() => {
    let handled = 0;
    let answered = 0;
    for (const rep of reps.value.values()) {
      handled += rep.talkSeconds + rep.wrapupSeconds;
      answered += rep.connects;
    }
    return answered > 0 ? Math.round(handled / answered) : null;
  });

  function applySnapshot(snapshot: FloorSnapshot): void {
    reps.value = new Map(snapshot.reps.map((rep) => [rep.id, rep]));
    seq.value = snapshot.seq;
    cursor.value = snapshot.cursor;
    day.value = snapshot.day;
    settings.value = snapshot.settings;
    teams.value = snapshot.teams;
    totals.value = snapshot.totals;
    scope.value = snapshot.scope;
    viewer.value = snapshot.viewer;
    rank.value = snapshot.rank;
  }

  function applyRank(next: Rank): void {
    rank.value = next;
  }

  /** Forgets everything, e.g. on sign-out, so the next person never sees the last one's floor. */
  function reset(): void {
    reps.value = new Map();
    seq.value = null;
    cursor.value = null;
    day.value = null;
    settings.value = null;
    teams.value = [];
    totals.value = emptyTotals();
    scope.value = null;
    viewer.value = null;
    rank.value = null;
  }

  /** Applies the next delta in sequence; anything else is reported so the caller can resync. */
  function applyDelta(delta: FloorDelta): DeltaResult {
    if (seq.value === null) return 'gap';
    if (delta.seq <= seq.value) return 'stale';
    if (delta.seq > seq.value + 1) return 'gap';
    const map = reps.value;
    for (const rep of delta.reps) map.set(rep.id, rep);
    for (const id of delta.removed) map.delete(id);
    triggerRef(reps);
    seq.value = delta.seq;
    cursor.value = delta.cursor;
    day.value = delta.day;
    teams.value = delta.teams;
    totals.value = delta.totals;
    return 'applied';
  }

  return {
    reps,
    seq,
    cursor,
    day,
    settings,
    teams,
    totals,
    scope,
    viewer,
    rank,
    loaded,
    repCount,
    groups,
    averageHandleSeconds,
    applySnapshot,
    applyDelta,
    applyRank,
    reset,
  };
});
