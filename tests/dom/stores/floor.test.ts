import { beforeEach, describe, expect, it } from 'vitest';
import { useFloorStore } from '../../../client/stores/floor';
import { freshPinia } from '../support/mountApp';
import { makeDelta, makeRep, makeSnapshot } from '../support/floorData';

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
