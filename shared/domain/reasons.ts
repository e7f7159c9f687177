import { PAUSE_REASONS } from '../events/callEvent';

/**
 * Refusal reasons the floor knows by name: what the demo simulator sends and what dialers commonly
 * send. Any other code is still counted and shown exactly as the source sent it.
 */
export const REFUSAL_REASONS = [
  'not_interested',
  'price',
  'too_expensive',
  'no_budget',
  'has_provider',
  'competitor',
  'no_need',
  'call_later',
  'timing',
  'do_not_call',
  'not_decision_maker',
  'wrong_person',
] as const;
export type RefusalReason = (typeof REFUSAL_REASONS)[number];

export type ReasonKind = 'refusal' | 'pause';

/** One entry of the catalogue: a code and the message that names it (client/locales). */
export interface ReasonEntry {
  kind: ReasonKind;
  code: string;
  /** The locale message key: `refusal.<code>` or `pause.<code>`. */
  messageKey: string;
}

/**
 * The catalogue of reason codes shown in words: every refusal and pause reason, one list. (A later
 * version lets a supervisor edit it; everything reads it through reasonEntry.)
 */
export const REASON_CATALOGUE: readonly ReasonEntry[] = [
  ...REFUSAL_REASONS.map((code) => ({ kind: 'refusal' as const, code, messageKey: `refusal.${code}` })),
  ...PAUSE_REASONS.map((code) => ({ kind: 'pause' as const, code, messageKey: `pause.${code}` })),
];

// A Map, not an object: a code such as "__proto__" or "constructor" from a dialer is data, never a key.
const BY_KIND_CODE = new Map<string, ReasonEntry>(REASON_CATALOGUE.map((e) => [`${e.kind}\u0000${e.code}`, e]));

/** The catalogue's entry for a code, or null for a code it does not know (then shown as sent). */
export function reasonEntry(kind: ReasonKind, code: string): ReasonEntry | null {
  return BY_KIND_CODE.get(`${kind}\u0000${code}`) ?? null;
}
