import type { TeamGroup } from '../../stores/floor';

/** A team, or the part of it that fits, on one page of the TV's floor panel. */
export interface PageChunk {
  group: TeamGroup;
  /** Reps of the team on the page: all of them, or a run of whole tile rows. */
  reps: TeamGroup['reps'];
  /** The team started on an earlier page. */
  continued: boolean;
}

/** What the laid-out page measured (px): the room, and what a team and a row of tiles take. */
export interface PageGeometry {
  /** Height available to the teams. */
  height: number;
  /** Tiles across a team. */
  columns: number;
  /** A row of tiles (the tallest tile seen). */
  rowHeight: number;
  rowGap: number;
  /** A team's header and the gap under it. */
  headerHeight: number;
  /** Between two teams. */
  teamGap: number;
}

/**
 * Splits the floor into pages that each fit the panel: teams whole where they fit on a page of
 * their own, split into runs of whole tile rows where they do not. Every rep is on exactly one
 * page; a page always holds at least one row, however small the panel.
 */
export function paginateFloor(groups: readonly TeamGroup[], g: PageGeometry): PageChunk[][] {
  const columns = Math.max(1, Math.floor(g.columns));
  const rowsHeight = (rows: number) => rows * g.rowHeight + Math.max(0, rows - 1) * g.rowGap;
  const teamHeight = (reps: number) => g.headerHeight + rowsHeight(Math.ceil(reps / columns));
  const pages: PageChunk[][] = [];
  let page: PageChunk[] = [];
  let used = 0;
  const close = () => {
    if (page.length > 0) pages.push(page);
    page = [];
    used = 0;
  };

  for (const group of groups) {
    let start = 0;
    while (start < group.reps.length) {
      const left = group.reps.length - start;
      const gap = page.length > 0 ? g.teamGap : 0;
      const room = g.height - used - gap - g.headerHeight;
      const rowsFit = Math.floor((room + g.rowGap) / (g.rowHeight + g.rowGap));
      const wholeFits = rowsFit * columns >= left;
      // A team that would fit whole on a fresh page is not split across two.
      const wouldFitAlone = teamHeight(left) <= g.height;
      if (page.length > 0 && (rowsFit < 1 || (!wholeFits && wouldFitAlone))) {
        close();
        continue;
      }
      const take = Math.min(left, Math.max(1, rowsFit) * columns);
      page.push({ group, reps: group.reps.slice(start, start + take), continued: start > 0 });
      used += gap + g.headerHeight + rowsHeight(Math.ceil(take / columns));
      start += take;
      if (start < group.reps.length) close();
    }
  }
  close();
  return pages;
}
