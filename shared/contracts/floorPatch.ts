import { summarize, type RepView, type TeamView, type Totals } from '../domain/floorView';
import { REP_STATUSES } from '../domain/repState';
import { TARGET_METRICS } from '../domain/targets';
import type { EpochMs } from '../time';
import type { RepPatch, TeamPatch, TotalsRow } from './socket';

/**
 * The compact wire form of a delta (issue #13). A rep patch is an array:
 * `[id, mask, ...values]`, where bit i of `mask` says REP_FIELDS[i] changed and the values of the
 * set bits follow in REP_FIELDS order. Times are sent as `serverNow − time` (a few digits, not
 * thirteen). Totals are arrays of numbers in TOTALS order. One module encodes and decodes, so
 * the server, the client store and the headless bench clients read the same format.
 */
export const REP_FIELDS = [
  'status',
  'statusSince',
  'version',
  'loggedInSeconds',
  'dials',
  'currentCall',
  'callAnsweredAt',
  'connects',
  'effectiveCalls',
  'talkSeconds',
  'wrapupSeconds',
  'pauseSeconds',
  'pauseReason',
  'leads',
  'deals',
  'revenue',
  'missingDetails',
  'callbackCount',
  'name',
  'team',
  'targets',
  'refusals',
  'callbacks',
  'handoffsWon',
  'handoffRevenue',
] as const satisfies readonly Exclude<keyof RepView, 'id'>[];
export type RepField = (typeof REP_FIELDS)[number];

export const fieldBit = (field: RepField): number => 1 << REP_FIELDS.indexOf(field);
/** Every field: a rep the feed's clients have not seen yet. */
export const ALL_FIELDS = (1 << REP_FIELDS.length) - 1;
/** Floor and team feeds never carry call-backs and refusal reasons (the rep's own page only). */
export const BOARD_OMITS = fieldBit('refusals') | fieldBit('callbacks');
/** What a patch must carry to create a rep the client does not hold (lists default to empty). */
const REQUIRED = ALL_FIELDS & ~BOARD_OMITS;
const TIMES = fieldBit('statusSince') | fieldBit('callAnsweredAt');
const STRUCTURED = fieldBit('targets') | BOARD_OMITS;

function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  // A view's lists are rebuilt on every change, mostly of the very same items: those compare by
  // reference, and only an item that is not the same object is compared by value.
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => sameValue(x, b[i]));
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Which fields differ between two views of a rep; every field when there is no earlier view. */
export function changedFields(before: RepView | undefined, after: RepView): number {
  if (!before) return ALL_FIELDS;
  let mask = 0;
  for (let i = 0; i < REP_FIELDS.length; i++) {
    const field = REP_FIELDS[i]!;
    const bit = 1 << i;
    const a = before[field];
    const b = after[field];
    if (bit & STRUCTURED ? !sameValue(a, b) : a !== b) mask |= bit;
  }
  return mask;
}

/** The patch of `view` carrying the fields of `mask`, times relative to `serverNow`. */
export function encodeRep(view: RepView, mask: number, serverNow: EpochMs): RepPatch {
  const patch: RepPatch = [view.id, mask];
  for (let i = 0; i < REP_FIELDS.length; i++) {
    const bit = 1 << i;
    if (!(mask & bit)) continue;
    const value = view[REP_FIELDS[i]!];
    patch.push(bit & TIMES && value !== null ? serverNow - (value as number) : value);
  }
  return patch;
}

/** The fields a patch carries, as a partial view (times back in epoch ms); null when malformed. */
export function readRep(patch: RepPatch, serverNow: EpochMs): Partial<RepView> | null {
  if (!Array.isArray(patch) || typeof patch[0] !== 'string') return null;
  const mask = patch[1];
  if (typeof mask !== 'number' || !Number.isInteger(mask) || mask < 0 || mask > ALL_FIELDS) return null;
  const fields: Record<string, unknown> = {};
  let at = 2;
  for (let i = 0; i < REP_FIELDS.length; i++) {
    const bit = 1 << i;
    if (!(mask & bit)) continue;
    if (at >= patch.length) return null;
    const value = patch[at++];
    fields[REP_FIELDS[i]!] = bit & TIMES && typeof value === 'number' ? serverNow - value : value;
  }
  return at === patch.length ? (fields as Partial<RepView>) : null;
}

/**
 * The rep after a patch. Null when the patch cannot be applied: malformed, or a rep the client
 * does not hold and the patch is not a whole row (a missed delta: the caller resyncs).
 */
export function applyRepPatch(before: RepView | undefined, patch: RepPatch, serverNow: EpochMs): RepView | null {
  const fields = readRep(patch, serverNow);
  if (!fields) return null;
  if (before) return { ...before, ...fields };
  if ((patch[1] & REQUIRED) !== REQUIRED) return null;
  return { refusals: [], callbacks: [], ...fields, id: patch[0] } as RepView;
}

const COUNTERS = ['dials', 'connects', 'effectiveCalls', 'talkSeconds', 'leads', 'deals', 'revenue'] as const;
/** Length of a TotalsRow: reps, the statuses, the counters, the targets. */
export const TOTALS_LENGTH = 1 + REP_STATUSES.length + COUNTERS.length + TARGET_METRICS.length;

// One array and no intermediate ones: every team feed encodes its totals on each read page.
export function encodeTotals(totals: Totals): TotalsRow {
  const row: number[] = [totals.reps];
  for (const s of REP_STATUSES) row.push(totals.byStatus[s]);
  for (const c of COUNTERS) row.push(totals[c]);
  for (const m of TARGET_METRICS) row.push(totals.targets[m]);
  return row;
}

/** Whether two rows (of totals, or of a team's totals after its id) hold the same values. */
export function sameRow(a: readonly unknown[] | undefined, b: readonly unknown[]): boolean {
  if (a === undefined || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

export function decodeTotals(row: readonly number[]): Totals | null {
  if (row.length !== TOTALS_LENGTH || row.some((n) => typeof n !== 'number')) return null;
  let at = 1;
  const take = () => row[at++]!;
  const byStatus = Object.fromEntries(REP_STATUSES.map((s) => [s, take()])) as Totals['byStatus'];
  const counters = Object.fromEntries(COUNTERS.map((c) => [c, take()])) as Pick<Totals, (typeof COUNTERS)[number]>;
  const targets = Object.fromEntries(TARGET_METRICS.map((m) => [m, take()])) as unknown as Totals['targets'];
  return { reps: row[0]!, byStatus, ...counters, targets };
}

export const encodeTeam = (team: TeamView): TeamPatch => [team.id, ...encodeTotals(team.totals)];

/**
 * The teams after a delta's team patches: changed totals replaced, a team whose patch counts no
 * reps gone, new teams in order. Unchanged teams keep their objects. Null when malformed.
 */
export function applyTeamPatches(before: readonly TeamView[], patches: readonly TeamPatch[]): TeamView[] | null {
  if (patches.length === 0) return before as TeamView[];
  const byId = new Map(before.map((t) => [t.id, t]));
  let added = false;
  for (const [id, ...row] of patches) {
    const totals = decodeTotals(row);
    if (typeof id !== 'string' || !totals) return null;
    if (totals.reps === 0) byId.delete(id);
    else {
      added ||= !byId.has(id);
      byId.set(id, { id, totals });
    }
  }
  const teams = [...byId.values()];
  return added ? teams.sort((a, b) => a.id.localeCompare(b.id)) : teams;
}

/**
 * A rep's own feed carries no team or scope totals: they are the sums of its one row, as the
 * server's snapshot computes them (summarize), so the page sums what it holds after each delta.
 */
export const ownTotals = (reps: Iterable<RepView>): { teams: TeamView[]; totals: Totals } => summarize([...reps]);
