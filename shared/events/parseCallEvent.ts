import { z } from 'zod';
import { streamIdTime, type StreamId } from '../streamId';
import {
  EVENT_TYPES,
  MAX_REMARK_CHARS,
  MAX_TAGS,
  LEAD_RESULTS,
  OUTCOMES,
  PAUSE_REASONS,
  MAX_LIST_SIZE,
  callIdSchema,
  callerIdSchema,
  causeSchema,
  customerSchema,
  idSchema,
  type CallEvent,
  type SourceEvent,
} from './callEvent';

/** Largest accepted field value; anything longer is hostile or broken. */
const MAX_FIELD_CHARS = 1024;
const MAX_FIELDS = 32;

/**
 * How far `ts` may run ahead of the entry's own ID time (when Redis accepted it). A producer's
 * clock a little fast is tolerated; beyond this an entry would move the floor into a future day
 * (blanking every counter) or pin a rep's status, so it is dead-lettered instead.
 */
export const MAX_TS_AHEAD_MS = 5 * 60_000;
/** A call-back is a future time by nature, but not one more than this from the call (either way). */
export const MAX_FOLLOW_UP_MS = 400 * 86_400_000;

const epochMs = z
  .string()
  .regex(/^\d{1,15}$/, 'must be ms since the Unix epoch')
  .transform(Number);

const followUp = z.string().transform((value, ctx) => {
  const ms = /^\d{1,15}$/.test(value) ? Number(value) : Date.parse(value);
  if (!Number.isFinite(ms)) {
    ctx.addIssue({ code: 'custom', message: 'must be ms since the epoch or ISO-8601' });
    return z.NEVER;
  }
  return ms;
});

const amount = z
  .string()
  .regex(/^\d{1,9}(\.\d{1,2})?$/, 'must be a non-negative amount with at most 2 decimals')
  .transform(Number);

/** C0 and C1 control characters (DEL included): never part of a name or a reason. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
/**
 * Invisible characters stripped from names: zero-width (U+200B-U+200D, U+2060, U+FEFF) and bidi
 * controls (U+200E/F, U+061C, U+202A-U+202E, U+2066-U+2069). Two tiles must not read the same
 * while their texts differ, nor a name reorder what follows it.
 */
const INVISIBLE = /[\u200b-\u200f\u2060\ufeff\u061c\u202a-\u202e\u2066-\u2069]/g;

/** Free text from a producer (a rep's name, a refusal reason): visible characters only, NFC. */
const text = (max: number) =>
  z
    .string()
    .refine((value) => !CONTROL.test(value), 'must not contain control characters')
    .transform((value) => value.replace(INVISIBLE, '').normalize('NFC'))
    .pipe(z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} chars`));

/** `tags`: comma-separated codes (id charset), at most MAX_TAGS; a code given twice counts once. */
const tags = z.string().transform((value, ctx) => {
  const codes = value.split(',').map((code) => code.trim());
  if (codes.length > MAX_TAGS) {
    ctx.addIssue({ code: 'custom', message: `must be at most ${MAX_TAGS} comma-separated codes` });
    return z.NEVER;
  }
  if (codes.some((code) => !/^[A-Za-z0-9._-]{1,64}$/.test(code))) {
    ctx.addIssue({ code: 'custom', message: 'must be comma-separated codes of 1-64 chars of A-Za-z0-9._-' });
    return z.NEVER;
  }
  return [...new Set(codes)];
});

const base = { rep: idSchema, ts: epochMs.optional() };
// Optional on every call event (issue #15); `customer` and `contact` are personal data.
const call = {
  ...base,
  call: callIdSchema,
  campaign: idSchema.optional(),
  list: idSchema.optional(),
  source: idSchema.optional(),
  callerId: callerIdSchema.optional(),
  customer: customerSchema.optional(),
  contact: text(80).optional(),
};

/** Schemas of the flat string fields of each event type (the ingestion contract). */
export const streamEntrySchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('rep.login'), ...base, name: text(80).optional(), team: idSchema.optional() }),
  z.object({ type: z.literal('rep.logout'), ...base }),
  z.object({ type: z.literal('rep.pause'), ...base, reason: z.enum(PAUSE_REASONS) }),
  z.object({ type: z.literal('rep.ready'), ...base }),
  z.object({ type: z.literal('call.dial'), ...call }),
  z.object({ type: z.literal('call.answer'), ...call }),
  z.object({ type: z.literal('call.hangup'), ...call, cause: causeSchema.optional() }),
  // A missing detail (sale without amount, refused without reason, call-back without time) is
  // accepted: the outcome counts with the detail unknown. A malformed detail is still refused.
  z.object({
    type: z.literal('call.outcome'),
    ...call,
    outcome: z.enum(OUTCOMES),
    amount: amount.optional(),
    reason: text(64).optional(),
    followUpAt: followUp.optional(),
    cause: causeSchema.optional(),
    tags: tags.optional(),
    remark: text(MAX_REMARK_CHARS).optional(),
  }),
  // A list loaded into the dialer (issue #15): no rep; the size counts customers on the list.
  z.object({
    type: z.literal('list.loaded'),
    ts: epochMs.optional(),
    list: idSchema,
    size: z
      .string()
      .regex(/^\d{1,9}$/, `must be a whole number 0..${MAX_LIST_SIZE}`)
      .transform(Number)
      .pipe(z.number().max(MAX_LIST_SIZE, `must be a whole number 0..${MAX_LIST_SIZE}`)),
    campaign: idSchema.optional(),
  }),
  // Lead handoffs (issue #16): `rep` is the originating rep; `lead` has the call id's charset.
  z.object({
    type: z.literal('lead.handoff'),
    ...base,
    lead: callIdSchema,
    to: idSchema,
    call: callIdSchema.optional(),
    campaign: idSchema.optional(),
    customer: customerSchema.optional(),
    contact: text(80).optional(),
    amount: amount.optional(),
  }),
  z.object({ type: z.literal('lead.accepted'), ...base, lead: callIdSchema, by: idSchema }),
  z.object({ type: z.literal('lead.rejected'), ...base, lead: callIdSchema, by: idSchema, reason: idSchema }),
  z.object({
    type: z.literal('lead.closed'),
    ...base,
    lead: callIdSchema,
    result: z.enum(LEAD_RESULTS),
    amount: amount.optional(),
    by: idSchema.optional(),
  }),
]);

/** The raw field map an adapter writes (what `XADD` receives). */
export type StreamEntryFields = z.input<typeof streamEntrySchema>;

/**
 * A parsed event, or why the entry goes to the dead-letter stream. `code` marks the failures the
 * health view reports on their own: `ts_ahead` is a producer whose clock runs fast.
 */
export type ParseResult = { ok: true; event: CallEvent } | { ok: false; reason: string; code?: 'ts_ahead' };

/**
 * Turns one stream entry (ID plus the flat field list Redis returns) into a typed event.
 * Never throws: a bad entry yields the reason, destined for the dead-letter stream.
 */
export function parseCallEvent(
  id: StreamId,
  fieldList: readonly string[],
  maxAheadMs: number = MAX_TS_AHEAD_MS,
): ParseResult {
  if (fieldList.length > MAX_FIELDS * 2) return { ok: false, reason: `entry: more than ${MAX_FIELDS} fields` };
  // No prototype: a field named "constructor" or "__proto__" is just an unknown field, not a duplicate.
  const fields = Object.create(null) as Record<string, string>;
  for (let i = 0; i + 1 < fieldList.length; i += 2) {
    const key = fieldList[i] as string;
    const value = fieldList[i + 1] as string;
    if (value.length > MAX_FIELD_CHARS) return { ok: false, reason: `${key}: longer than ${MAX_FIELD_CHARS} chars` };
    if (key in fields) return { ok: false, reason: `${key}: given twice` };
    fields[key] = value;
  }
  if (!(EVENT_TYPES as readonly string[]).includes(fields.type ?? '')) {
    return {
      ok: false,
      reason: fields.type ? `type: unknown event type "${fields.type.slice(0, 40)}"` : 'type: missing',
    };
  }
  const parsed = streamEntrySchema.safeParse(fields);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? issue.path.join('.') : 'entry';
    return { ok: false, reason: `${where}: ${issue?.message ?? 'invalid'}` };
  }
  const { ts, ...rest } = parsed.data;
  const arrival = streamIdTime(id);
  if (ts !== undefined && ts - arrival > maxAheadMs) {
    const reason = `ts: ${duration(ts - arrival)} ahead of the entry's arrival (at most ${duration(maxAheadMs)}): check the producer's clock`;
    return { ok: false, reason, code: 'ts_ahead' };
  }
  const at = ts ?? arrival;
  if ('followUpAt' in rest && rest.followUpAt !== undefined && Math.abs(rest.followUpAt - at) > MAX_FOLLOW_UP_MS)
    return { ok: false, reason: `followUpAt: more than ${MAX_FOLLOW_UP_MS / 86_400_000} days from the call` };
  // A list.loaded is about no rep: the empty rep, which no rep id can be (ids are 1-64 chars).
  const event = (rest.type === 'list.loaded' ? { ...rest, rep: '', id, at } : { ...rest, id, at }) as CallEvent;
  return { ok: true, event };
}

/** "3 h 12 min", "2 d 4 h", "45 s": how far a clock is off, in words an integrator reads at a glance. */
function duration(ms: number): string {
  const s = Math.floor(ms / 1000);
  const [d, h, m] = [Math.floor(s / 86_400), Math.floor((s % 86_400) / 3600), Math.floor((s % 3600) / 60)];
  if (d > 0) return h > 0 ? `${d} d ${h} h` : `${d} d`;
  if (h > 0) return m > 0 ? `${h} h ${m} min` : `${h} h`;
  if (m > 0) return s % 60 > 0 && m < 10 ? `${m} min ${s % 60} s` : `${m} min`;
  return `${s} s`;
}

/** Flat string fields for `XADD`, from a typed event (used by the simulator and tests). */
export function toStreamFields(event: SourceEvent | CallEvent): string[] {
  const out: string[] = [];
  for (const [key, value] of Object.entries(event)) {
    if (key === 'id' || value === undefined) continue;
    if (key === 'rep' && event.type === 'list.loaded') continue; // about no rep
    out.push(key === 'at' ? 'ts' : key, Array.isArray(value) ? value.join(',') : String(value));
  }
  return out;
}
