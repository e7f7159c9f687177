import { routes, teamsResponseSchema } from '../../shared/contracts/http';
import { api } from './http';

/** Team display names (teams without one are absent: they show their id). */
export const fetchTeams = () => api.get(routes.teams, teamsResponseSchema);

/** Names a team (supervisor), or clears its name with null. */
export const setTeamName = (team: string, name: string | null) =>
  api.put<{ id: string; name: string }>(routes.teamName(team), { name });
