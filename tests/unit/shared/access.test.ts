import { describe, expect, it } from 'vitest';
import {
  canAcknowledge,
  canCoach,
  canSeeRep,
  canSetTargets,
  isSupervisor,
  scopeIncludes,
  scopeOf,
} from '../../../shared/domain/access';
import type { Scope, Viewer } from '../../../shared/domain/viewer';

/**
 * The authorisation rules as a matrix. Team "north" is the lead's team and the team of rep "me".
 * Every predicate is checked for every viewer against every subject, with the expected answers
 * written out here rather than derived, so that a change of rule shows up as a changed table.
 */
const VIEWERS = {
  kiosk: { kind: 'kiosk', id: 'k1', name: 'Wallboard' },
  supervisor: { kind: 'user', username: 'sam', role: 'supervisor' },
  lead: { kind: 'user', username: 'lea', role: 'lead', team: 'north' },
  rep: { kind: 'user', username: 'meg', role: 'rep', rep: 'me', team: 'north' },
  teamlessRep: { kind: 'user', username: 'sol', role: 'rep', rep: 'solo', team: null },
} satisfies Record<string, Viewer>;
type ViewerName = keyof typeof VIEWERS;

/**
 * Reps as seen from the viewers above: "self" is rep "me" (the rep viewer), "other rep" is "solo",
 * who is the teamless rep viewer itself (so in that viewer's row the last column is its own self).
 */
const SUBJECTS = {
  ownTeamRep: { id: 'ana', team: 'north' },
  otherTeamRep: { id: 'bo', team: 'south' },
  teamlessRep: { id: 'cy', team: null },
  self: { id: 'me', team: 'north' },
  otherRep: { id: 'solo', team: null },
} satisfies Record<string, { id: string; team: string | null }>;
type SubjectName = keyof typeof SUBJECTS;
type Row = [ownTeamRep: boolean, otherTeamRep: boolean, teamlessRep: boolean, self: boolean, otherRep: boolean];

const SUBJECT_ORDER: SubjectName[] = ['ownTeamRep', 'otherTeamRep', 'teamlessRep', 'self', 'otherRep'];

function cases(table: Record<ViewerName, Row>): [ViewerName, SubjectName, boolean][] {
  return (Object.entries(table) as [ViewerName, Row][]).flatMap(([viewer, row]) =>
    SUBJECT_ORDER.map((subject, i): [ViewerName, SubjectName, boolean] => [viewer, subject, row[i]!]),
  );
}

describe('scopeOf()', () => {
  it.each<[ViewerName, Scope]>([
    ['kiosk', { kind: 'floor' }],
    ['supervisor', { kind: 'floor' }],
    ['lead', { kind: 'team', team: 'north' }],
    ['rep', { kind: 'rep', rep: 'me' }],
    ['teamlessRep', { kind: 'rep', rep: 'solo' }],
  ])('gives the %s viewer the live feed %o', (viewer, scope) => {
    expect(scopeOf(VIEWERS[viewer])).toEqual(scope);
  });
});

describe('scopeIncludes()', () => {
  const SCOPES: Record<string, Scope> = {
    floor: { kind: 'floor' },
    'team north': { kind: 'team', team: 'north' },
    'rep me': { kind: 'rep', rep: 'me' },
  };
  //                                   own    other  teamless self   other rep
  const TABLE: Record<string, Row> = {
    floor: /*                      */ [true, true, true, true, true],
    'team north': /*               */ [true, false, false, true, false],
    'rep me': /*                   */ [false, false, false, true, false],
  };

  it.each(
    Object.entries(TABLE).flatMap(([scope, row]) =>
      SUBJECT_ORDER.map((subject, i): [string, SubjectName, boolean] => [scope, subject, row[i]!]),
    ),
  )('scope %s includes the %s: %s', (scope, subject, expected) => {
    expect(scopeIncludes(SCOPES[scope]!, SUBJECTS[subject])).toBe(expected);
  });

  it('does not count a rep whose id equals the team name as a member of that team', () => {
    expect(scopeIncludes({ kind: 'team', team: 'north' }, { id: 'north', team: 'south' })).toBe(false);
  });
});

describe('canSeeRep()', () => {
  //                                   own    other  teamless self   other rep
  const TABLE: Record<ViewerName, Row> = {
    kiosk: /*                      */ [false, false, false, false, false],
    supervisor: /*                 */ [true, true, true, true, true],
    lead: /*                       */ [true, false, false, true, false],
    rep: /*                        */ [false, false, false, true, false],
    teamlessRep: /*                */ [false, false, false, false, true],
  };

  it.each(cases(TABLE))('lets the %s viewer see the %s: %s', (viewer, subject, expected) => {
    expect(canSeeRep(VIEWERS[viewer], SUBJECTS[subject])).toBe(expected);
  });
});

describe('canCoach()', () => {
  //                                   own    other  teamless self   other rep
  const TABLE: Record<ViewerName, Row> = {
    kiosk: /*                      */ [false, false, false, false, false],
    supervisor: /*                 */ [true, true, true, true, true],
    lead: /*                       */ [true, false, false, true, false],
    rep: /*                        */ [false, false, false, false, false],
    teamlessRep: /*                */ [false, false, false, false, false],
  };

  it.each(cases(TABLE))('lets the %s viewer coach the %s: %s', (viewer, subject, expected) => {
    expect(canCoach(VIEWERS[viewer], SUBJECTS[subject])).toBe(expected);
  });
});

describe('canAcknowledge()', () => {
  //                                   own    other  teamless self   other rep
  const TABLE: Record<ViewerName, Row> = {
    kiosk: /*                      */ [false, false, false, false, false],
    supervisor: /*                 */ [false, false, false, false, false],
    lead: /*                       */ [false, false, false, false, false],
    rep: /*                        */ [false, false, false, true, false],
    teamlessRep: /*                */ [false, false, false, false, true],
  };

  it.each(cases(TABLE))('lets the %s viewer acknowledge a note for the %s: %s', (viewer, subject, expected) => {
    expect(canAcknowledge(VIEWERS[viewer], { rep: SUBJECTS[subject].id })).toBe(expected);
  });

  it('does not let a kiosk whose id equals the rep id acknowledge the note', () => {
    expect(canAcknowledge({ kind: 'kiosk', id: 'me', name: 'me' }, { rep: 'me' })).toBe(false);
  });
});

describe('canSetTargets()', () => {
  type Target = Parameters<typeof canSetTargets>[1];
  const TARGETS = {
    floor: { kind: 'floor' },
    ownTeam: { kind: 'team', team: 'north' },
    otherTeam: { kind: 'team', team: 'south' },
    ownTeamRep: { kind: 'rep', team: 'north' },
    otherTeamRep: { kind: 'rep', team: 'south' },
    teamlessRep: { kind: 'rep', team: null },
  } satisfies Record<string, Target>;
  type TargetName = keyof typeof TARGETS;
  const ORDER: TargetName[] = ['floor', 'ownTeam', 'otherTeam', 'ownTeamRep', 'otherTeamRep', 'teamlessRep'];
  //                     floor  own team other team own rep other rep teamless rep
  const TABLE: Record<ViewerName, boolean[]> = {
    kiosk: /*        */ [false, false, false, false, false, false],
    supervisor: /*   */ [true, true, true, true, true, true],
    lead: /*         */ [false, true, false, true, false, false],
    rep: /*          */ [false, false, false, false, false, false],
    teamlessRep: /*  */ [false, false, false, false, false, false],
  };

  it.each(
    (Object.entries(TABLE) as [ViewerName, boolean[]][]).flatMap(([viewer, row]) =>
      ORDER.map((target, i): [ViewerName, TargetName, boolean] => [viewer, target, row[i]!]),
    ),
  )('lets the %s viewer set the %s targets: %s', (viewer, target, expected) => {
    expect(canSetTargets(VIEWERS[viewer], TARGETS[target])).toBe(expected);
  });
});

describe('isSupervisor()', () => {
  it.each<[ViewerName, boolean]>([
    ['kiosk', false],
    ['supervisor', true],
    ['lead', false],
    ['rep', false],
    ['teamlessRep', false],
  ])('treats the %s viewer as a supervisor: %s', (viewer, expected) => {
    expect(isSupervisor(VIEWERS[viewer])).toBe(expected);
  });

  it('does not treat a kiosk named like a supervisor as one', () => {
    expect(isSupervisor({ kind: 'kiosk', id: 'supervisor', name: 'supervisor' })).toBe(false);
  });
});
