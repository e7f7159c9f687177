/** What a case returns, and the checks every case ends with. */
import { STREAM, type Floor, type Tracker } from './floor';
import { diffReps, recompute, type Reference } from './reference';

export interface Check {
  name: string;
  ok: boolean;
  detail: string;
}

export interface CaseResult {
  name: string;
  passed: boolean;
  /** Entries written to the stream by the case (duplicates included). */
  written: number;
  /** Events the reference counts once (rep events + first of each type per call). */
  counted: number;
  /** The case's convergence time (ms), as the case defines it; null when it never converged. */
  convergeMs: number | null;
  /** What the convergence time is measured from, and its limit. */
  convergeNote: string;
  checks: Check[];
  /** Figures worth reporting (RSS over time, event-loop delay, delays). */
  notes: string[];
  durationMs: number;
  error?: string;
}

export interface CaseContext {
  quick: boolean;
  tracker: Tracker;
  log: (line: string) => void;
}

export class Checks {
  readonly list: Check[] = [];
  readonly notes: string[] = [];
  add(name: string, ok: boolean, detail = ''): boolean {
    this.list.push({ name, ok, detail });
    return ok;
  }
  note(line: string): void {
    this.notes.push(line);
  }
}

/** Server totals (GET /api/floor: every rep and the floor totals) against the recomputation. */
export async function verifyServer(floor: Floor, checks: Checks): Promise<Reference> {
  const ref = await recompute(floor.cmd, STREAM);
  const view = await floor.floorView();
  const diffs = diffReps(view.reps, ref);
  checks.add(
    'server reps = reference',
    diffs.length === 0,
    diffs.length ? diffs.join('; ') : `${view.reps.length} reps, dials ${view.totals.dials} = ${ref.totals.dials}`,
  );
  const t = view.totals;
  const r = ref.totals;
  const totalsOk =
    t.dials === r.dials &&
    t.connects === r.connects &&
    t.effectiveCalls === r.effectiveCalls &&
    t.talkSeconds === r.talkSeconds &&
    t.leads === r.leads &&
    t.deals === r.deals &&
    Math.abs(t.revenue - r.revenue) < 0.005;
  checks.add(
    'floor totals = reference',
    totalsOk,
    `server ${t.dials}/${t.connects}/${t.effectiveCalls}/${t.talkSeconds}/${t.leads}/${t.deals}/${t.revenue.toFixed(2)}` +
      ` reference ${r.dials}/${r.connects}/${r.effectiveCalls}/${r.talkSeconds}/${r.leads}/${r.deals}/${r.revenue.toFixed(2)}`,
  );
  return ref;
}

export const fmtMs = (ms: number | null) =>
  ms === null ? '—' : ms < 10_000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
export const mb = (bytes: number) => `${Math.round(bytes / 1048576)} MB`;
