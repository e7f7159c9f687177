import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import RepGrid from '../../../client/components/RepGrid.vue';
import TeamSection from '../../../client/components/TeamSection.vue';
import { COMPACT_TILES, ROOMY_TILES, columnsFor, teamHeight } from '../../../client/components/teamSize';
import { useFloorStore } from '../../../client/stores/floor';
import { T0, makeRep, makeSnapshot } from '../support/floorData';
import { freshPinia, mountWithApp } from '../support/mountApp';

describe('columnsFor', () => {
  it('counts the columns of repeat(auto-fill, minmax(178px, 1fr)) with a 5 px gap', () => {
    // n columns need n × 178 + (n − 1) × 5 px.
    expect(columnsFor(178, ROOMY_TILES)).toBe(1);
    expect(columnsFor(360, ROOMY_TILES)).toBe(1);
    expect(columnsFor(361, ROOMY_TILES)).toBe(2);
    expect(columnsFor(1093, ROOMY_TILES)).toBe(6);
    // The wall's grid at 1440x900 (1171 px, measured in Chromium): 6 roomy columns, 8 compact.
    expect(columnsFor(1171, ROOMY_TILES)).toBe(6);
    expect(columnsFor(1171, COMPACT_TILES)).toBe(8);
    // And at 1000x900 (736 px): 4 and 5.
    expect(columnsFor(736, ROOMY_TILES)).toBe(4);
    expect(columnsFor(736, COMPACT_TILES)).toBe(5);
  });

  it('gives one column to a grid narrower than a tile, or not measured', () => {
    expect(columnsFor(100, ROOMY_TILES)).toBe(1);
    expect(columnsFor(0, COMPACT_TILES)).toBe(1);
    expect(columnsFor(Number.NaN, COMPACT_TILES)).toBe(1);
  });
});

describe('teamHeight', () => {
  it('is the header, then the rows of tiles and the gaps between them', () => {
    const { header, rowHeight, gap } = ROOMY_TILES;
    expect(teamHeight(1, 6, ROOMY_TILES)).toBe(header + rowHeight);
    expect(teamHeight(6, 6, ROOMY_TILES)).toBe(header + rowHeight);
    expect(teamHeight(7, 6, ROOMY_TILES)).toBe(header + 2 * rowHeight + gap);
    expect(teamHeight(36, 6, ROOMY_TILES)).toBe(header + 6 * rowHeight + 5 * gap);
    expect(teamHeight(36, 8, COMPACT_TILES)).toBe(
      COMPACT_TILES.header + 5 * COMPACT_TILES.rowHeight + 4 * COMPACT_TILES.gap,
    );
  });

  it('tells a team of 2 from a team of 36 (the flat 320 px did not)', () => {
    const small = teamHeight(2, 6, ROOMY_TILES);
    const big = teamHeight(36, 6, ROOMY_TILES);
    // Chromium: a team of 2 about 100-120 px, of 36 in 6 columns 600-870 px.
    expect(small).toBeGreaterThan(90);
    expect(small).toBeLessThan(150);
    expect(big).toBeGreaterThan(600);
    expect(big).toBeLessThan(870);
  });

  it('grows as the columns shrink, and is the header alone for no reps', () => {
    expect(teamHeight(36, 4, ROOMY_TILES)).toBeGreaterThan(teamHeight(36, 6, ROOMY_TILES));
    expect(teamHeight(36, 1, ROOMY_TILES)).toBe(ROOMY_TILES.header + 36 * ROOMY_TILES.rowHeight + 35 * ROOMY_TILES.gap);
    expect(teamHeight(0, 6, ROOMY_TILES)).toBe(ROOMY_TILES.header);
    expect(teamHeight(3, 0, ROOMY_TILES)).toBe(teamHeight(3, 1, ROOMY_TILES));
  });
});

/** A ResizeObserver the test drives: it reports the widths the test gives it. */
class FakeResizeObserver {
  static instances: FakeResizeObserver[] = [];
  observed: Element[] = [];
  disconnected = false;
  constructor(private readonly callback: ResizeObserverCallback) {
    FakeResizeObserver.instances.push(this);
  }
  observe(el: Element) {
    this.observed.push(el);
  }
  unobserve() {}
  disconnect() {
    this.disconnected = true;
  }
  resize(width: number) {
    const entries = this.observed.map((target) => ({ target, contentRect: { width } }) as ResizeObserverEntry);
    this.callback(entries, this as unknown as ResizeObserver);
  }
}

const reps = [
  ...Array.from({ length: 2 }, (_, i) => makeRep({ id: `s${i}`, name: `Small ${i}`, team: 'a-small' })),
  ...Array.from({ length: 36 }, (_, i) =>
    makeRep({ id: `b${String(i).padStart(2, '0')}`, name: `Big ${i}`, team: 'b-big' }),
  ),
];

function mountGrid(compact = false) {
  const pinia = freshPinia();
  const floor = useFloorStore();
  floor.applySnapshot(makeSnapshot(reps));
  return mountWithApp(RepGrid, { pinia, props: { groups: floor.groups, compact } });
}

const styleOf = (grid: ReturnType<typeof mountGrid>, team: string) =>
  grid.find(`section.team[data-team="${team}"]`).attributes('style');

describe('the wall sizes its teams', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(T0);
    FakeResizeObserver.instances = [];
    vi.stubGlobal('ResizeObserver', FakeResizeObserver);
  });

  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('TeamSection sets its estimate as contain-intrinsic-size, keeping auto; none without one (TV)', () => {
    const pinia = freshPinia();
    const floor = useFloorStore();
    floor.applySnapshot(makeSnapshot(reps));
    const group = floor.groups[1]!;
    const sized = mountWithApp(TeamSection, { pinia, props: { group, estimatedHeight: 687 } });
    expect(sized.find('section.team').attributes('style')).toBe('contain-intrinsic-size: auto 687px;');
    const plain = mountWithApp(TeamSection, { pinia, props: { group } });
    expect(plain.find('section.team').attributes('style')).toBeUndefined();
  });

  it('RepGrid: one observer for the grid; each team its own estimate once the width is known', async () => {
    const grid = mountGrid();
    // Before the first measurement the stylesheet's flat estimate stands.
    expect(styleOf(grid, 'a-small')).toBeUndefined();
    expect(FakeResizeObserver.instances).toHaveLength(1);
    const observer = FakeResizeObserver.instances[0]!;
    expect(observer.observed).toEqual([grid.find('.rep-grid').element]);

    observer.resize(1171);
    await grid.vm.$nextTick();
    expect(styleOf(grid, 'a-small')).toBe(`contain-intrinsic-size: auto ${teamHeight(2, 6, ROOMY_TILES)}px;`);
    expect(styleOf(grid, 'b-big')).toBe(`contain-intrinsic-size: auto ${teamHeight(36, 6, ROOMY_TILES)}px;`);

    // A narrower window: fewer columns, a taller estimate for the big team.
    observer.resize(736);
    await grid.vm.$nextTick();
    expect(styleOf(grid, 'b-big')).toBe(`contain-intrinsic-size: auto ${teamHeight(36, 4, ROOMY_TILES)}px;`);

    // Compact tiles: their own columns and rows.
    await grid.setProps({ compact: true });
    expect(styleOf(grid, 'b-big')).toBe(`contain-intrinsic-size: auto ${teamHeight(36, 5, COMPACT_TILES)}px;`);

    grid.unmount();
    expect(observer.disconnected).toBe(true);
    expect(FakeResizeObserver.instances).toHaveLength(1);
  });
});
