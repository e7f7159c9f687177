import type { CallRecord } from './callBook';
import { contribution, type FoldRules } from './callRecord';
import type { CoachingNote, NoteMetric } from './coaching';
import type { FloorState } from './repState';
import type { EpochMs } from '../time';

/**
 * Closed-loop coaching (issue #17): did the metric a note names move? The rep's finished calls
 * just before the note against the same number just after it (at most MAX_EFFECT_CALLS each side),
 * and the rest of the team over the same two time spans as the comparison. Pure: the same calls
 * in any order give the same answer.
 */

/** How each metric is counted: its base calls (the "calls" a side holds) and its value over them. */
export const METRIC_DEFINITIONS: Record<NoteMetric, { base: 'dials' | 'connects'; tolerance: number }> = {
  // Connect rate = connects / dials (README: the metrics); counted over dialled calls.
  connect_rate: { base: 'dials', tolerance: 0.05 },
  // Effective calls / connects; counted over connected calls.
  effective_rate: { base: 'connects', tolerance: 0.05 },
  // Average talk time per connect (ms); counted over connected calls. Tolerance 15 s.
  talk_per_connect: { base: 'connects', tolerance: 15_000 },
  // Leads (intention customers) / connects.
  lead_rate: { base: 'connects', tolerance: 0.05 },
  // Conversion = deals / connects (README: the metrics).
  conversion: { base: 'connects', tolerance: 0.05 },
};

/** Below this many base calls after the note: "not enough calls yet". */
export const MIN_EFFECT_CALLS = 5;
/** At most this many base calls on each side. */
export const MAX_EFFECT_CALLS = 50;

/** One finished call of a day's fold, with its rep and the rep's team that day. */
export interface EffectCall {
  rep: string;
  team: string | null;
  call: string;
  /** When the call began (its dial; the earliest event when the dial was lost). */
  at: EpochMs;
  dials: number;
  connects: number;
  effectiveCalls: number;
  talkMs: number;
  leads: number;
  deals: number;
}

/** The finished calls of a fold (a call carried over midnight counts on the day of its dial). */
export function effectCallsOf(state: FloorState, rules: FoldRules): EffectCall[] {
  const out: EffectCall[] = [];
  for (const rep of state.reps.values()) {
    for (const [call, record] of rep.calls) {
      const at = startOf(record);
      if (record.carriedFrom !== undefined || at === undefined || !finished(record)) continue;
      const c = contribution(record, rules);
      out.push({ rep: rep.id, team: rep.team, call, at, ...pick(c) });
    }
  }
  return out;
}

function pick(c: ReturnType<typeof contribution>) {
  const { dials, connects, effectiveCalls, talkMs, leads, deals } = c;
  return { dials, connects, effectiveCalls, talkMs, leads, deals };
}

function startOf(r: CallRecord): EpochMs | undefined {
  if (r.dialAt !== undefined) return r.dialAt;
  const times = [r.answerAt, r.hangupAt, r.outcomeAt].filter((t): t is number => t !== undefined);
  return times.length ? Math.min(...times) : undefined;
}

/** A call counts once it ended (hung up) or got its outcome; a call still ringing may yet connect. */
function finished(r: CallRecord): boolean {
  return r.hangupAt !== undefined || r.outcome !== undefined;
}

export interface EffectSide {
  /** Base calls on this side (dials for connect rate, connected calls for the others). */
  calls: number;
  /** The metric over them; null with no base calls. */
  value: number | null;
}

export type EffectStatus = 'measured' | 'not_enough_calls' | 'calls_gone' | 'no_metric';
export type EffectMove = 'up' | 'down' | 'flat';

export interface CoachingEffect {
  note: CoachingNote;
  status: EffectStatus;
  /** Base calls after the note so far (up to MAX_EFFECT_CALLS). */
  callsAfter: number;
  /** Measured only: the rep before and after, the same number of calls each side. */
  before: EffectSide | null;
  after: EffectSide | null;
  /** after - before; null unless measured. */
  change: number | null;
  /** up / down, or flat when |change| is within the metric's tolerance. */
  move: EffectMove | null;
  /** The two time spans the rep's calls cover: [from, note) and [note, until]. */
  span: { from: EpochMs; until: EpochMs } | null;
  /** The rest of the note's team (not the rep) over the same two spans. */
  team: { before: EffectSide; after: EffectSide; change: number | null } | null;
}

const key = (c: EffectCall) => `${c.rep}\u0000${c.call}`;

/** Calls in one order whatever order they came in; a call given twice counts once. */
export function orderCalls(calls: readonly EffectCall[]): EffectCall[] {
  const sorted = [...calls].sort(
    (a, b) => a.at - b.at || cmp(a.rep, b.rep) || cmp(a.call, b.call) || cmp(JSON.stringify(a), JSON.stringify(b)),
  );
  const seen = new Set<string>();
  return sorted.filter((c) => (seen.has(key(c)) ? false : (seen.add(key(c)), true)));
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function isBase(c: EffectCall, metric: NoteMetric): boolean {
  return METRIC_DEFINITIONS[metric].base === 'dials' ? c.dials > 0 : c.connects > 0;
}

/** The metric over some calls (only their base calls count). */
export function metricOver(calls: readonly EffectCall[], metric: NoteMetric): EffectSide {
  const base = calls.filter((c) => isBase(c, metric));
  const n = base.length;
  if (n === 0) return { calls: 0, value: null };
  const sum = (f: (c: EffectCall) => number) => base.reduce((s, c) => s + f(c), 0);
  const value =
    metric === 'connect_rate'
      ? sum((c) => c.connects) / n
      : metric === 'effective_rate'
        ? sum((c) => c.effectiveCalls) / n
        : metric === 'talk_per_connect'
          ? sum((c) => c.talkMs) / n
          : metric === 'lead_rate'
            ? sum((c) => c.leads) / n
            : sum((c) => c.deals) / n;
  return { calls: n, value };
}

function moveOf(change: number, metric: NoteMetric): EffectMove {
  if (Math.abs(change) <= METRIC_DEFINITIONS[metric].tolerance + 1e-9) return 'flat';
  return change > 0 ? 'up' : 'down';
}

/**
 * The effect of one note. `calls` are every finished call the caller holds (any order); `keptFrom`
 * is the first instant they cover (the start of the earliest retained day loaded): a note before it
 * has "calls no longer kept".
 */
export function coachingEffect(
  note: CoachingNote,
  calls: readonly EffectCall[],
  keptFrom: EpochMs | null,
  limits: { min?: number; max?: number } = {},
): CoachingEffect {
  const min = limits.min ?? MIN_EFFECT_CALLS;
  const max = limits.max ?? MAX_EFFECT_CALLS;
  const none = { callsAfter: 0, before: null, after: null, change: null, move: null, span: null, team: null };
  const metric = note.metric;
  if (!metric) return { note, status: 'no_metric', ...none };
  if (keptFrom === null || note.createdAt < keptFrom) return { note, status: 'calls_gone', ...none };

  const ordered = orderCalls(calls);
  const mine = ordered.filter((c) => c.rep === note.rep && isBase(c, metric));
  const afterAll = mine.filter((c) => c.at >= note.createdAt);
  const beforeAll = mine.filter((c) => c.at < note.createdAt);
  const callsAfter = Math.min(afterAll.length, max);
  const n = Math.min(callsAfter, beforeAll.length);
  if (callsAfter < min || n < min) return { note, status: 'not_enough_calls', ...none, callsAfter };

  const afterCalls = afterAll.slice(0, n);
  const beforeCalls = beforeAll.slice(beforeAll.length - n);
  const before = metricOver(beforeCalls, metric);
  const after = metricOver(afterCalls, metric);
  const change = after.value! - before.value!;
  const span = { from: beforeCalls[0]!.at, until: afterCalls[n - 1]!.at };

  const others = ordered.filter((c) => c.rep !== note.rep && note.team !== null && c.team === note.team);
  const teamBefore = metricOver(
    others.filter((c) => c.at >= span.from && c.at < note.createdAt),
    metric,
  );
  const teamAfter = metricOver(
    others.filter((c) => c.at >= note.createdAt && c.at <= span.until),
    metric,
  );
  const teamChange = teamBefore.value !== null && teamAfter.value !== null ? teamAfter.value - teamBefore.value : null;
  return {
    note,
    status: 'measured',
    callsAfter,
    before,
    after,
    change,
    move: moveOf(change, metric),
    span,
    team: note.team === null ? null : { before: teamBefore, after: teamAfter, change: teamChange },
  };
}
