/**
 * The log-in policy (the Redis side is server/redis/loginThrottle.ts). Every attempt is taken
 * from the allowance before the password is checked, so parallel guesses cannot overrun it.
 *
 * Per account: the first USER_FREE_ATTEMPTS attempts since the last good log-in are free; after
 * that each attempt waits 1 s, 2 s, 4 s, ... (at most MAX_DELAY_MS) after the previous one. One
 * attempt is forgiven per DECAY_MS without attempts, so the back-off fades by itself and a stray
 * typo now and then never keeps an account slowed down. A good password clears the account.
 *
 * Per client address: at most `addressFailures` (FLOORBOARD_LOGIN_ADDRESS_FAILURES) failed
 * attempts per ADDRESS_WINDOW_MS across all accounts. Good log-ins give their attempt back, and
 * an attempt refused by the account's back-off never reaches the address budget, so a whole
 * office behind one NAT signs in freely and a guess storm on one account costs the address only
 * the few attempts that reached the password check.
 */
export const USER_FREE_ATTEMPTS = 5;
export const MAX_DELAY_MS = 5 * 60_000;
export const DECAY_MS = 60_000;
export const ADDRESS_WINDOW_MS = 15 * 60_000;

/** The wait after `attempts` attempts: none within the free ones, then 1 s, 2 s, 4 s, ... up to 5 minutes. */
export function delayAfter(attempts: number, free = USER_FREE_ATTEMPTS): number {
  if (attempts < free) return 0;
  return Math.min(1000 * 2 ** Math.min(attempts - free, 30), MAX_DELAY_MS);
}

export type ThrottleVerdict = { allowed: true } | { allowed: false; retryAfterMs: number; by: 'account' | 'address' };

export interface LoginThrottle {
  /** Takes one attempt for the account and the address; call before checking the password. */
  take(username: string, address: string, now: number): Promise<ThrottleVerdict>;
  /** A good password: the account starts afresh and the address gets its attempt back. */
  succeeded(username: string, address: string): Promise<void>;
}
