import { decodeTotals, readRep } from '../../shared/contracts/floorPatch';
import type { FloorDelta } from '../../shared/contracts/socket';
import type { RepView, Totals } from '../../shared/domain/floorView';

/** A delta's rep patches as partial rows (id and the fields it carries), for tests that look inside. */
export const deltaRows = (delta: FloorDelta): (Partial<RepView> & { id: string })[] =>
  delta.reps.map((patch) => ({ ...readRep(patch, delta.serverNow), id: patch[0] }));

/** A delta's scope totals, when it carries them. */
export const deltaTotals = (delta: FloorDelta): Totals | null => (delta.totals ? decodeTotals(delta.totals) : null);
