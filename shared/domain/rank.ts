import type { RepView } from './floorView';

/** A rep's place on the floor and in the team (1 = best). */
export interface Rank {
  floor: number;
  floorSize: number;
  team: number | null;
  teamSize: number | null;
}

/**
 * The floor's standing order: deals, then revenue, leads, effective calls, dials; ties broken by
 * rep id so that the order is stable.
 */
export function compareStanding(a: RepView, b: RepView): number {
  return (
    b.deals - a.deals ||
    b.revenue - a.revenue ||
    b.leads - a.leads ||
    b.effectiveCalls - a.effectiveCalls ||
    b.dials - a.dials ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}

/** Ranks of every rep on the floor and within their team. */
export function rankReps(reps: Iterable<RepView>): Map<string, Rank> {
  const sorted = [...reps].sort(compareStanding);
  const teamSizes = new Map<string, number>();
  for (const rep of sorted) if (rep.team !== null) teamSizes.set(rep.team, (teamSizes.get(rep.team) ?? 0) + 1);
  const teamSeen = new Map<string, number>();
  const ranks = new Map<string, Rank>();
  sorted.forEach((rep, index) => {
    let team: number | null = null;
    if (rep.team !== null) {
      team = (teamSeen.get(rep.team) ?? 0) + 1;
      teamSeen.set(rep.team, team);
    }
    ranks.set(rep.id, {
      floor: index + 1,
      floorSize: sorted.length,
      team,
      teamSize: rep.team === null ? null : (teamSizes.get(rep.team) ?? null),
    });
  });
  return ranks;
}
