import { z } from 'zod';
import { idSchema } from '../events/callEvent';
import { NOTE_METRICS, type NoteMetric } from '../domain/coaching';
import type { CoachingEffect } from '../domain/coachingEffect';
import type { EpochMs } from '../time';
import { coachingNoteSchema } from './http';

/** Longest look-back of GET /api/coaching-notes/effects, in business days (the stream keeps fewer). */
export const MAX_EFFECT_DAYS = 31;
export const DEFAULT_EFFECT_DAYS = 7;

/** A team or rep id: any id, "__proto__" included (README "Names are data"). */
const queryId = idSchema;

/** A real calendar date written YYYY-MM-DD (a business day's name). */
const realDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date written YYYY-MM-DD')
  .refine(
    (v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v),
    'is not a real date',
  );

/**
 * GET /api/coaching-notes/effects?team=|rep=&days=|day=|week=: the notes of a team or a rep written
 * over the last `days` business days (default 7), on one business `day`, or in the `week` named by
 * its Monday (the review page's day and week).
 */
export const coachingEffectsQuerySchema = z
  .object({
    team: queryId.optional(),
    rep: queryId.optional(),
    day: realDay.optional(),
    week: realDay
      .refine((v) => new Date(`${v}T00:00:00Z`).getUTCDay() === 1, 'must be a Monday (a week is named by its Monday)')
      .optional(),
    days: z
      .string()
      .regex(/^\d{1,3}$/, `must be a whole number of days from 1 to ${MAX_EFFECT_DAYS}`)
      .transform(Number)
      .pipe(z.number().min(1).max(MAX_EFFECT_DAYS, `must be at most ${MAX_EFFECT_DAYS}`))
      .optional(),
  })
  .strict()
  .refine((q) => !(q.team !== undefined && q.rep !== undefined), { message: 'give team or rep, not both' })
  .refine((q) => [q.days, q.day, q.week].filter((v) => v !== undefined).length <= 1, {
    message: 'give one of days, day or week',
  });
export type CoachingEffectsQuery = z.infer<typeof coachingEffectsQuerySchema>;

export interface CoachingEffectsResponse {
  /** Newest note first; notes without a metric are left out. */
  effects: CoachingEffect[];
  /** Notes written at or after this instant (the start of the first business day asked for). */
  from: EpochMs;
  /** ...and before this one (the end of the day or week asked for; null: up to now). */
  until: EpochMs | null;
  /** Fewer base calls than this after a note: "not enough calls yet". */
  minCalls: number;
  /** At most this many calls each side. */
  maxCalls: number;
  /** A change within this (a rate as a fraction, talk time in ms) counts as "did not move". */
  tolerances: Record<NoteMetric, number>;
}

const side = z.object({ calls: z.number(), value: z.number().nullable() });

export const coachingEffectsResponseSchema = z.object({
  effects: z.array(
    z.object({
      note: coachingNoteSchema,
      status: z.enum(['measured', 'not_enough_calls', 'calls_gone', 'no_metric']),
      callsAfter: z.number(),
      before: side.nullable(),
      after: side.nullable(),
      change: z.number().nullable(),
      move: z.enum(['up', 'down', 'flat']).nullable(),
      span: z.object({ from: z.number(), until: z.number() }).nullable(),
      team: z.object({ before: side, after: side, change: z.number().nullable() }).nullable(),
    }),
  ),
  from: z.number(),
  until: z.number().nullable(),
  minCalls: z.number(),
  maxCalls: z.number(),
  tolerances: z.object(Object.fromEntries(NOTE_METRICS.map((m) => [m, z.number()])) as Record<NoteMetric, z.ZodNumber>),
}) satisfies z.ZodType<CoachingEffectsResponse>;
