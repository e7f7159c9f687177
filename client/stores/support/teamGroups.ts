import type { RepView, TeamView, Totals } from '../../../shared/domain/floorView';

/** Reps of one team (or of no team: id null) in display order, with the team's totals from the server. */
export interface TeamGroup {
  id: string | null;
  reps: RepView[];
  totals: Totals | null;
}

/**
 * Reps already in display order (team, then name) cut into one group per run of the same team,
 * each with that team's totals (null for reps without a team or a team the answer does not list).
 */
export function groupByTeam(reps: Iterable<RepView>, teams: readonly TeamView[]): TeamGroup[] {
  const teamTotals = new Map(teams.map((t) => [t.id, t.totals]));
  const result: TeamGroup[] = [];
  for (const rep of reps) {
    let group = result.at(-1);
    if (!group || group.id !== rep.team) {
      group = { id: rep.team, reps: [], totals: rep.team === null ? null : (teamTotals.get(rep.team) ?? null) };
      result.push(group);
    }
    group.reps.push(rep);
  }
  return result;
}

/** AHT = (talk + wrap-up) / answered calls over these reps, in whole seconds; null before any answered call. */
export function averageHandleSeconds(reps: Iterable<RepView>): number | null {
  let handled = 0;
  let answered = 0;
  for (const rep of reps) {
    handled += rep.talkSeconds + rep.wrapupSeconds;
    answered += rep.connects;
  }
  return answered > 0 ? Math.round(handled / answered) : null;
}
