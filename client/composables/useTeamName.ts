import { useTeamsStore } from '../stores/teams';

/** `teamName(id)`: the display name a supervisor gave the team, else its id. */
export function useTeamName(): (team: string) => string {
  const teams = useTeamsStore();
  return (team) => teams.nameOf(team);
}
