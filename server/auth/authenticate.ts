import type { Viewer } from '../../shared/domain/viewer';
import type { AccountRepo } from '../redis/accountRepo';
import type { KioskRepo } from '../redis/kioskRepo';
import type { SessionRepo } from '../redis/sessionRepo';

/** A presented token resolved to a viewer; `key` names the session for revocation. */
export interface Authenticated {
  viewer: Viewer;
  key: string;
  /** When the session ends by itself; null for kiosks (until revoked). */
  expiresAt: number | null;
}

export type Authenticate = (token: string | undefined) => Promise<Authenticated | null>;

/**
 * Tokens are log-in sessions or kiosk tokens: created by a supervisor, or wallboard tokens from
 * the environment, which start() stores with the others (KioskRepo.adopt) so that they are
 * listed and revoked alike. The account is read on every check, so a role change or removal
 * counts at once.
 */
export function createAuthenticator(deps: {
  sessions: SessionRepo;
  accounts: AccountRepo;
  kiosks: KioskRepo;
}): Authenticate {
  return async (token) => {
    if (!token || token.length > 256 || !/^[A-Za-z0-9_-]+$/.test(token)) return null;
    const session = await deps.sessions.lookup(token);
    if (session) {
      const user = await deps.accounts.get(session.username);
      if (!user) return null;
      const viewer: Viewer | null =
        user.role === 'supervisor'
          ? { kind: 'user', username: user.username, role: 'supervisor' }
          : user.role === 'lead' && user.team
            ? { kind: 'user', username: user.username, role: 'lead', team: user.team }
            : user.role === 'rep' && user.rep
              ? { kind: 'user', username: user.username, role: 'rep', rep: user.rep, team: user.team }
              : null;
      return viewer ? { viewer, key: session.key, expiresAt: session.expiresAt } : null;
    }
    const kiosk = await deps.kiosks.lookup(token);
    if (kiosk) return { viewer: { kind: 'kiosk', id: kiosk.id, name: kiosk.name }, key: kiosk.key, expiresAt: null };
    return null;
  };
}
