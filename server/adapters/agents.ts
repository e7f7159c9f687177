import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { PAUSE_REASONS, idSchema, type PauseReason } from '../../shared/events/callEvent';
import { AdapterUsageError } from './usage';

/**
 * The agents file (`--agents agents.json`): which phone endpoint, queue member interface or agent is
 * which rep. Shared by the PBX adapters; an endpoint is matched case-insensitively.
 *
 * {
 *   "agents": [{ "rep": "rep-001", "name": "Li Na", "team": "team-a", "endpoints": ["PJSIP/1001", "Agent/1001"] }],
 *   "pauseReasons": { "smoke": "break" }
 * }
 */
export interface Agent {
  rep: string;
  name?: string;
  team?: string;
}

export interface AgentDirectory {
  /** The rep behind an endpoint (`PJSIP/1001`), or undefined. */
  byEndpoint(endpoint: string): Agent | undefined;
  /** A source's own pause reason, mapped: the file's table first, then the built-in one, else `other`. */
  pauseReason(sourceReason: string): PauseReason;
}

const agentsFileSchema = z.strictObject({
  agents: z
    .array(
      z.strictObject({
        rep: idSchema,
        name: z.string().trim().min(1).max(80).optional(),
        team: idSchema.optional(),
        endpoints: z.array(z.string().trim().min(1).max(200)).min(1),
      }),
    )
    .max(100_000),
  pauseReasons: z.record(z.string().min(1).max(100), z.enum(PAUSE_REASONS)).optional(),
});

export type AgentsFile = z.input<typeof agentsFileSchema>;

/** Words floors use for a pause, by the contract's reason (lower-case, matched whole). */
const BUILT_IN_REASONS: Record<string, PauseReason> = {
  break: 'break',
  coffee: 'break',
  toilet: 'break',
  restroom: 'break',
  bathroom: 'break',
  rest: 'break',
  lunch: 'lunch',
  meal: 'lunch',
  dinner: 'lunch',
  meeting: 'meeting',
  huddle: 'meeting',
  briefing: 'meeting',
  training: 'training',
  coaching: 'training',
  other: 'other',
};

export function createAgentDirectory(file: AgentsFile): AgentDirectory {
  const parsed = agentsFileSchema.parse(file);
  const endpoints = new Map<string, Agent>();
  for (const { endpoints: keys, ...agent } of parsed.agents) {
    for (const key of keys) {
      const known = endpoints.get(key.toLowerCase());
      if (known && known.rep !== agent.rep)
        throw new Error(`agents file: endpoint ${key} is given to both ${known.rep} and ${agent.rep}`);
      endpoints.set(key.toLowerCase(), agent);
    }
  }
  const reasons = new Map(Object.entries(parsed.pauseReasons ?? {}).map(([k, v]) => [k.trim().toLowerCase(), v]));
  return {
    byEndpoint: (endpoint) => endpoints.get(endpoint.toLowerCase()),
    pauseReason(sourceReason) {
      const key = sourceReason.trim().toLowerCase();
      return reasons.get(key) ?? BUILT_IN_REASONS[key] ?? 'other';
    },
  };
}

/** Reads and checks an agents file; the error names the file and the first problem. */
export async function loadAgentDirectory(path: string): Promise<AgentDirectory> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new AdapterUsageError(`agents file ${path}: ${(error as Error).message}`, { cause: error });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    // Not the parser's message: it quotes the file, and a wrong path may name a secret.
    throw new AdapterUsageError(`agents file ${path}: not valid JSON`);
  }
  try {
    return createAgentDirectory(json as AgentsFile);
  } catch (error) {
    const issue = error instanceof z.ZodError ? error.issues[0] : undefined;
    const why = issue ? `${issue.path.join('.') || 'file'}: ${issue.message}` : (error as Error).message;
    throw new AdapterUsageError(`agents file ${path}: ${why}`, { cause: error });
  }
}
