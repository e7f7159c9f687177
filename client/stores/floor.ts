import { defineStore } from 'pinia';
import { computed, ref, shallowRef, triggerRef } from 'vue';
import { applyRepPatch, applyTeamPatches, decodeTotals, ownTotals } from '../../shared/contracts/floorPatch';
import type { FloorDelta, FloorSettings, FloorSnapshot } from '../../shared/contracts/socket';
import { byTeamThenName, emptyTotals } from '../../shared/domain/floorView';
import type { RepView, TeamView, Totals } from '../../shared/domain/floorView';
import type { Rank } from '../../shared/domain/rank';
import type { Scope, Viewer } from '../../shared/domain/viewer';
import type { StreamId } from '../../shared/streamId';
import type { DayKey } from '../../shared/time';
import { averageHandleSeconds as averageHandle } from './support/teamGroups';
import type { TeamGroup } from './support/teamGroups';

export type DeltaResult = 'applied' | 'stale' | 'gap';

export type { TeamGroup } from './support/teamGroups';

/** Totals compared by value: every delta carries every team's totals afresh. */
function sameTotals(a: Totals | null, b: Totals | null): boolean {
  if (a === b) return true;
  if (a === null || b === null) return false;
  for (const key of Object.keys(a) as (keyof Totals)[]) {
    const x = a[key];
    const y = b[key];
    if (x === y) continue;
    if (typeof x !== 'object' || typeof y !== 'object') return false;
    const xs = x as unknown as Record<string, unknown>;
    const ys = y as unknown as Record<string, unknown>;
    for (const k of Object.keys(xs)) if (xs[k] !== ys[k]) return false;
    if (Object.keys(ys).length !== Object.keys(xs).length) return false;
  }
  return Object.keys(b).length === Object.keys(a).length;
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

  /**
   * Reps by team in display order. Kept, not recomputed: sorted only when the set of reps or a
   * rep's team or name changes (a snapshot, a rep joining or leaving); any other delta replaces
   * the changed rows in place, in new group objects for the teams touched, so a team whose reps
   * and totals did not change keeps its group object and its section does not re-render.
   */
  const groups = shallowRef<TeamGroup[]>([]);
  /** Where each rep sits in `groups`: group index and index within the group. */
  let placeOf = new Map<string, { group: number; index: number }>();

  function regroup(): void {
    const teamTotals = new Map(teams.value.map((t) => [t.id, t.totals]));
    const result: TeamGroup[] = [];
    const places = new Map<string, { group: number; index: number }>();
    for (const rep of [...reps.value.values()].sort(byTeamThenName)) {
      let group = result.at(-1);
      if (!group || group.id !== rep.team) {
        group = { id: rep.team, reps: [], totals: rep.team === null ? null : (teamTotals.get(rep.team) ?? null) };
        result.push(group);
      }
      places.set(rep.id, { group: result.length - 1, index: group.reps.length });
      group.reps.push(rep);
    }
    placeOf = places;
    groups.value = result;
  }

  /** Same order as before: changed rows replaced, team totals replaced where they changed. */
  function patchGroups(changed: readonly RepView[]): void {
    const next = groups.value.slice();
    const copied = new Set<number>();
    const own = (i: number): TeamGroup => {
      if (!copied.has(i)) {
        next[i] = { ...next[i]!, reps: next[i]!.reps.slice() };
        copied.add(i);
      }
      return next[i]!;
    };
    for (const rep of changed) {
      const place = placeOf.get(rep.id)!;
      own(place.group).reps[place.index] = rep;
    }
    const teamTotals = new Map(teams.value.map((t) => [t.id, t.totals]));
    next.forEach((group, i) => {
      const latest = group.id === null ? null : (teamTotals.get(group.id) ?? null);
      if (!sameTotals(group.totals, latest)) own(i).totals = latest;
    });
    if (copied.size > 0) groups.value = next;
  }

  /** AHT = (talk + wrap-up) / answered calls, over the whole floor, in seconds. */
  const averageHandleSeconds = computed<number | null>(() => averageHandle(reps.value.values()));

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
    regroup();
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
    regroup();
  }

  /**
   * Applies the next delta in sequence; anything else is reported so the caller can resync. The
   * one place patches meet the store: a patch that cannot be applied (a rep this client never
   * received whole, a malformed row) is a gap too, and nothing of the delta is applied.
   */
  function applyDelta(delta: FloorDelta): DeltaResult {
    if (seq.value === null) return 'gap';
    if (delta.seq <= seq.value) return 'stale';
    if (delta.seq > seq.value + 1) return 'gap';
    const map = reps.value;
    const changed: RepView[] = [];
    for (const patch of delta.reps) {
      const next = applyRepPatch(map.get(patch[0]), patch, delta.serverNow);
      if (!next) return 'gap';
      changed.push(next);
    }
    let nextTeams = applyTeamPatches(teams.value, delta.teams);
    let nextTotals = delta.totals === undefined ? totals.value : decodeTotals(delta.totals);
    if (!nextTeams || !nextTotals) return 'gap';
    // Reordering is needed only when a rep joins or leaves, or changes team or name.
    let reorder = false;
    for (const rep of changed) {
      const before = map.get(rep.id);
      if (!before || before.team !== rep.team || before.name !== rep.name) reorder = true;
      map.set(rep.id, rep);
    }
    for (const id of delta.removed) if (map.delete(id)) reorder = true;
    if (scope.value?.kind === 'rep') ({ teams: nextTeams, totals: nextTotals } = ownTotals(map.values()));
    triggerRef(reps);
    seq.value = delta.seq;
    cursor.value = delta.cursor;
    day.value = delta.day;
    if (nextTeams !== teams.value) teams.value = nextTeams;
    if (nextTotals !== totals.value) totals.value = nextTotals;
    if (reorder) regroup();
    else patchGroups(changed);
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
