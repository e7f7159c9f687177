import type { Ack } from '../../shared/contracts/socket';
import { canAcknowledge, canCoach, canSeeRep } from '../../shared/domain/access';
import { newCoachingNoteSchema, type CoachingNote } from '../../shared/domain/coaching';
import type { Viewer } from '../../shared/domain/viewer';
import { idSchema } from '../../shared/events/callEvent';
import type { Clock } from '../../shared/time';
import type { Bus } from '../bus/busMessage';
import type { FloorService } from '../floor/floorService';
import { firstIssue } from '../../shared/validation';
import type { CoachingRepo } from '../redis/coachingRepo';

export interface CoachingService {
  send(viewer: Viewer, body: unknown): Promise<Ack<CoachingNote>>;
  acknowledge(viewer: Viewer, id: unknown): Promise<Ack<CoachingNote>>;
  list(viewer: Viewer, rep: unknown): Promise<Ack<CoachingNote[]>>;
  /** The notes of every rep on a team today, newest first (a lead's console). */
  listTeam(viewer: Viewer, team: unknown): Promise<Ack<CoachingNote[]>>;
}

/** Coaching notes: validation, authorisation and the bus, shared by HTTP routes and sockets. */
export function createCoachingService(deps: {
  repo: CoachingRepo;
  floor: FloorService;
  bus: Bus;
  clock: Clock;
}): CoachingService {
  // The rep's team is today's team on the floor; a rep not seen today has none (supervisors only).
  const repOf = (id: string) => ({ id, team: deps.floor.repView(id).team });

  return {
    async send(viewer, body) {
      const parsed = newCoachingNoteSchema.safeParse(body);
      if (!parsed.success) return { ok: false, status: 400, error: firstIssue(parsed.error) };
      const rep = repOf(parsed.data.rep);
      if (!canCoach(viewer, rep)) return { ok: false, status: 403, error: 'you may not coach this rep' };
      const author = viewer.kind === 'user' ? viewer.username : viewer.name;
      const note = await deps.repo.add(parsed.data, { team: rep.team, author, now: deps.clock() });
      await deps.bus.publish({ type: 'note:added', note });
      return { ok: true, value: note };
    },
    async acknowledge(viewer, id) {
      if (typeof id !== 'string' || id.length > 64) return { ok: false, status: 400, error: 'id: must be a note id' };
      const note = await deps.repo.get(id);
      if (!note) return { ok: false, status: 404, error: 'no such note' };
      if (!canAcknowledge(viewer, note))
        return { ok: false, status: 403, error: 'only the rep a note is for acknowledges it' };
      if (note.ackAt !== null) return { ok: true, value: note };
      const acked = await deps.repo.acknowledge(id, deps.clock());
      if (!acked) return { ok: false, status: 404, error: 'no such note' };
      await deps.bus.publish({ type: 'note:acked', note: acked });
      return { ok: true, value: acked };
    },
    async list(viewer, repParam) {
      const parsed = idSchema.safeParse(repParam);
      if (!parsed.success)
        return { ok: false, status: 400, error: `rep: ${parsed.error.issues[0]?.message ?? 'invalid'}` };
      if (!canSeeRep(viewer, repOf(parsed.data)))
        return { ok: false, status: 403, error: "you may not see this rep's notes" };
      return { ok: true, value: await deps.repo.listForRep(parsed.data) };
    },
    async listTeam(viewer, teamParam) {
      const parsed = idSchema.safeParse(teamParam);
      if (!parsed.success)
        return { ok: false, status: 400, error: `team: ${parsed.error.issues[0]?.message ?? 'invalid'}` };
      const team = parsed.data;
      if (!canCoach(viewer, { id: '', team }))
        return { ok: false, status: 403, error: "you may not see this team's notes" };
      const reps = deps.floor.view({ kind: 'team', team }).reps.map((r) => r.id);
      const lists = await Promise.all(reps.map((rep) => deps.repo.listForRep(rep, 50)));
      const notes = lists
        .flat()
        .sort((a, b) => b.createdAt - a.createdAt)
        .slice(0, 200);
      return { ok: true, value: notes };
    },
  };
}
