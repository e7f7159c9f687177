import { nextTick, onBeforeUnmount, onMounted } from 'vue';
import type { Ref } from 'vue';
import type { PageGeometry } from './floorPages';

const px = (value: string) => Number.parseFloat(value) || 0;
const columnsOf = (el: Element) => getComputedStyle(el).gridTemplateColumns.split(' ').filter(Boolean).length;

/**
 * What the laid-out floor page measures (see paginateFloor), or null before there is anything
 * to measure. `tallestRow` is the tallest tile seen so far; `overflowing` when the page laid out
 * with the previous geometry still spills over (then rows count 2 px taller).
 */
export function measureFloor(el: HTMLElement, tallestRow: number, hadGeometry: boolean): PageGeometry | null {
  if (el.clientHeight <= 0) return null;
  const tiles = el.querySelector<HTMLElement>('.team__tiles');
  const team = el.querySelector<HTMLElement>('.team');
  const grid = el.querySelector<HTMLElement>('.rep-grid');
  if (!tiles || !team || !grid) return null;
  let rowHeight = tallestRow;
  for (const tile of el.querySelectorAll<HTMLElement>('.rep-tile')) rowHeight = Math.max(rowHeight, tile.offsetHeight);
  let headerHeight = 0;
  for (const header of el.querySelectorAll<HTMLElement>('.team__header'))
    headerHeight = Math.max(headerHeight, header.offsetHeight);
  if (hadGeometry && el.scrollHeight > el.clientHeight + 1) rowHeight += 2;
  return {
    height: el.clientHeight,
    columns: columnsOf(tiles),
    rowHeight,
    rowGap: px(getComputedStyle(tiles).rowGap),
    headerHeight: headerHeight + px(getComputedStyle(team).rowGap),
    teamGap: px(getComputedStyle(grid).rowGap),
  };
}

/** How many alert rows fit `el` with room kept for a "+N more" line, or null before any row. */
export function measureAlertRows(el: HTMLElement, moreRows: number): number | null {
  const list = el.querySelector<HTMLElement>('.alert-feed__list');
  const row = list?.querySelector<HTMLElement>('li');
  if (!list || !row || el.clientHeight <= 0 || row.offsetHeight <= 0) return null;
  const gap = px(getComputedStyle(list).rowGap);
  const rowHeight = row.offsetHeight + gap;
  const top = list.getBoundingClientRect().top - el.getBoundingClientRect().top;
  const room = el.clientHeight - top - moreRows * rowHeight;
  return Math.max(1, Math.floor((room + gap) / rowHeight)) * Math.max(1, columnsOf(list));
}

/**
 * Calls `measure` after the next render's layout, on mount and whenever `target` resizes;
 * returns the function that asks for it again.
 */
export function useMeasure(target: Ref<HTMLElement | null>, measure: (el: HTMLElement) => void): () => void {
  let frame = 0;
  const soon = () => {
    cancelAnimationFrame(frame);
    void nextTick(() => {
      frame = requestAnimationFrame(() => {
        if (target.value) measure(target.value);
      });
    });
  };
  let resize: ResizeObserver | null = null;
  onMounted(() => {
    soon();
    if (typeof ResizeObserver !== 'undefined' && target.value) {
      resize = new ResizeObserver(soon);
      resize.observe(target.value);
    }
  });
  onBeforeUnmount(() => {
    cancelAnimationFrame(frame);
    resize?.disconnect();
  });
  return soon;
}

/**
 * Calls `next` whenever the current step has lasted `stepMs()` (read afresh a few times a
 * second, so a step's time follows a change in the number of steps at once).
 */
export function useStepper(stepMs: () => number, next: () => void): void {
  let since = 0;
  let timer: ReturnType<typeof setInterval> | undefined;
  onMounted(() => {
    since = Date.now();
    timer = setInterval(() => {
      if (Date.now() - since < stepMs()) return;
      since = Date.now();
      next();
    }, 100);
  });
  onBeforeUnmount(() => clearInterval(timer));
}
