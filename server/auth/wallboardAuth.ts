import { createHash, timingSafeEqual } from 'node:crypto';
import type { Viewer } from '../../shared/contracts/socket';

/** Turns a presented token into a viewer, or null when it is unknown. */
export type Authenticate = (token: string | undefined) => Viewer | null;

const digest = (token: string) => createHash('sha256').update(token).digest();

/** Read-only wallboard tokens from configuration; compared in constant time. */
export function createWallboardAuth(tokens: readonly string[]): Authenticate {
  const known = tokens.map((token, index) => ({ digest: digest(token), name: `wallboard-${index + 1}` }));
  return (token) => {
    if (!token || token.length > 256) return null;
    const presented = digest(token);
    let viewer: Viewer | null = null;
    for (const entry of known)
      if (timingSafeEqual(entry.digest, presented)) viewer = { kind: 'wallboard', name: entry.name };
    return viewer;
  };
}
