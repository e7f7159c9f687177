import { describe, expect, it } from 'vitest';
import { ChunkedMap } from '../../../shared/domain/chunkedMap';
import { createRng } from '../../../server/dev/simulator/random';

describe('ChunkedMap', () => {
  it('reads like a Map, in insertion order, across many chunks', () => {
    const entries = Array.from({ length: 100 }, (_, i) => [`rep-${(i * 37) % 100}`, i] as const);
    const map = ChunkedMap.of(entries);
    expect(map.size).toBe(100);
    expect([...map.keys()]).toEqual(entries.map(([k]) => k));
    expect([...map]).toEqual(entries);
    expect(map.get('rep-37')).toBe(1);
    expect([map.has('rep-0'), map.has('rep-100'), map.get('rep-100')]).toEqual([true, false, undefined]);
    const seen: string[] = [];
    map.forEach((v, k) => seen.push(`${k}=${v}`));
    expect(seen.slice(0, 2)).toEqual(['rep-0=0', 'rep-37=1']);
  });

  it('leaves the map it was edited from as it was', () => {
    const before = ChunkedMap.of([
      ['a', 1],
      ['b', 2],
    ]);
    const draft = before.edit();
    draft.set('a', 10);
    draft.set('c', 3);
    expect(draft.get('a')).toBe(10);
    const after = draft.done();
    expect([...before]).toEqual([
      ['a', 1],
      ['b', 2],
    ]);
    expect([...after]).toEqual([
      ['a', 10],
      ['b', 2],
      ['c', 3],
    ]);
  });

  it('agrees with a plain Map over 200 random batches of edits', () => {
    const random = createRng(42).next;
    const reference = new Map<string, number>();
    let map = ChunkedMap.empty<string, number>();
    const history: [ChunkedMap<string, number>, [string, number][]][] = [];
    for (let batch = 0; batch < 200; batch++) {
      const draft = map.edit();
      for (let i = Math.floor(random() * 30); i >= 0; i--) {
        const key = `rep-${Math.floor(random() * 500)}`;
        const value = Math.floor(random() * 1000);
        draft.set(key, value);
        reference.set(key, value);
      }
      map = draft.done();
      history.push([map, [...reference]]);
      expect(map.size).toBe(reference.size);
    }
    // Every earlier version still holds exactly what it held.
    for (const [version, expected] of history) expect([...version]).toEqual(expected);
  });

  it('keeps lineages apart: drafts of one map, of an older map, and an abandoned draft', () => {
    const base = ChunkedMap.of([
      ['a', 1],
      ['b', 2],
    ]);
    const first = base.edit();
    const second = base.edit();
    first.set('x', 10);
    second.set('y', 20); // both add a key at the same position, each in its own map
    second.set('x', 30);
    const abandoned = base.edit();
    abandoned.set('z', 40);
    const one = first.done();
    const two = second.done();
    expect([...one]).toEqual([
      ['a', 1],
      ['b', 2],
      ['x', 10],
    ]);
    expect([...two]).toEqual([
      ['a', 1],
      ['b', 2],
      ['y', 20],
      ['x', 30],
    ]);
    expect([...base]).toEqual([
      ['a', 1],
      ['b', 2],
    ]);
    expect([base.has('x'), base.get('z'), one.has('y'), two.has('z')]).toEqual([false, undefined, false, false]);
    // A later edit of the first lineage, and one of the base again, after both.
    const later = one.edit();
    later.set('w', 50);
    const again = base.edit();
    again.set('w', 60);
    expect([...later.done()].map(([k, v]) => `${k}=${v}`)).toEqual(['a=1', 'b=2', 'x=10', 'w=50']);
    expect([...again.done()].map(([k, v]) => `${k}=${v}`)).toEqual(['a=1', 'b=2', 'w=60']);
    expect([...one.keys()]).toEqual(['a', 'b', 'x']);
    expect([...two.values()]).toEqual([1, 2, 20, 30]);
  });

  it('takes any string as a key, __proto__ too', () => {
    const map = ChunkedMap.of([
      ['__proto__', 1],
      ['constructor', 2],
    ]);
    expect([map.get('__proto__'), map.get('constructor'), map.get('toString'), map.size]).toEqual([1, 2, undefined, 2]);
  });
});
