import type { SourceEvent } from '../../../shared/events/callEvent';
import { streamEntrySchema, toStreamFields } from '../../../shared/events/parseCallEvent';

/**
 * Why an event would be dead-lettered by the server (checked with the stream's own schemas), or
 * null when it is sound. Adapters check before writing, so a bad detail is reported at the source.
 */
export function contractProblem(event: SourceEvent): string | null {
  const fields = toStreamFields(event);
  const record: Record<string, string> = {};
  for (let i = 0; i + 1 < fields.length; i += 2) record[fields[i] as string] = fields[i + 1] as string;
  const parsed = streamEntrySchema.safeParse(record);
  if (parsed.success) return null;
  const issue = parsed.error.issues[0];
  return `${issue?.path.join('.') || 'event'}: ${issue?.message ?? 'invalid'}`;
}

/** A call-back time as the contract takes it: ms since the epoch, or an ISO-8601 time. */
export function parseFollowUp(value: string): number | null {
  const ms = /^\d{1,15}$/.test(value) ? Number(value) : Date.parse(value);
  return Number.isFinite(ms) ? ms : null;
}

/**
 * An outcome event with its details; a detail the contract refuses is dropped (and named in
 * `problem`) so the outcome itself still counts.
 */
export function outcomeEvent(base: Extract<SourceEvent, { type: 'call.outcome' }>): {
  event: SourceEvent;
  problem: string | null;
} {
  const problem = contractProblem(base);
  if (!problem) return { event: base, problem: null };
  const bare: SourceEvent = {
    type: 'call.outcome',
    rep: base.rep,
    call: base.call,
    at: base.at,
    outcome: base.outcome,
  };
  return { event: bare, problem: `${problem} (the outcome is kept without its details)` };
}
