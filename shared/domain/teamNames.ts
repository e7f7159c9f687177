import { z } from 'zod';

/** Longest team display name, in characters (a wall header and a table column must hold it). */
export const TEAM_NAME_MAX = 40;

/** A team's display name: trimmed, 1..TEAM_NAME_MAX characters of any script, no control characters. */
export const teamNameSchema = z
  .string()
  .trim()
  .min(1, 'must not be empty (send null to clear the name)')
  .refine((v) => [...v].length <= TEAM_NAME_MAX, `must be at most ${TEAM_NAME_MAX} characters`)
  // eslint-disable-next-line no-control-regex
  .refine((v) => !/[\u0000-\u001f\u007f]/.test(v), 'must not contain control characters');

/** PUT /api/teams/:team/name: a name, or null to go back to the team's id. */
export const teamNameUpdateSchema = z.object({ name: teamNameSchema.nullable() }).strict();
export type TeamNameUpdate = z.infer<typeof teamNameUpdateSchema>;

/** A team's display name, falling back to its id. */
export function teamDisplayName(names: ReadonlyMap<string, string>, team: string): string {
  return names.get(team) ?? team;
}
