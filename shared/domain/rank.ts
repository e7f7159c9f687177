import type { RepView } from './floorView';
import { competitionRanks } from './leaderboard';

/**
 * A rep's place on the floor and in the team (1 = best). Reps with the same figures share a
 * place (standard competition ranking: 1, =2, =2, 4); `floorTied` / `teamTied` say so.
 */
export interface Rank {
  floor: number;
  floorSize: number;
  team: number | null;
  teamSize: number | null;
  floorTied?: boolean;
  teamTied?: boolean;
}

/** The standing order without the rep-id tie-break: 0 when two reps' figures are all equal. */
function compareFigures(a: RepView, b: RepView): number {
  return (
    b.deals - a.deals ||
    b.revenue - a.revenue ||
    b.leads - a.leads ||
    b.effectiveCalls - a.effectiveCalls ||
    b.dials - a.dials
  );
}

/**
 * The floor's standing order: deals, then revenue, leads, effective calls, dials; ties broken by
 * rep id so that the order is stable (the rank of tied reps is shared all the same).
 */
export function compareStanding(a: RepView, b: RepView): number {
  return compareFigures(a, b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** Ranks of every rep on the floor and within their team; equal figures share a rank. */
export function rankReps(reps: Iterable<RepView>): Map<string, Rank> {
  const sorted = [...reps].sort(compareStanding);
  const same = (a: RepView, b: RepView) => compareFigures(a, b) === 0;
  const floor = competitionRanks(sorted, same);
  const byTeam = new Map<string, RepView[]>();
  for (const rep of sorted) {
    if (rep.team === null) continue;
    let members = byTeam.get(rep.team);
    if (!members) byTeam.set(rep.team, (members = []));
    members.push(rep);
  }
  const teamRanks = new Map<string, { rank: number; tied: boolean; size: number }>();
  for (const members of byTeam.values()) {
    competitionRanks(members, same).forEach((r, i) => teamRanks.set(members[i]!.id, { ...r, size: members.length }));
  }
  const ranks = new Map<string, Rank>();
  sorted.forEach((rep, index) => {
    const team = teamRanks.get(rep.id);
    ranks.set(rep.id, {
      floor: floor[index]!.rank,
      floorSize: sorted.length,
      team: team?.rank ?? null,
      teamSize: team?.size ?? null,
      floorTied: floor[index]!.tied,
      teamTied: team?.tied ?? false,
    });
  });
  return ranks;
}
