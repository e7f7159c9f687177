import { callIdSchema, idSchema, type CallEvent } from '../../../shared/events/callEvent';
import { streamEntrySchema, toStreamFields } from '../../../shared/events/parseCallEvent';
import type { EpochMs } from '../../../shared/time';
import type { Rng } from './random';

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/**
 * Market feedback on an outcome (common contract of issues #15/#16): `tags` (at most 10 codes, id
 * charset; written comma-separated) and `remark` (free text, at most 200 chars).
 */
export interface Feedback {
  tags?: string[];
  remark?: string;
}

/** A valid event as the simulator emits it: Redis assigns the entry ID. */
export type SimEvent =
  DistributiveOmit<CallEvent, 'id'> extends infer E ? (E extends { type: 'call.outcome' } ? E & Feedback : E) : never;

/**
 * Events of the new types (issues #15/#16) the simulator sends beside the call events, on their own
 * channel (`FloorModel.nextNotices`): the ingestion dead-letters them until its parser knows them.
 */
export type SimNotice =
  | { type: 'list.loaded'; at: EpochMs; list: string; size: number; campaign?: string }
  | {
      type: 'lead.handoff';
      at: EpochMs;
      rep: string;
      lead: string;
      to: string;
      call?: string;
      campaign?: string;
      customer?: string;
      contact?: string;
      amount?: number;
    }
  | { type: 'lead.accepted'; at: EpochMs; rep: string; lead: string; by: string }
  | { type: 'lead.rejected'; at: EpochMs; rep: string; lead: string; by: string; reason: string }
  | {
      type: 'lead.closed';
      at: EpochMs;
      rep: string;
      lead: string;
      result: 'won' | 'lost';
      amount?: number;
      by?: string;
    };

export const isNotice = (entry: SimEntry | SimNotice): entry is SimNotice =>
  'type' in entry && (entry.type === 'list.loaded' || entry.type.startsWith('lead.'));

/** Flat XADD fields of a notice (`at` as `ts`, like call events). */
export function noticeFields(notice: SimNotice): string[] {
  const out: string[] = [];
  for (const [key, value] of Object.entries(notice)) {
    if (value !== undefined) out.push(key === 'at' ? 'ts' : key, String(value));
  }
  return out;
}

/** Checks a notice against the common contract (the parser does not know these types yet). */
export function assertValidNotice(notice: SimNotice): void {
  const bad = (why: string) => new Error(`simulator produced an invalid notice ${JSON.stringify(notice)}: ${why}`);
  const id = (value: string | undefined, name: string, schema = idSchema) => {
    if (value !== undefined && !schema.safeParse(value).success) throw bad(`${name} "${value}"`);
  };
  if (!Number.isInteger(notice.at) || notice.at < 0) throw bad('at');
  if (notice.type === 'list.loaded') {
    id(notice.list, 'list');
    id(notice.campaign, 'campaign');
    if (!Number.isInteger(notice.size) || notice.size < 0 || notice.size > 100_000_000) throw bad('size');
    return;
  }
  id(notice.rep, 'rep');
  id(notice.lead, 'lead', callIdSchema);
  if (notice.type === 'lead.handoff') {
    id(notice.to, 'to');
    id(notice.call, 'call', callIdSchema);
    id(notice.campaign, 'campaign');
  } else {
    id(notice.by, 'by');
    if (notice.type === 'lead.rejected') id(notice.reason, 'reason');
  }
}

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
  if (event.type === 'call.outcome') {
    const { tags, remark } = event;
    const badTags = tags !== undefined && (tags.length > 10 || tags.some((t) => !idSchema.safeParse(t).success));
    if (badTags || (remark !== undefined && (remark.length === 0 || remark.length > 200)))
      throw new Error(`simulator produced invalid feedback ${JSON.stringify({ tags, remark })}`);
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
