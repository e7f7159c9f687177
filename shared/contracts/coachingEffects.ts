import { z } from 'zod';
import { NOTE_METRICS, type NoteMetric } from '../domain/coaching';
import type { CoachingEffect } from '../domain/coachingEffect';
import type { EpochMs } from '../time';
import { coachingNoteSchema } from './http';

/** Longest look-back of GET /api/coaching-notes/effects, in business days (the stream keeps fewer). */
export const MAX_EFFECT_DAYS = 31;
export const DEFAULT_EFFECT_DAYS = 7;

/** A name that is an object's own machinery, refused as a team or rep in these queries. */
const RESERVED = new Set(['__proto__', 'constructor', 'prototype']);
const queryId = z
  .string()
  .regex(/^[A-Za-z0-9._-]{1,64}$/, 'must be 1-64 chars of A-Za-z0-9._-')
  .refine((id) => !RESERVED.has(id), 'must not be a reserved name');

/** GET /api/coaching-notes/effects?team=|rep=&days=: the notes of a team or a rep over the last days. */
export const coachingEffectsQuerySchema = z
  .object({
    team: queryId.optional(),
    rep: queryId.optional(),
    days: z
      .string()
      .regex(/^\d{1,3}$/, `must be a whole number of days from 1 to ${MAX_EFFECT_DAYS}`)
      .transform(Number)
      .pipe(z.number().min(1).max(MAX_EFFECT_DAYS, `must be at most ${MAX_EFFECT_DAYS}`))
      .optional(),
  })
  .strict()
  .refine((q) => !(q.team !== undefined && q.rep !== undefined), { message: 'give team or rep, not both' });
export type CoachingEffectsQuery = z.infer<typeof coachingEffectsQuerySchema>;

export interface CoachingEffectsResponse {
  /** Newest note first; notes without a metric are left out. */
  effects: CoachingEffect[];
  /** Notes written at or after this instant (the start of the first business day asked for). */
  from: EpochMs;
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
  minCalls: z.number(),
  maxCalls: z.number(),
  tolerances: z.object(Object.fromEntries(NOTE_METRICS.map((m) => [m, z.number()])) as Record<NoteMetric, z.ZodNumber>),
}) satisfies z.ZodType<CoachingEffectsResponse>;
