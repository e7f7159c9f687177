import { z } from 'zod';
import { streamIdTime, type StreamId } from '../streamId';
import {
  EVENT_TYPES,
  OUTCOMES,
  PAUSE_REASONS,
  callIdSchema,
  idSchema,
  type CallEvent,
  type SourceEvent,
} from './callEvent';

/** Largest accepted field value; anything longer is hostile or broken. */
const MAX_FIELD_CHARS = 1024;
const MAX_FIELDS = 32;

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

const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} chars`);

const base = { rep: idSchema, ts: epochMs.optional() };
const call = { ...base, call: callIdSchema };

/** Schemas of the flat string fields of each event type (the ingestion contract). */
export const streamEntrySchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('rep.login'), ...base, name: text(80).optional(), team: idSchema.optional() }),
  z.object({ type: z.literal('rep.logout'), ...base }),
  z.object({ type: z.literal('rep.pause'), ...base, reason: z.enum(PAUSE_REASONS) }),
  z.object({ type: z.literal('rep.ready'), ...base }),
  z.object({ type: z.literal('call.dial'), ...call }),
  z.object({ type: z.literal('call.answer'), ...call }),
  z.object({ type: z.literal('call.hangup'), ...call }),
  z
    .object({
      type: z.literal('call.outcome'),
      ...call,
      outcome: z.enum(OUTCOMES),
      amount: amount.optional(),
      reason: text(64).optional(),
      followUpAt: followUp.optional(),
    })
    .superRefine((entry, ctx) => {
      if (entry.outcome === 'sale' && entry.amount === undefined)
        ctx.addIssue({ code: 'custom', path: ['amount'], message: 'is required for a sale' });
      if (entry.outcome === 'refused' && entry.reason === undefined)
        ctx.addIssue({ code: 'custom', path: ['reason'], message: 'is required for refused' });
      if (entry.outcome === 'callback' && entry.followUpAt === undefined)
        ctx.addIssue({ code: 'custom', path: ['followUpAt'], message: 'is required for callback' });
    }),
]);

/** The raw field map an adapter writes (what `XADD` receives). */
export type StreamEntryFields = z.input<typeof streamEntrySchema>;

export type ParseResult = { ok: true; event: CallEvent } | { ok: false; reason: string };

/**
 * Turns one stream entry (ID plus the flat field list Redis returns) into a typed event.
 * Never throws: a bad entry yields the reason, destined for the dead-letter stream.
 */
export function parseCallEvent(id: StreamId, fieldList: readonly string[]): ParseResult {
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
  const event = { ...rest, id, at: ts ?? streamIdTime(id) } as CallEvent;
  return { ok: true, event };
}

/** Flat string fields for `XADD`, from a typed event (used by the simulator and tests). */
export function toStreamFields(event: SourceEvent | CallEvent): string[] {
  const out: string[] = [];
  for (const [key, value] of Object.entries(event)) {
    if (key === 'id' || value === undefined) continue;
    out.push(key === 'at' ? 'ts' : key, String(value));
  }
  return out;
}
