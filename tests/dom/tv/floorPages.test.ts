import { describe, expect, it } from 'vitest';
import { paginateFloor } from '../../../client/components/tv/floorPages';
import type { TeamGroup } from '../../../client/stores/floor';
import { makeRep } from '../support/floorData';

const team = (id: string, n: number): TeamGroup => ({
  id,
  totals: null,
  reps: Array.from({ length: n }, (_, i) => makeRep({ id: `${id}-${i}`, team: id })),
});
// 10 tiles across, rows of 100 px, headers of 30 px: 640 px hold a header and 6 rows.
const geometry = { height: 640, columns: 10, rowHeight: 100, rowGap: 0, headerHeight: 30, teamGap: 0 };

describe('the pages of the TV floor', () => {
  it('puts every rep on exactly one page, keeping teams whole where they fit a page', () => {
    const groups = [team('a', 15), team('b', 15), team('c', 15), team('d', 15)];
    const pages = paginateFloor(groups, geometry);
    const ids = pages.flatMap((p) => p.flatMap((c) => c.reps.map((r) => r.id)));
    expect(ids).toEqual(groups.flatMap((g) => g.reps.map((r) => r.id)));
    // Two teams (2 rows each) a page: a third would need 230 px more.
    expect(pages.map((p) => p.map((c) => c.group.id))).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ]);
    expect(pages.flat().every((c) => !c.continued)).toBe(true);
  });

  it('splits a team taller than a page into runs of whole rows, marked continued', () => {
    const pages = paginateFloor([team('big', 130)], geometry);
    expect(pages.map((p) => p.map((c) => c.reps.length))).toEqual([[60], [60], [10]]);
    expect(pages.map((p) => p[0]!.continued)).toEqual([false, true, true]);
  });

  it('still shows one row a page on a panel too small for one', () => {
    const pages = paginateFloor([team('a', 25)], { ...geometry, height: 50 });
    expect(pages.map((p) => p[0]!.reps.length)).toEqual([10, 10, 5]);
  });
});
