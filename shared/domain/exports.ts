import { z } from 'zod';
import { idSchema } from '../events/callEvent';
import type { DayKey } from '../time';
import { routes } from '../contracts/http';

/**
 * Exports (issue #17 item 3): `GET /api/exports/<what>.<format>?from=&to=[&team=]`. What each
 * holds is in server/exports/exportTables.ts; personal data (customer ids, phone numbers, contact
 * labels) is in none of them, for any viewer.
 */
export const EXPORT_KINDS = ['reps', 'campaigns', 'callbacks', 'handoffs'] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];
export const EXPORT_FORMATS = ['csv', 'xlsx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
/** The longest range one export covers, in days (both ends counted). */
export const MAX_EXPORT_DAYS = 93;

const DAY_MS = 86_400_000;
const dayMs = (day: DayKey) => Date.parse(`${day}T00:00:00Z`);

const realDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date written YYYY-MM-DD')
  .refine(isRealDay, 'is not a real date');

function isRealDay(v: string): boolean {
  const ms = dayMs(v);
  return Number.isFinite(ms) && new Date(ms).toISOString().startsWith(v);
}

export const exportParamsSchema = z.object({ what: z.enum(EXPORT_KINDS), format: z.enum(EXPORT_FORMATS) }).strict();

export const exportQuerySchema = z
  .object({
    from: realDay,
    to: realDay,
    team: idSchema.optional(), // any id, "__proto__" included (README "Names are data")
  })
  .strict()
  .superRefine((q, ctx) => {
    if (!isRealDay(q.from) || !isRealDay(q.to)) return;
    if (q.to < q.from) ctx.addIssue({ code: 'custom', path: ['to'], message: 'must not be before from' });
    else if (exportDays(q.from, q.to).length > MAX_EXPORT_DAYS)
      ctx.addIssue({ code: 'custom', path: ['to'], message: `a range covers at most ${MAX_EXPORT_DAYS} days` });
  });
export type ExportQuery = z.infer<typeof exportQuerySchema>;

/** The days from `from` to `to`, both included, oldest first. */
export function exportDays(from: DayKey, to: DayKey): DayKey[] {
  const out: DayKey[] = [];
  for (let at = dayMs(from); at <= dayMs(to) && out.length <= MAX_EXPORT_DAYS; at += DAY_MS)
    out.push(new Date(at).toISOString().slice(0, 10));
  return out;
}

/** The URL of an export (the client's download link). */
export function exportPath(what: ExportKind, format: ExportFormat, query: ExportQuery): string {
  // Every value is a checked day or id (no character needs escaping beyond encodeURIComponent).
  const team = query.team ? `&team=${encodeURIComponent(query.team)}` : '';
  return `${routes.exports}/${what}.${format}?from=${encodeURIComponent(query.from)}&to=${encodeURIComponent(query.to)}${team}`;
}
