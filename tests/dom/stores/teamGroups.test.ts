import { describe, expect, it } from 'vitest';
import { averageHandleSeconds, groupByTeam } from '../../../client/stores/support/teamGroups';
import { summarize } from '../../../shared/domain/floorView';
import { makeRep } from '../support/floorData';

describe('team groups shared by the floor, campaign-floor and replay stores', () => {
  it('cuts reps in display order into one group per team run, with the team totals or null', () => {
    const reps = [
      makeRep({ id: 'a', team: 'north', dials: 3 }),
      makeRep({ id: 'b', team: 'north', dials: 4 }),
      makeRep({ id: 'c', team: 'ghost' }),
      makeRep({ id: 'd', team: null }),
    ];
    const { teams } = summarize(reps.slice(0, 2));
    const groups = groupByTeam(reps, teams);
    expect(groups.map((g) => [g.id, g.reps.map((r) => r.id)])).toEqual([
      ['north', ['a', 'b']],
      ['ghost', ['c']],
      [null, ['d']],
    ]);
    expect(groups[0]!.totals?.dials).toBe(7);
    expect(groups[1]!.totals).toBeNull(); // a team the answer does not list
    expect(groups[2]!.totals).toBeNull(); // no team
    expect(groupByTeam([], teams)).toEqual([]);
  });

  it('averages handle time over answered calls, null before any', () => {
    const reps = [
      makeRep({ id: 'a', talkSeconds: 100, wrapupSeconds: 20, connects: 2 }),
      makeRep({ id: 'b', talkSeconds: 61, wrapupSeconds: 0, connects: 1 }),
    ];
    expect(averageHandleSeconds(reps)).toBe(60); // 181 / 3 = 60.33
    expect(averageHandleSeconds(new Map(reps.map((r) => [r.id, r])).values())).toBe(60);
    expect(averageHandleSeconds([makeRep({ id: 'c', talkSeconds: 30 })])).toBeNull();
  });
});
