import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { idSchema } from '../../../shared/events/callEvent';
import { AdapterUsageError } from '../usage';

/**
 * The agents file: which source identity (a SIP user, a channel's user part, a mod_callcenter agent
 * name, a VICIdial user) is which rep, matched case-insensitively. Same file for every adapter:
 * `{ "agents": [{ "match": "1001", "rep": "rep-a1", "team": "team-a", "name": "Ann Lee" }] }`; an
 * entry may list several identities as `"endpoints": ["PJSIP/1001", "1001"]` instead (the Asterisk
 * adapter's form), and other top-level keys (its `pauseReasons`) are left to the adapters that use them.
 */
const key = z.string().trim().min(1).max(200);
const agentSchema = z
  .object({
    match: key.optional(),
    endpoints: z.array(key).min(1).max(100).optional(),
    rep: idSchema,
    team: idSchema.optional(),
    name: z.string().trim().min(1).max(80).optional(),
  })
  .refine((agent) => agent.match !== undefined || agent.endpoints !== undefined, 'give "match" or "endpoints"');
const agentsFileSchema = z.object({ agents: z.array(agentSchema).max(100_000) });

export interface Agent {
  rep: string;
  team?: string;
  name?: string;
}

export interface AgentDirectory {
  /** The first agent whose `match` equals one of the keys (in the keys' order). */
  find(keys: readonly (string | undefined)[]): Agent | undefined;
  /** The agent of a rep id (for a rep named directly, e.g. by a channel variable). */
  byRep(rep: string): Agent | undefined;
}

export function agentDirectory(entries: readonly z.infer<typeof agentSchema>[]): AgentDirectory {
  const byMatch = new Map<string, Agent>();
  const byRep = new Map<string, Agent>();
  for (const { match, endpoints, ...agent } of entries) {
    for (const key of [...(match ? [match] : []), ...(endpoints ?? [])]) {
      const known = byMatch.get(key.toLowerCase());
      if (known && known.rep !== agent.rep)
        throw new Error(`agents file: "${key}" is given to both ${known.rep} and ${agent.rep}`);
      byMatch.set(key.toLowerCase(), agent);
    }
    if (!byRep.has(agent.rep)) byRep.set(agent.rep, agent);
  }
  return {
    find(keys) {
      for (const key of keys) {
        const agent = key ? byMatch.get(key.toLowerCase()) : undefined;
        if (agent) return agent;
      }
      return undefined;
    },
    byRep: (rep) => byRep.get(rep),
  };
}

/** Parses an agents file's text; throws an Error naming the first problem. */
export function parseAgentsFile(text: string, where = 'agents file'): z.infer<typeof agentSchema>[] {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    // Not the parser's message: it quotes the file, and a wrong path may name a secret.
    throw new Error(`${where}: not JSON`);
  }
  const parsed = agentsFileSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`${where}: ${issue?.path.join('.') || 'file'}: ${issue?.message ?? 'invalid'}`);
  }
  return parsed.data.agents;
}

/** Reads and checks an agents file; a missing or bad file is a usage error (exit 2) naming the file. */
export async function loadAgentsFile(path: string): Promise<AgentDirectory> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new AdapterUsageError(`agents file ${path}: ${(error as Error).message}`);
  }
  let entries: ReturnType<typeof parseAgentsFile>;
  try {
    entries = parseAgentsFile(text, path); // its message names the file
  } catch (error) {
    throw new AdapterUsageError((error as Error).message);
  }
  try {
    return agentDirectory(entries);
  } catch (error) {
    throw new AdapterUsageError(`${path}: ${(error as Error).message}`);
  }
}
