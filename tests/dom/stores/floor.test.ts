import { beforeEach, describe, expect, it, vi } from 'vitest';
import { useFloorStore } from '../../../client/stores/floor';
import { freshPinia } from '../support/mountApp';
import { encodeRep, fieldBit } from '../../../shared/contracts/floorPatch';
import { T0, makeDelta, makeRep, makeSnapshot } from '../support/floorData';

const ann = makeRep({ id: 'ann', name: 'Ann', team: 'north', dials: 10, version: 3 });
const bob = makeRep({ id: 'bob', name: 'Bob', team: 'north', dials: 4, version: 2 });
const cai = makeRep({ id: 'cai', name: 'Cai', team: 'south', dials: 7, version: 5 });

describe('floor store', () => {
  beforeEach(() => {
    freshPinia();
  });

  it('applySnapshot() replaces the whole floor and remembers its sequence', () => {
    const floor = useFloorStore();
    expect(floor.loaded).toBe(false);
    floor.applySnapshot(makeSnapshot([ann, bob, cai], { seq: 10 }));
    expect(floor.loaded).toBe(true);
    expect(floor.seq).toBe(10);
    expect(floor.repCount).toBe(3);
    expect(floor.totals.dials).toBe(21);
    expect(floor.settings?.shiftStart).toBe('09:00');

    floor.applySnapshot(makeSnapshot([cai], { seq: 2 }));
    expect([...floor.reps.keys()]).toEqual(['cai']);
    expect(floor.seq).toBe(2);
  });

  it('applies the next delta in sequence: rows replaced by id, totals and teams replaced', () => {
    const floor = useFloorStore();
    floor.applySnapshot(makeSnapshot([ann, bob, cai], { seq: 10 }));
    const annLater = { ...ann, dials: 11, status: 'dialing' as const, version: 4 };

    expect(floor.applyDelta(makeDelta(11, [annLater], [annLater, bob, cai]))).toBe('applied');

    expect(floor.seq).toBe(11);
    expect(floor.reps.get('ann')).toEqual(annLater);
    expect(floor.reps.get('bob')).toBe(bob);
    expect(floor.totals.dials).toBe(22);
    expect(floor.totals.byStatus.dialing).toBe(1);
    expect(floor.teams.find((t) => t.id === 'north')?.totals.dials).toBe(15);
    expect(floor.cursor).toBe(`${makeDelta(11, [], []).cursor}`);
  });

  it('drops a stale delta (seq at or before the current one) and keeps the state', () => {
    const floor = useFloorStore();
    floor.applySnapshot(makeSnapshot([ann, bob], { seq: 10 }));
    const old = { ...ann, dials: 99, version: 9 };

    expect(floor.applyDelta(makeDelta(10, [old], [old, bob]))).toBe('stale');
    expect(floor.applyDelta(makeDelta(7, [old], [old, bob]))).toBe('stale');

    expect(floor.seq).toBe(10);
    expect(floor.reps.get('ann')?.dials).toBe(10);
    expect(floor.totals.dials).toBe(14);
  });

  it('reports a gap (seq beyond the next) without applying it', () => {
    const floor = useFloorStore();
    floor.applySnapshot(makeSnapshot([ann, bob], { seq: 10 }));
    const later = { ...bob, dials: 50, version: 8 };

    expect(floor.applyDelta(makeDelta(12, [later], [ann, later]))).toBe('gap');

    expect(floor.seq).toBe(10);
    expect(floor.reps.get('bob')?.dials).toBe(4);
    // The missing delta is still the one expected next.
    expect(floor.applyDelta(makeDelta(11, [later], [ann, later]))).toBe('applied');
    expect(floor.reps.get('bob')?.dials).toBe(50);
  });

  it('treats a delta before any snapshot as a gap', () => {
    const floor = useFloorStore();
    expect(floor.applyDelta(makeDelta(1, [ann], [ann]))).toBe('gap');
    expect(floor.repCount).toBe(0);
  });

  it('removes the reps a delta lists as removed', () => {
    const floor = useFloorStore();
    floor.applySnapshot(makeSnapshot([ann, bob, cai], { seq: 10 }));

    floor.applyDelta(makeDelta(11, [], [ann, cai], { removed: ['bob'] }));

    expect(floor.reps.has('bob')).toBe(false);
    expect(floor.repCount).toBe(2);
    expect(floor.totals.reps).toBe(2);
    expect(floor.groups.map((g) => [g.id, g.reps.map((r) => r.id)])).toEqual([
      ['north', ['ann']],
      ['south', ['cai']],
    ]);
  });

  it('groups reps by team, then by name, with teamless reps last and each team its totals', () => {
    const floor = useFloorStore();
    const zed = makeRep({ id: 'zed', name: 'Zed', team: null });
    const amy = makeRep({ id: 'amy', name: 'Amy', team: 'south', dials: 3 });
    floor.applySnapshot(makeSnapshot([zed, cai, bob, amy, ann]));

    expect(floor.groups.map((g) => [g.id, g.reps.map((r) => r.name)])).toEqual([
      ['north', ['Ann', 'Bob']],
      ['south', ['Amy', 'Cai']],
      [null, ['Zed']],
    ]);
    expect(floor.groups[1]?.totals?.dials).toBe(10);
    expect(floor.groups[2]?.totals).toBeNull();
  });

  it('recomputes groups after a delta changes a rep’s team', () => {
    const floor = useFloorStore();
    floor.applySnapshot(makeSnapshot([ann, cai], { seq: 1 }));
    const moved = { ...ann, team: 'south', version: 4 };
    floor.applyDelta(makeDelta(2, [moved], [moved, cai]));
    expect(floor.groups.map((g) => [g.id, g.reps.length])).toEqual([['south', 2]]);
  });

  it('keeps the group order and untouched groups across deltas, re-sorting only on a join, leave, team or name change', () => {
    const floor = useFloorStore();
    const dee = makeRep({ id: 'dee', name: 'Dee', team: 'south', version: 1 });
    floor.applySnapshot(makeSnapshot([ann, bob, cai, dee], { seq: 1 }));
    const [north, south] = floor.groups;
    const bobLater = { ...bob, dials: 9, status: 'on_call' as const, version: 3 };
    const aaron = { ...dee, name: 'Aaron', version: 2 };
    const eve = makeRep({ id: 'eve', name: 'Eve', team: null });
    // Made before the spy: the test data sorts too.
    const deltas = [
      makeDelta(2, [bobLater], [ann, bobLater, cai, dee]),
      makeDelta(3, [aaron], [ann, bobLater, cai, aaron]),
      makeDelta(4, [eve], [ann, bobLater, cai, aaron, eve]),
    ];
    const sort = vi.spyOn(Array.prototype, 'sort');

    // A status/number change: the row is replaced in place, in a new group object for its team only.
    floor.applyDelta(deltas[0]!);
    expect(sort).not.toHaveBeenCalled();
    expect(floor.groups[0]).not.toBe(north);
    expect(floor.groups[0]?.reps).toEqual([ann, bobLater]);
    expect(floor.groups[0]?.reps[1]).toStrictEqual(bobLater);
    expect(north?.reps[1]).toBe(bob);
    expect(floor.groups[0]?.totals?.dials).toBe(19);
    // South's reps and totals did not change: same object, so its section need not re-render.
    expect(floor.groups[1]).toBe(south);

    // A rename re-sorts: the new name goes to its place in the order.
    floor.applyDelta(deltas[1]!);
    expect(sort).toHaveBeenCalled();
    expect(floor.groups.map((g) => [g.id, g.reps.map((r) => r.name)])).toEqual([
      ['north', ['Ann', 'Bob']],
      ['south', ['Aaron', 'Cai']],
    ]);
    sort.mockClear();

    // A rep joining re-sorts too.
    floor.applyDelta(deltas[2]!);
    expect(sort).toHaveBeenCalled();
    sort.mockRestore();
    expect(floor.groups.map((g) => [g.id, g.reps.map((r) => r.id)])).toEqual([
      ['north', ['ann', 'bob']],
      ['south', ['dee', 'cai']],
      [null, ['eve']],
    ]);
  });

  it('averages handle time over the floor: (talk + wrap-up) / connects', () => {
    const floor = useFloorStore();
    floor.applySnapshot(
      makeSnapshot([
        makeRep({ id: 'a', connects: 3, talkSeconds: 400, wrapupSeconds: 80 }),
        makeRep({ id: 'b', connects: 1, talkSeconds: 100, wrapupSeconds: 20 }),
      ]),
    );
    expect(floor.averageHandleSeconds).toBe(150);
  });
});

describe('floor store and patch deltas', () => {
  beforeEach(() => {
    freshPinia();
  });

  it('reports a patch for a rep it never received whole as a gap, and applies nothing of that delta', () => {
    const floor = useFloorStore();
    const ann = makeRep({ id: 'ann', name: 'Ann', team: 'north', dials: 3 });
    floor.applySnapshot(makeSnapshot([ann], { seq: 4 }));
    const partial = encodeRep(makeRep({ id: 'bob', dials: 9 }), fieldBit('dials'), T0);
    const delta = makeDelta(5, [{ ...ann, dials: 4 }], [ann]);
    expect(floor.applyDelta({ ...delta, reps: [...delta.reps, partial] })).toBe('gap');
    expect(floor.seq).toBe(4);
    expect(floor.reps.get('ann')?.dials).toBe(3);
    expect(floor.reps.has('bob')).toBe(false);
  });

  it('keeps totals and untouched teams when a delta carries none', () => {
    const floor = useFloorStore();
    const ann = makeRep({ id: 'ann', name: 'Ann', team: 'north', dials: 3 });
    floor.applySnapshot(makeSnapshot([ann], { seq: 1 }));
    const [teams, totals] = [floor.teams, floor.totals];
    const later = { ...ann, version: 2 };
    expect(floor.applyDelta({ ...makeDelta(2, [later], [later]), teams: [], totals: undefined })).toBe('applied');
    expect(floor.teams).toBe(teams);
    expect(floor.totals).toBe(totals);
    expect(floor.reps.get('ann')?.version).toBe(2);
  });
});

describe('floor store on a rep’s own feed', () => {
  beforeEach(() => {
    freshPinia();
  });

  it('sums the rep’s row for its totals: the feed sends none', () => {
    const floor = useFloorStore();
    const own = makeRep({ id: 'ann', name: 'Ann', team: 'north', dials: 3, deals: 1 });
    floor.applySnapshot(makeSnapshot([own], { seq: 2, scope: { kind: 'rep', rep: 'ann' } }));
    const later = { ...own, dials: 4, deals: 2, version: 9 };
    expect(floor.applyDelta({ ...makeDelta(3, [later], [later]), teams: [], totals: undefined })).toBe('applied');
    expect(floor.totals).toMatchObject({ reps: 1, dials: 4, deals: 2 });
    expect(floor.teams).toMatchObject([{ id: 'north', totals: { dials: 4, deals: 2 } }]);
  });
});
