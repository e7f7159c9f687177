import { onBeforeUnmount, onMounted, shallowRef } from 'vue';
import type { Ref } from 'vue';
import { COMPACT_TILES, ROOMY_TILES, columnsFor, teamHeight } from '../components/teamSize';

/**
 * The estimated height of a team on the wall, from its rep count and the grid's width, for a
 * team section's `contain-intrinsic-size` (what the browser lays out a team at until it first
 * renders it). One ResizeObserver watches the grid, not one per team: every team shares its
 * width, and the estimate follows a window resize. Returns undefined until the grid has been
 * measured once (the stylesheet's flat estimate stands in meanwhile).
 */
export function useTeamSizing(
  grid: Readonly<Ref<HTMLElement | null>>,
  compact: () => boolean,
): (reps: number) => number | undefined {
  const width = shallowRef<number | null>(null);
  let observer: ResizeObserver | null = null;

  onMounted(() => {
    if (!grid.value || typeof ResizeObserver === 'undefined') return;
    // Called after layout (reading the size forces none), also whenever a team renders and the
    // grid grows; the width ref changes, and so re-renders the wall, only when the width does.
    observer = new ResizeObserver((entries) => {
      const entry = entries[entries.length - 1];
      if (!entry) return;
      const next = Math.round(entry.contentRect.width);
      if (next > 0 && next !== width.value) width.value = next;
    });
    observer.observe(grid.value);
  });
  onBeforeUnmount(() => observer?.disconnect());

  return (reps) => {
    if (width.value === null) return undefined;
    const tiles = compact() ? COMPACT_TILES : ROOMY_TILES;
    return teamHeight(reps, columnsFor(width.value, tiles), tiles);
  };
}
