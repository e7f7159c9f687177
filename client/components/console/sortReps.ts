import type { RepView } from '../../../shared/domain/floorView';
import { REP_STATUSES } from '../../../shared/domain/repState';

export const SORT_KEYS = [
  'name',
  'status',
  'timeInStatus',
  'dials',
  'connects',
  'effectiveCalls',
  'talk',
  'leads',
  'deals',
  'revenue',
  'pace',
] as const;
export type SortKey = (typeof SORT_KEYS)[number];
export type SortDir = 'asc' | 'desc';

export interface RepRow {
  rep: RepView;
  dialsPace: number | null;
  overallPace: number | null;
}

function value(row: RepRow, key: Exclude<SortKey, 'name'>): number {
  const { rep } = row;
  switch (key) {
    case 'status':
      return REP_STATUSES.indexOf(rep.status);
    case 'timeInStatus':
      // Older start = longer in status.
      return -rep.statusSince;
    case 'talk':
      return rep.talkSeconds;
    case 'pace':
      // The Pace column shows the overall pace; no pace yet sorts below every real pace.
      return row.overallPace ?? -1;
    default:
      return rep[key];
  }
}

/** Rows ordered by one column; ties by name so the order is stable. */
export function sortRows(rows: readonly RepRow[], key: SortKey, dir: SortDir): RepRow[] {
  const sign = dir === 'asc' ? 1 : -1;
  const byName = (a: RepRow, b: RepRow) => a.rep.name.localeCompare(b.rep.name) || a.rep.id.localeCompare(b.rep.id);
  return [...rows].sort((a, b) => {
    const primary = key === 'name' ? byName(a, b) : value(a, key) - value(b, key);
    return primary * sign || byName(a, b);
  });
}

/** Numbers read best largest-first; words alphabetically. */
export function defaultDir(key: SortKey): SortDir {
  return key === 'name' || key === 'status' ? 'asc' : 'desc';
}
