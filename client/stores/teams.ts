import { defineStore } from 'pinia';
import { shallowRef } from 'vue';
import { coalescedLoad } from './coalescedLoad';
import { fetchTeams } from '../api/teams';

/**
 * Team display names a supervisor set, loaded from GET /api/teams when the socket connects and
 * again when the server says they changed ('teams:changed'); not part of the floor's deltas.
 */
export const useTeamsStore = defineStore('teams', () => {
  // A Map: a team id such as "__proto__" is data, never an object key.
  const names = shallowRef<ReadonlyMap<string, string>>(new Map());
  /** Fetches the names; a call while one is in flight asks for one more fetch after it. */
  const load = coalescedLoad(async () => {
    const result = await fetchTeams();
    if (result.ok) names.value = new Map(result.value.teams.map((t) => [t.id, t.name]));
    return result.ok;
  });

  /** The team's display name, else its id. */
  function nameOf(team: string): string {
    return names.value.get(team) ?? team;
  }

  /** Sets one name locally (after a supervisor's change succeeded; the notice reloads them all). */
  function applyName(team: string, name: string | null): void {
    const next = new Map(names.value);
    if (name === null) next.delete(team);
    else next.set(team, name);
    names.value = next;
  }

  function reset(): void {
    names.value = new Map();
  }

  return { names, load, nameOf, applyName, reset };
});
