import type { CallEvent } from '../../../shared/events/callEvent';
import { streamEntrySchema, toStreamFields } from '../../../shared/events/parseCallEvent';
import type { EpochMs } from '../../../shared/time';
import type { Rng } from './random';

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** A valid event as the simulator emits it: Redis assigns the entry ID. */
export type SimEvent = DistributiveOmit<CallEvent, 'id'>;

export const FAULT_KINDS = ['unknown_type', 'missing_rep', 'bad_ts', 'huge_field', 'bad_outcome'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

/** A deliberately malformed entry (fault injection): raw fields the ingestion must dead-letter. */
export interface SimFault {
  fault: FaultKind;
  at: EpochMs;
  fields: string[];
}

export type SimEntry = SimEvent | SimFault;

export const isFault = (entry: SimEntry): entry is SimFault => 'fault' in entry;

/** The flat field list for XADD. */
export function entryFields(entry: SimEntry): string[] {
  return isFault(entry) ? entry.fields : toStreamFields(entry);
}

/** Checks an event against the ingestion schema; a failure is a simulator bug, not bad luck. */
export function assertValid(event: SimEvent): void {
  const fields = toStreamFields(event);
  const record: Record<string, string> = {};
  for (let i = 0; i + 1 < fields.length; i += 2) record[fields[i] as string] = fields[i + 1] as string;
  const parsed = streamEntrySchema.safeParse(record);
  if (!parsed.success) {
    throw new Error(`simulator produced an invalid event ${JSON.stringify(event)}: ${parsed.error.message}`);
  }
}

/** A malformed entry of a random kind, looking like what a broken adapter would write. */
export function makeFault(rng: Rng, at: EpochMs, rep: string, call: string): SimFault {
  const fault = rng.pick(FAULT_KINDS);
  const ts = String(at);
  const fields: Record<FaultKind, () => string[]> = {
    unknown_type: () => ['type', rng.pick(['call.transfer', 'rep.coffee', 'CALL.DIAL', '']), 'rep', rep, 'ts', ts],
    missing_rep: () => ['type', 'call.dial', 'call', call, 'ts', ts],
    bad_ts: () => ['type', 'rep.ready', 'rep', rep, 'ts', rng.pick(['yesterday', '-1', '1.7e12', '2026-03-02T09:00Z'])],
    huge_field: () => ['type', 'rep.login', 'rep', rep, 'ts', ts, 'name', 'x'.repeat(rng.int(1100, 5000))],
    bad_outcome: () => [
      'type',
      'call.outcome',
      'rep',
      rep,
      'call',
      call,
      'ts',
      ts,
      'outcome',
      rng.pick(['sale', 'maybe']),
      // A sale without amount counts (amount unknown); a malformed one is still refused.
      'amount',
      'lots',
    ],
  };
  return { fault, at, fields: fields[fault]() };
}
