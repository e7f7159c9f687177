import { z } from 'zod';
import { callIdSchema, idSchema } from '../events/callEvent';
import type { EpochMs } from '../time';

export const NOTE_TAGS = ['praise', 'tip', 'warning'] as const;
export type NoteTag = (typeof NOTE_TAGS)[number];

/**
 * What a note may be about (closed-loop coaching, issue #17): connect rate (connects / dials),
 * effective rate (effective calls / connects), average talk time per connect, lead rate (leads /
 * connects) and conversion (deals / connects). See shared/domain/coachingEffect.ts.
 */
export const NOTE_METRICS = ['connect_rate', 'effective_rate', 'talk_per_connect', 'lead_rate', 'conversion'] as const;
export type NoteMetric = (typeof NOTE_METRICS)[number];

/** A short note from a lead to a rep; plain text, shown as text everywhere. */
export interface CoachingNote {
  id: string;
  rep: string;
  /** The rep's team when the note was written (who else may read it). */
  team: string | null;
  author: string;
  text: string;
  tag: NoteTag | null;
  call: string | null;
  /** The metric the note is about; absent on notes about none (and on notes stored before it existed). */
  metric?: NoteMetric;
  createdAt: EpochMs;
  ackAt: EpochMs | null;
}

export const MAX_NOTE_CHARS = 1000;

export const newCoachingNoteSchema = z
  .object({
    rep: idSchema,
    text: z
      .string()
      .trim()
      .min(1, 'must not be empty')
      .max(MAX_NOTE_CHARS, `must be at most ${MAX_NOTE_CHARS} characters`),
    tag: z.enum(NOTE_TAGS).optional(),
    call: callIdSchema.optional(),
    metric: z.enum(NOTE_METRICS, { message: `must be one of ${NOTE_METRICS.join(', ')}` }).optional(),
  })
  .strict();
export type NewCoachingNote = z.infer<typeof newCoachingNoteSchema>;
