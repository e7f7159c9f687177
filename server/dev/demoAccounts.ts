import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { createAccountRepo } from '../redis/accountRepo';
import { createKioskRepo } from '../redis/kioskRepo';

export interface DemoAccounts {
  password: string;
  supervisor: string;
  leads: { username: string; team: string }[];
  reps: { username: string; rep: string; team: string; name: string }[];
  kioskToken: string;
}

/**
 * The demo's people: a supervisor, the leads of the first two teams and those teams' reps, all
 * with one fresh random password, plus a named kiosk token for the TV. Nothing ships with a
 * default password: these exist only in the demo's private Redis.
 */
export async function createDemoAccounts(
  redisUrl: string,
  prefix: string,
  floorReps: readonly { id: string; name: string; team: string }[],
): Promise<DemoAccounts> {
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
  try {
    const accounts = createAccountRepo(redis, prefix);
    const password = randomBytes(9).toString('base64url');
    const now = Date.now();
    const teams = [...new Set(floorReps.map((r) => r.team))].sort().slice(0, 2);
    await accounts.add({ username: 'supervisor', password, role: 'supervisor' }, now);
    const leads = teams.map((team) => ({ username: `lead-${team.replace(/^team-/, '')}`, team }));
    for (const lead of leads) await accounts.add({ ...lead, password, role: 'lead' }, now);
    const reps = floorReps
      .filter((r) => teams.includes(r.team))
      .map((r) => ({ username: r.id, rep: r.id, team: r.team, name: r.name }));
    for (const rep of reps)
      await accounts.add({ username: rep.username, password, role: 'rep', rep: rep.rep, team: rep.team }, now);
    const { token } = await createKioskRepo(redis, prefix).create('Demo TV', 'supervisor', now);
    return { password, supervisor: 'supervisor', leads, reps, kioskToken: token };
  } finally {
    redis.disconnect();
  }
}

/** The lines the demo prints about its accounts. */
export function describeDemoAccounts(accounts: DemoAccounts, baseUrl: string): string {
  const reps = accounts.reps;
  const sample = (team: string) =>
    reps
      .filter((r) => r.team === team)
      .slice(0, 3)
      .map((r) => r.username)
      .join(', ');
  return [
    `  Sign in at ${baseUrl}/login — every demo account's password is: ${accounts.password}`,
    `    supervisor:  ${accounts.supervisor}`,
    ...accounts.leads.map(
      (l) =>
        `    lead of ${l.team}:  ${l.username}   (reps ${sample(l.team)}, … ${reps.filter((r) => r.team === l.team).length} in all)`,
    ),
    `    reps sign in with their rep id, e.g. ${reps[0]?.username ?? 'rep-001'}`,
  ].join('\n');
}
