import { z } from 'zod';
import { OUTCOMES, PAUSE_REASONS, type Outcome, type PauseReason } from '../../../shared/events/callEvent';

/** What a status code means: an outcome (with a refusal reason), and whether the call was answered. */
export interface StatusMeaning {
  outcome?: Outcome;
  reason?: string;
  answered: boolean;
}

const NOT_ANSWERED: readonly Outcome[] = ['no_answer', 'busy', 'invalid'];

/**
 * VICIdial's documented system and default agent statuses. An agent status not listed (a campaign's
 * own disposition) counts as an answered call without an outcome until --map names one.
 */
export const VICIDIAL_STATUSES: Readonly<Record<string, Omit<StatusMeaning, 'answered'> & { answered?: boolean }>> = {
  SALE: { outcome: 'sale' },
  XFER: { outcome: 'lead' },
  NI: { outcome: 'refused', reason: 'not_interested' },
  DNC: { outcome: 'refused', reason: 'do_not_call' },
  DNCL: { outcome: 'refused', reason: 'do_not_call' },
  CALLBK: { outcome: 'callback' },
  CBHOLD: { outcome: 'callback' },
  B: { outcome: 'busy' },
  AB: { outcome: 'busy' },
  NA: { outcome: 'no_answer' },
  AA: { outcome: 'no_answer' },
  N: { outcome: 'no_answer' },
  DC: { outcome: 'invalid' },
  ADC: { outcome: 'invalid' },
  A: { outcome: 'no_answer' }, // answering machine
  AM: { outcome: 'no_answer' },
  AL: { outcome: 'no_answer' },
  DROP: { outcome: 'no_answer' }, // answered, then dropped: no agent was free
  PDROP: { outcome: 'no_answer' },
};

/** VICIdial pause codes (`sub_status`) → contract pause reasons; any other code is `other`. */
export const VICIDIAL_PAUSE_CODES: Readonly<Record<string, PauseReason>> = {
  BREAK: 'break',
  BRK: 'break',
  LUNCH: 'lunch',
  LUNCHB: 'lunch',
  MEET: 'meeting',
  MTG: 'meeting',
  MEETNG: 'meeting',
  TRAIN: 'training',
  TRN: 'training',
};

const meaningSchema = z.union([
  z.enum(OUTCOMES),
  z.object({
    outcome: z.enum(OUTCOMES).optional(),
    reason: z.string().min(1).max(64).optional(),
    answered: z.boolean().optional(),
  }),
]);

/** The --map file: status and pause-code overrides, and (generic format) which column is what. */
export const mapFileSchema = z.object({
  statuses: z.record(z.string(), meaningSchema).default({}),
  pauseCodes: z.record(z.string(), z.enum(PAUSE_REASONS)).default({}),
  columns: z
    .object({
      call: z.string(),
      rep: z.string(),
      start: z.string(),
      answer: z.string().optional(),
      end: z.string().optional(),
      talkSeconds: z.string().optional(),
      status: z.string().optional(),
      amount: z.string().optional(),
      reason: z.string().optional(),
      followUpAt: z.string().optional(),
      contact: z.string().optional(),
    })
    .optional(),
});
export type MapFile = z.infer<typeof mapFileSchema>;

/** A status lookup: the map file's entries over the defaults (case-insensitive codes). */
export function statusTable(defaults: typeof VICIDIAL_STATUSES, overrides: MapFile['statuses']) {
  const table = new Map<string, StatusMeaning>();
  const put = (code: string, value: z.infer<typeof meaningSchema>) => {
    const entry = typeof value === 'string' ? { outcome: value } : value;
    const answered = entry.answered ?? !(entry.outcome && NOT_ANSWERED.includes(entry.outcome));
    table.set(code.trim().toUpperCase(), { ...entry, answered });
  };
  for (const [code, value] of Object.entries(defaults)) put(code, value);
  for (const [code, value] of Object.entries(overrides)) put(code, value);
  for (const outcome of OUTCOMES) if (!table.has(outcome.toUpperCase())) put(outcome, outcome);
  return (code: string): StatusMeaning | undefined => table.get(code.trim().toUpperCase());
}
