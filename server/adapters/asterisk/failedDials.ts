import type { Outcome } from '../../../shared/events/callEvent';

/**
 * How a call that was never answered ends, from the Dial application's DIALSTATUS (DialEnd's
 * `DialStatus`) and the Q.850 hangup causes of the call's channels (Hangup's `Cause`). The README's
 * "Failed dials" table mirrors these two tables. DialStatus decides when it is one of its own;
 * otherwise the first cause seen (in arrival order) that the cause table knows; otherwise no
 * outcome (the call counts as a dial, and its outcome may still come from the CRM).
 */
export const DIAL_STATUS_OUTCOMES: Readonly<Record<string, Outcome>> = {
  BUSY: 'busy',
  NOANSWER: 'no_answer',
  /** The rep gave up while it rang. */
  CANCEL: 'no_answer',
};

export const CAUSE_OUTCOMES: Readonly<Record<number, Outcome>> = {
  1: 'invalid', // unallocated (unassigned) number
  3: 'invalid', // no route to destination
  22: 'invalid', // number changed
  28: 'invalid', // invalid number format (address incomplete)
  17: 'busy', // user busy
  18: 'no_answer', // no user responding
  19: 'no_answer', // no answer from user (user alerted)
  20: 'no_answer', // subscriber absent
  21: 'no_answer', // call rejected (declined without answering)
};

export function failedDialOutcome(dialStatus: string | undefined, causes: readonly number[]): Outcome | undefined {
  const byStatus = dialStatus ? DIAL_STATUS_OUTCOMES[dialStatus.toUpperCase()] : undefined;
  if (byStatus) return byStatus;
  for (const cause of causes) {
    const outcome = CAUSE_OUTCOMES[cause];
    if (outcome) return outcome;
  }
  return undefined;
}
