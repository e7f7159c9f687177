import { coachingNoteSchema, notesResponseSchema, routes } from '../../shared/contracts/http';
import { coachingEffectsResponseSchema } from '../../shared/contracts/coachingEffects';
import type { NewCoachingNote } from '../../shared/domain/coaching';
import { api, queryString } from './http';

/** Notes of one rep (the rep's own when omitted), or of a whole team with `team`. */
export const listNotes = (filter: { rep?: string; team?: string } = {}) =>
  api.get(`${routes.notes}${queryString(filter)}`, notesResponseSchema);

export const sendNote = (note: NewCoachingNote) => api.post(routes.notes, note, coachingNoteSchema);

/** The rep acknowledges a note; every viewer of it also hears `note:acked` on the socket. */
export const acknowledgeNote = (id: string) => api.post(routes.noteAck(id), undefined, coachingNoteSchema);

/**
 * Each note's metric before and after it (closed-loop coaching): a team's, a rep's, or the viewer's
 * own scope; notes of the last `days` business days, of one business `day`, or of the `week` (its Monday).
 */
export const fetchCoachingEffects = (filter: CoachingEffectsFilter = {}) =>
  api.get(
    `${routes.coachingEffects}${queryString({ ...filter, days: filter.days?.toString() })}`,
    coachingEffectsResponseSchema,
  );

export interface CoachingEffectsFilter {
  rep?: string;
  team?: string;
  days?: number;
  day?: string;
  week?: string;
}
