import type { EpochMs } from '../../shared/time';

/**
 * A table to export: typed columns and rows produced lazily (the writers stream them). Types:
 * `text`; `int` and `number` (written as numbers); `money` (2 decimals); `day` (a DayKey, a date
 * in XLSX); `datetime` (epoch ms, written as the floor's wall-clock time); `bool` (yes/no).
 */
export type ColumnType = 'text' | 'int' | 'number' | 'money' | 'day' | 'datetime' | 'bool';

export interface Column {
  header: string;
  type: ColumnType;
  /** XLSX column width in characters. */
  width: number;
}

export type Cell = string | number | boolean | null;

export interface ExportTable {
  /** The file's base name (ASCII: kind and range). */
  name: string;
  /** The sheet's name in XLSX. */
  sheet: string;
  columns: readonly Column[];
  rows: AsyncIterable<readonly Cell[]>;
}

/** Builds a column list from `[header, type, width]` triples. */
export function columns(...list: [string, ColumnType, number?][]): Column[] {
  return list.map(([header, type, width]) => ({ header, type, width: width ?? defaultWidth(type, header) }));
}

function defaultWidth(type: ColumnType, header: string): number {
  const base = type === 'datetime' ? 20 : type === 'day' ? 12 : type === 'text' ? 16 : 10;
  return Math.max(base, header.length + 2);
}

/** Wall-clock parts of an instant in a time zone. */
export function wallClock(timeZone: string): (at: EpochMs) => { utc: number; text: string } {
  const format = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  });
  return (at) => {
    const p: Record<string, string> = {};
    for (const part of format.formatToParts(at)) p[part.type] = part.value;
    const [y, mo, d, h, mi, s] = [p.year, p.month, p.day, p.hour, p.minute, p.second].map(Number) as number[];
    return {
      // The wall clock as if it were UTC: what an XLSX date (which has no zone) must hold.
      utc: Date.UTC(y!, mo! - 1, d!, h!, mi!, s!),
      text: `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second}`,
    };
  };
}
