import type { EpochMs } from '../time';
import type { Callback } from './repState';
import { TARGET_METRICS, actualFor, type DailyTargets, type TargetMetric } from './targets';

/** The metrics a rep can catch up on by working the phone right now (the others follow from them). */
export const CATCH_UP_METRICS = ['dials', 'effectiveCalls'] as const satisfies readonly TargetMetric[];

/** How far behind the expected-by-now figure a metric is, in whole units (dials, calls). */
export interface CatchUp {
  metric: (typeof CATCH_UP_METRICS)[number];
  count: number;
}

/** What is left to one daily target, in whole units (minutes for talk, currency units for revenue). */
export interface TargetLeft {
  metric: TargetMetric;
  left: number;
  reached: boolean;
}

export interface NextSteps {
  /** Behind-pace metrics only; empty when on pace (or before the shift, or with no shift known). */
  catchUp: CatchUp[];
  /** Every metric that has a target, in TARGET_METRICS order. */
  targets: TargetLeft[];
  /** The call-back to make next: the soonest (an overdue one first), those of unknown time last. */
  nextCallback: (Callback & { overdue: boolean }) | null;
}

export interface NextStepsInput {
  dials: number;
  effectiveCalls: number;
  talkSeconds: number;
  leads: number;
  deals: number;
  revenue: number;
  targets: DailyTargets;
  callbacks: readonly Callback[];
}

/**
 * A rep's plain next steps: how many dials and effective calls get them back on pace (expected by
 * now = daily target x fraction of the shift elapsed), what is left to each target, and the next
 * call-back. `fraction` is null when the shift is not known yet (no catch-up then).
 */
export function nextSteps(rep: NextStepsInput, fraction: number | null, now: EpochMs): NextSteps {
  const actual = actualFor(rep);
  const catchUp: CatchUp[] = [];
  if (fraction !== null) {
    for (const metric of CATCH_UP_METRICS) {
      const count = wholeUnitsShort(rep.targets[metric] * fraction, actual[metric]);
      if (count > 0) catchUp.push({ metric, count });
    }
  }
  const targets: TargetLeft[] = [];
  for (const metric of TARGET_METRICS) {
    const target = rep.targets[metric];
    if (!(target > 0)) continue;
    const left = wholeUnitsShort(target, actual[metric]);
    targets.push({ metric, left, reached: left === 0 });
  }
  return { catchUp, targets, nextCallback: soonest(rep.callbacks, now) };
}

/** Whole units from `actual` up to `goal` (0 when reached); rounded up, so "0.2 left" reads "1 left". */
function wholeUnitsShort(goal: number, actual: number): number {
  // Cents first: 0.1 + 0.2 must not leave a phantom unit.
  const short = Math.round((goal - actual) * 100) / 100;
  return short > 0 ? Math.ceil(short) : 0;
}

function soonest(callbacks: readonly Callback[], now: EpochMs): NextSteps['nextCallback'] {
  let best: Callback | null = null;
  for (const cb of callbacks) {
    if (best === null) best = cb;
    else if (cb.followUpAt !== null && (best.followUpAt === null || cb.followUpAt < best.followUpAt)) best = cb;
  }
  return best && { ...best, overdue: best.followUpAt !== null && best.followUpAt < now };
}
