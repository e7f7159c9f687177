import { z } from 'zod';
import { callIdSchema, idSchema } from '../events/callEvent';
import type { EpochMs } from '../time';

export const NOTE_TAGS = ['praise', 'tip', 'warning'] as const;
export type NoteTag = (typeof NOTE_TAGS)[number];

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
  })
  .strict();
export type NewCoachingNote = z.infer<typeof newCoachingNoteSchema>;
