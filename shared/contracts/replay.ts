import { z } from 'zod';
import { idSchema } from '../events/callEvent';
import type { FloorView } from '../domain/floorView';
import type { DayKey, EpochMs } from '../time';
import type { FloorSettings } from './socket';

/** GET /api/replay/days: the business days the stream still holds, oldest first. */
export const replayDaysPath = '/api/replay/days';

/**
 * `at`: epoch milliseconds (digits) or an ISO 8601 instant with its zone (`2026-12-01T14:35:00Z`,
 * `...+08:00`); a date without a zone is ambiguous and refused. `team`: one team (a lead: their own).
 */
export const replayQuerySchema = z.object({
  at: z
    .string({ error: 'required (epoch ms or an ISO time with its zone)' })
    .max(40, 'too long')
    .transform((value, ctx) => {
      const ms = /^\d{1,15}$/.test(value)
        ? Number(value)
        : /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/.test(value)
          ? isoInstant(value)
          : NaN;
      if (!Number.isSafeInteger(ms)) {
        ctx.addIssue({
          code: 'custom',
          message: 'not a time (epoch ms, or an ISO time with its zone such as 2026-12-01T14:35:00Z)',
        });
        return z.NEVER;
      }
      return ms;
    }),
  // Any team id, "__proto__" included (README "Names are data").
  team: idSchema.optional(),
});
export type ReplayQuery = z.infer<typeof replayQuerySchema>;

/** Date.parse rolls `2026-02-30` over to March: an instant whose date fields do not survive is refused. */
function isoInstant(value: string): number {
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) return NaN;
  const [date, rest] = value.split('T') as [string, string];
  const zone = /(Z|[+-]\d{2}:\d{2})$/.exec(rest)![1]!;
  const offsetMin =
    zone === 'Z' ? 0 : (zone[0] === '-' ? -1 : 1) * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4)));
  if (Math.abs(offsetMin) > 14 * 60) return NaN;
  const local = new Date(ms + offsetMin * 60_000).toISOString();
  const hhmm = rest.slice(0, 5);
  return local.slice(0, 10) === date && local.slice(11, 16) === hhmm ? ms : NaN;
}

/** GET /api/replay?at=: the wallboard as it was at `at` (the wallboard snapshot's rows and totals). */
export interface ReplayResponse extends FloorView {
  /** The moment shown: statuses and calls count their time up to it. */
  at: EpochMs;
  settings: FloorSettings;
  serverNow: EpochMs;
}

export interface ReplayDay {
  day: DayKey;
  /** When Redis accepted the day's first and last entries. */
  first: EpochMs;
  last: EpochMs;
}

export interface ReplayDaysResponse {
  days: ReplayDay[];
  /** FLOORBOARD_RETENTION_DAYS: older days exist only as saved totals. */
  retentionDays: number;
  serverNow: EpochMs;
}

export const replayDaysResponseSchema = z.object({
  days: z.array(z.object({ day: z.string(), first: z.number(), last: z.number() })),
  retentionDays: z.number(),
  serverNow: z.number(),
}) satisfies z.ZodType<ReplayDaysResponse>;
