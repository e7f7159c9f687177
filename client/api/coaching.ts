import { routes } from '../../shared/contracts/http';
import type { NotesResponse } from '../../shared/contracts/http';
import type { CoachingNote, NewCoachingNote } from '../../shared/domain/coaching';
import { api } from './http';

/** Notes of one rep (the rep's own when omitted), or of a whole team with `team`. */
export function listNotes(filter: { rep?: string; team?: string } = {}) {
  const query = new URLSearchParams(
    Object.entries(filter).filter((entry): entry is [string, string] => entry[1] !== undefined),
  ).toString();
  return api.get<NotesResponse>(query ? `${routes.notes}?${query}` : routes.notes);
}

export const sendNote = (note: NewCoachingNote) => api.post<CoachingNote>(routes.notes, note);

/** HTTP fallback of the socket's note:ack (see realtime/commands.ts). */
export const acknowledgeNoteOverHttp = (id: string) => api.post<CoachingNote>(routes.noteAck(id));
