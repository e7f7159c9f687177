import { describe, expect, it } from 'vitest';
import { SortedMap } from '../../../shared/domain/sortedMap';
import { createRng } from '../../../server/dev/simulator/random';

const codeUnitOrder = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

describe('SortedMap', () => {
  it('SortedMap matches a plain Map under random sets and deletes, in key order', () => {
    const rng = createRng(7);
    const reference = new Map<string, number>();
    let map = SortedMap.empty<number>();
    const owner = {};
    for (let i = 0; i < 5000; i++) {
      const key = `k${Math.floor(rng.next() * 700)}`;
      if (rng.next() < 0.3) {
        reference.delete(key);
        map = map.delete(key, rng.next() < 0.5 ? owner : undefined);
      } else {
        reference.set(key, i);
        map = map.set(key, i, rng.next() < 0.5 ? owner : undefined);
      }
      expect(map.size).toBe(reference.size);
    }
    expect([...map]).toEqual([...reference].sort(([a], [b]) => codeUnitOrder(a, b)));
    for (const [key, value] of reference) expect(map.get(key)).toBe(value);
    expect(map.get('absent')).toBeUndefined();
    expect(map.first(3)).toEqual([...map].slice(0, 3));
  });

  it('SortedMap never changes a map it was edited from, with or without an owner', () => {
    const before = SortedMap.of(Array.from({ length: 200 }, (_, i) => [`k${i}`, i] as const));
    const copy = [...before];
    const owner = {};
    let after = before;
    for (let i = 0; i < 300; i++) after = after.set(`k${i % 250}`, -i, owner).delete(`k${(i * 7) % 200}`, owner);
    expect([...before]).toEqual(copy);
    expect(before.size).toBe(200);
    expect(after.size).not.toBe(200);
  });

  it('SortedMap has one shape per set of keys, whatever the order they came in', () => {
    const keys = Array.from({ length: 300 }, (_, i) => `call-${i}`);
    const rng = createRng(3);
    const shuffled = [...keys].sort(() => rng.next() - 0.5);
    const a = SortedMap.of(keys.map((k) => [k, 1] as const));
    const b = SortedMap.of(shuffled.map((k) => [k, 1] as const))
      .set('extra', 1)
      .delete('extra');
    expect(b).toEqual(a);
  });

  it('SortedMap copies O(log n) nodes per edit, not the map (structural check, no timing)', () => {
    for (const n of [1_000, 20_000]) {
      const map = SortedMap.of(Array.from({ length: n }, (_, i) => [`c${i}`, i] as const));
      expect(map.set(`c${n}`, n).nodesNotIn(map)).toBeLessThanOrEqual(64);
      expect(map.set('c7', -1).nodesNotIn(map)).toBeLessThanOrEqual(64);
      expect(map.delete('c7').nodesNotIn(map)).toBeLessThanOrEqual(64);
    }
  });
  it('SortedMap range, lastKey, keys and forEach agree with a sorted plain list', () => {
    const rng = createRng(11);
    const keys = Array.from(
      { length: 400 },
      () => `${Math.floor(rng.next() * 30)}\u0000${Math.floor(rng.next() * 50)}`,
    );
    const map = SortedMap.of(keys.map((k) => [k, k.length] as const));
    const sorted = [...new Set(keys)].sort(codeUnitOrder);
    expect([...map.keys()]).toEqual(sorted);
    expect(map.lastKey()).toBe(sorted.at(-1));
    expect(SortedMap.empty().lastKey()).toBeUndefined();
    const visited: string[] = [];
    map.forEach((value, key) => {
      expect(value).toBe(key.length);
      visited.push(key);
    });
    expect(visited).toEqual(sorted);
    for (let i = 0; i < 100; i++) {
      const prefix = `${Math.floor(rng.next() * 32)}`;
      const [from, until] = [`${prefix}\u0000`, `${prefix}\u0001`];
      const want = sorted.filter((k) => k.startsWith(from)).map((k) => [k, k.length]);
      expect(map.range(from, until), prefix).toEqual(want);
    }
  });
});
