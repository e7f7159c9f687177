/**
 * How tall a team section will be before the browser has rendered it. Teams off screen are
 * skipped (`content-visibility: auto`, tiles.css) and laid out at `contain-intrinsic-size`; a
 * good guess there keeps the headers below a team still when it scrolls into view and renders.
 * Pure (no DOM): the grid's width comes from useTeamSizing's ResizeObserver.
 */

/** One density of the wall: its tile grid (tiles.css / progress.css) and a typical row. */
export interface TileGeometry {
  /** `.team__tiles`: grid-template-columns: repeat(auto-fill, minmax(<minColumn>px, 1fr)). */
  minColumn: number;
  /** `.team__tiles` gap, between columns and between rows. */
  gap: number;
  /**
   * A typical row of tiles, in px. A row is as tall as its tallest tile, so it depends on who is
   * in it (names, alerts); these lie between the rows measured in Debian's Chromium (its default
   * fonts) at 1440x900 and 1000x900 on floors like tests/e2e/teamSize.test.ts's. Constants, not
   * read from a rendered tile: a team's own last size takes over once it renders (`auto`).
   */
  rowHeight: number;
  /** `.team__header` (measured 24.2 px, one line in either density) plus `.team`'s 3 px gap. */
  header: number;
}

/**
 * Roomy tiles (tiles.css). Rows measured in Chromium: 91 px (each part of every tile on one
 * line), 104 (on a ~180 px tile, talk time and leads/deals on two lines), 109 (an alert's strip
 * above the name), 129 (an alert whose long name wraps); a team's rows are mostly the first two,
 * with an alert row now and then. Teams of 36 measured 679-706 px in 6 columns (this: 676)
 * and 1020 px in 4 (this: 1003).
 */
export const ROOMY_TILES: TileGeometry = { minColumn: 178, gap: 5, rowHeight: 104, header: 27 };

/**
 * Compact tiles (`.rep-grid--compact`, progress.css). Rows measured: 70 px (names on one line),
 * 74 (an alert's strip), 87 (a name on two lines, as an everyday "Sophie Martin" beside the
 * timer on a 130-145 px tile often is), 90.5 (an alert and a two-line name). Teams of 36
 * measured 436-438 px in 8 columns (this: 443) and 660-682 px in 5 (this: 695).
 */
export const COMPACT_TILES: TileGeometry = { minColumn: 128, gap: 4, rowHeight: 80, header: 27 };

/**
 * Columns of `repeat(auto-fill, minmax(minColumn, 1fr))` with `gap` in a grid `width` px wide:
 * as many minimum columns and the gaps between them as fit, at least one.
 */
export function columnsFor(width: number, tiles: TileGeometry): number {
  if (!(width > 0)) return 1;
  return Math.max(1, Math.floor((width + tiles.gap) / (tiles.minColumn + tiles.gap)));
}

/** A team of `reps` in `columns` columns: header, then its rows of tiles and the gaps between them, in px. */
export function teamHeight(reps: number, columns: number, tiles: TileGeometry): number {
  const rows = Math.ceil(Math.max(0, reps) / Math.max(1, columns));
  const tileRows = rows > 0 ? rows * tiles.rowHeight + (rows - 1) * tiles.gap : 0;
  return Math.round(tiles.header + tileRows);
}
