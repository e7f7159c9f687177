import type { RosterEntry } from '../../shared/domain/alerts';
import type { AccountRepo } from '../redis/accountRepo';

/** The rep accounts are the floor's roster: who should be logged in at shift start. */
export function createRoster(accounts: Pick<AccountRepo, 'list'>) {
  let roster: RosterEntry[] = [];
  return {
    current: () => roster,
    async refresh(): Promise<void> {
      roster = (await accounts.list()).flatMap((u) =>
        u.role === 'rep' && u.rep ? [{ rep: u.rep, team: u.team }] : [],
      );
    },
  };
}
