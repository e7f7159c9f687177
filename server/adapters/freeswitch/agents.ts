import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { idSchema } from '../../../shared/events/callEvent';

/**
 * The agents file: which source identity (a SIP user, a channel's user part, a mod_callcenter agent
 * name, a VICIdial user) is which rep. Same shape for every adapter:
 * `{ "agents": [{ "match": "1001", "rep": "rep-a1", "team": "team-a", "name": "Ann Lee" }] }`.
 */
const agentSchema = z.object({
  match: z.string().min(1).max(200),
  rep: idSchema,
  team: idSchema.optional(),
  name: z.string().trim().min(1).max(80).optional(),
});
const agentsFileSchema = z.object({ agents: z.array(agentSchema).max(10_000) });

export type Agent = z.infer<typeof agentSchema>;

export interface AgentDirectory {
  /** The first agent whose `match` equals one of the keys (in the keys' order). */
  find(keys: readonly (string | undefined)[]): Agent | undefined;
  /** The agent of a rep id (for a rep named directly, e.g. by a channel variable). */
  byRep(rep: string): Agent | undefined;
}

export function agentDirectory(agents: readonly Agent[]): AgentDirectory {
  const byMatch = new Map<string, Agent>();
  const byRep = new Map<string, Agent>();
  for (const agent of agents) {
    if (!byMatch.has(agent.match)) byMatch.set(agent.match, agent);
    if (!byRep.has(agent.rep)) byRep.set(agent.rep, agent);
  }
  return {
    find(keys) {
      for (const key of keys) {
        const agent = key ? byMatch.get(key) : undefined;
        if (agent) return agent;
      }
      return undefined;
    },
    byRep: (rep) => byRep.get(rep),
  };
}

/** Parses an agents file's text; throws an Error naming the first problem. */
export function parseAgentsFile(text: string, where = 'agents file'): Agent[] {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new Error(`${where}: not JSON (${(error as Error).message})`);
  }
  const parsed = agentsFileSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`${where}: ${issue?.path.join('.') || 'file'}: ${issue?.message ?? 'invalid'}`);
  }
  return parsed.data.agents;
}

export async function loadAgentsFile(path: string): Promise<AgentDirectory> {
  return agentDirectory(parseAgentsFile(await readFile(path, 'utf8'), path));
}
