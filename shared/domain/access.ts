import type { Scope, Viewer } from './viewer';

/**
 * Who may see and do what: pure rules used by every HTTP route and socket handler, so that
 * authorisation lives on the server in one place and is tested as a matrix.
 */

/** The live feed a viewer gets: supervisors and kiosks the floor, a lead their team, a rep themself. */
export function scopeOf(viewer: Viewer): Scope {
  if (viewer.kind === 'kiosk' || viewer.role === 'supervisor') return { kind: 'floor' };
  if (viewer.role === 'lead') return { kind: 'team', team: viewer.team };
  return { kind: 'rep', rep: viewer.rep };
}

/** A rep is within a scope when the scope is the floor, the rep's team, or the rep. */
export function scopeIncludes(scope: Scope, rep: { id: string; team: string | null }): boolean {
  if (scope.kind === 'floor') return true;
  if (scope.kind === 'team') return rep.team === scope.team;
  return rep.id === scope.rep;
}

/** May see a rep's detail (counters, notes, call-backs): never a kiosk, which shows the wall only. */
export function canSeeRep(viewer: Viewer, rep: { id: string; team: string | null }): boolean {
  if (viewer.kind === 'kiosk') return false;
  return scopeIncludes(scopeOf(viewer), rep);
}

/** May send a coaching note to the rep: a supervisor to anyone, a lead within the team. */
export function canCoach(viewer: Viewer, rep: { id: string; team: string | null }): boolean {
  if (viewer.kind !== 'user') return false;
  if (viewer.role === 'supervisor') return true;
  return viewer.role === 'lead' && rep.team === viewer.team;
}

/** Only the rep a note is for acknowledges it. */
export function canAcknowledge(viewer: Viewer, note: { rep: string }): boolean {
  return viewer.kind === 'user' && viewer.role === 'rep' && viewer.rep === note.rep;
}

/** Targets: a supervisor for the floor, any team or rep; a lead for the lead's team and its reps. */
export function canSetTargets(
  viewer: Viewer,
  target: { kind: 'floor' } | { kind: 'team'; team: string } | { kind: 'rep'; team: string | null },
): boolean {
  if (viewer.kind !== 'user') return false;
  if (viewer.role === 'supervisor') return true;
  if (viewer.role !== 'lead') return false;
  return target.kind !== 'floor' && target.team === viewer.team;
}

/** Accounts and kiosk tokens are the supervisor's. */
export function isSupervisor(viewer: Viewer): boolean {
  return viewer.kind === 'user' && viewer.role === 'supervisor';
}
