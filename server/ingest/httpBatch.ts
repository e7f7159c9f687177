import type { EpochMs } from '../../shared/time';
import { EVENT_TYPES } from '../../shared/events/callEvent';
import { parseCallEvent, streamEntrySchema } from '../../shared/events/parseCallEvent';
import type { StreamId } from '../../shared/streamId';

/**
 * The stream field that records which API key wrote an entry (the key's name; not the contract's
 * `source`, which is the lead source). The contract's
 * parser ignores fields it does not know, so the contract itself is unchanged; over HTTP a source
 * may not set it (the key decides).
 */
export const SOURCE_FIELD = 'via';
/** Fields of one event (the contract has at most 10; parseCallEvent refuses more than 32). */
const MAX_ITEM_FIELDS = 32;

/** The fields each event type may carry (from the stream schemas, so the two can never differ). */
const FIELDS_OF: ReadonlyMap<string, ReadonlySet<string>> = new Map(
  streamEntrySchema.options.map((option) => [option.shape.type.value, new Set(Object.keys(option.shape))]),
);

/** One good item: the flat fields to XADD, and what makes a retry of it recognisable. */
export interface PreparedEvent {
  fields: string[];
  /** `<type>:<call>` for call events, `<type>:<rep>:<ts>` for rep events. */
  dedupe: string;
}

export type BatchCheck =
  { ok: true; events: PreparedEvent[] } | { ok: false; errors: { index: number; reason: string }[] };

const quoted = (key: string) => JSON.stringify(key.slice(0, 40));

/**
 * Checks a batch of events as a source sends them over HTTP: the contract's fields as typed JSON
 * (strings, numbers for `ts`/`amount`/`followUpAt`). Each item goes through the same parser as a
 * stream entry (parseCallEvent, at `now` as its arrival), so the rules are the stream's; over HTTP
 * a field the type does not have is refused (a typo would otherwise be dropped in silence), and
 * rep events need `ts` (see `dedupe`). Every bad item is reported with its index.
 */
export function checkBatch(items: readonly unknown[], now: EpochMs, source: string, maxAheadMs?: number): BatchCheck {
  const events: PreparedEvent[] = [];
  const errors: { index: number; reason: string }[] = [];
  const arrival = `${Math.max(0, Math.floor(now))}-0` as StreamId;
  items.forEach((item, index) => {
    const result = checkItem(item, arrival, source, maxAheadMs);
    if (typeof result === 'string') errors.push({ index, reason: result });
    else events.push(result);
  });
  return errors.length > 0 ? { ok: false, errors } : { ok: true, events };
}

function checkItem(item: unknown, arrival: StreamId, source: string, maxAheadMs?: number): PreparedEvent | string {
  if (typeof item !== 'object' || item === null || Array.isArray(item)) return 'event: must be a JSON object';
  // JSON.parse makes "__proto__" an own key like any other: entries() sees it, nothing is inherited.
  const entries = Object.entries(item as Record<string, unknown>);
  if (entries.length > MAX_ITEM_FIELDS) return `event: more than ${MAX_ITEM_FIELDS} fields`;
  const type = entries.find(([key]) => key === 'type')?.[1];
  const allowed = typeof type === 'string' ? FIELDS_OF.get(type) : undefined;
  const fields: string[] = [];
  for (const [key, value] of entries) {
    if (key === SOURCE_FIELD) return `${SOURCE_FIELD}: set by the server from the API key's name; leave it out`;
    if (allowed && !allowed.has(key)) return `${quoted(key)}: not a field of ${type as string}`;
    if (typeof value === 'string') fields.push(key, value);
    else if (typeof value === 'number' && Number.isFinite(value)) fields.push(key, String(value));
    else return `${quoted(key)}: must be a string or a number`;
  }
  if (typeof type !== 'string' || !(EVENT_TYPES as readonly string[]).includes(type)) {
    // The parser words it as for a stream entry ("type: missing", "type: unknown event type ...").
    const parsed = parseCallEvent(arrival, fields, maxAheadMs);
    return parsed.ok ? 'type: missing' : parsed.reason;
  }
  const parsed = parseCallEvent(arrival, fields, maxAheadMs);
  if (!parsed.ok) return parsed.reason;
  const event = parsed.event;
  if ('call' in event) return { fields: [...fields, SOURCE_FIELD, source], dedupe: `${event.type}:${event.call}` };
  if (event.type === 'list.loaded') {
    if (!entries.some(([key]) => key === 'ts'))
      return 'ts: required for list.loaded over HTTP (list and ts tell a retry)';
    return { fields: [...fields, SOURCE_FIELD, source], dedupe: `${event.type}:${event.list}:${event.at}` };
  }
  // A rep event has no id of its own: its time is what tells a retry from the next pause.
  if (!entries.some(([key]) => key === 'ts'))
    return 'ts: required for rep events over HTTP (rep, type and ts tell a retry from a new event)';
  return { fields: [...fields, SOURCE_FIELD, source], dedupe: `${event.type}:${event.rep}:${event.at}` };
}
