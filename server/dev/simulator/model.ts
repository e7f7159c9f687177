import { MINUTE_MS, SECOND_MS, type EpochMs } from '../../../shared/time';
import {
  callSegment,
  createProfile,
  pauseSegment,
  planPauses,
  type CallSegment,
  type Exceptions,
  type PlannedPause,
  type RepProfile,
} from './behaviour';
import { dayTimes, estimateShortList, handoff, withSize } from './dayPlan';
import { DialPlan, demoLayout, scaledLayout, type Customer, type FloorLayout, type LayoutSize } from './dimensions';
import { assertValid, assertValidNotice, makeFault, type SimEntry, type SimEvent, type SimNotice } from './events';
import { repNames } from './names';
import { createRng, type Rng } from './random';

export interface FloorModelOptions {
  reps: number;
  teams: number;
  seed: number;
  /** First simulated instant; nothing is emitted before it. */
  startAt: EpochMs;
  /** When the shift began or begins (default startAt). Reps starting mid-shift log in within a minute. */
  shiftStartAt?: EpochMs;
  /** Shift length (default 540 = 09:00-18:00). */
  shiftMinutes?: number;
  /** Fraction of extra malformed entries, one after a valid event (default 0). */
  faults?: number;
  longCalls?: number;
  longPauses?: number;
  idleReps?: number;
  /** Part of every call id, so that two runs never share one (default from seed and startAt). */
  runId?: string;
  /**
   * Campaigns, lists, caller IDs and customers on call events: the demo's layout (default), a
   * layout at a given cardinality (the bench), or none (`false`: call events without context).
   */
  dimensions?: false | 'demo' | LayoutSize;
  /**
   * When the live run starts, for a demo: the flagged line collapsed 50 minutes before it and the
   * short list runs dry 45 minutes after it, so a demo started at any hour shows both within
   * minutes. Without it (a whole day from the shift start) both happen mid-morning.
   */
  liveAt?: EpochMs;
  /** Also produce the new event types (list.loaded, lead.*), read with nextNotices (default false). */
  notices?: boolean;
}

/** Plans of the day that tests and the demo can check: when the line collapses, the lists' sizes. */
export interface DayPlan {
  layout: FloorLayout | null;
  /** When the flagged caller ID's connect rate collapses. */
  flagAt: EpochMs;
  /** When the short list is expected to run dry at the floor's pace. */
  shortListDryAt: EpochMs;
}

export interface FloorModel {
  readonly reps: readonly RepProfile[];
  /** Every event at or before this instant has been returned. */
  readonly now: EpochMs;
  /** True once every rep has logged out at shift end. */
  readonly done: boolean;
  readonly plan: DayPlan;
  /** Events with `at` in (now, untilMs], in non-decreasing time order. */
  nextEvents(untilMs: EpochMs): SimEntry[];
  /**
   * With `notices`: list.loaded and lead.* events with `at` up to untilMs, in time order. Call
   * after nextEvents(untilMs) (the calls behind them are decided there).
   */
  nextNotices(untilMs: EpochMs): SimNotice[];
}

interface RepRun {
  index: number;
  profile: RepProfile;
  rng: Rng;
  queue: SimEvent[];
  decideAt: EpochMs;
  loggedIn: boolean;
  loginAt: EpochMs;
  logoutAt: EpochMs;
  pauses: PlannedPause[];
  calls: number;
  /** Outcomes the rep has not recorded yet (forgotten), by time. */
  deferred: SimEvent[];
  /** Call-backs agreed and customers who did not answer: dialled again later. */
  callbacks: { customer: Customer; dueAt: EpochMs }[];
  retries: { customer: Customer; after: EpochMs }[];
  /** Logged out for the day: leaves the heap once its queue is empty. */
  finished: boolean;
}

const nextAt = (rep: RepRun): EpochMs => rep.queue[0]?.at ?? rep.decideAt;
const before = (a: RepRun, b: RepRun) => nextAt(a) < nextAt(b) || (nextAt(a) === nextAt(b) && a.index < b.index);

/** A binary min-heap of reps by their next event time (ties by rep, so output is deterministic). */
class RepHeap {
  private items: RepRun[] = [];
  get size(): number {
    return this.items.length;
  }
  peek(): RepRun | undefined {
    return this.items[0];
  }
  push(rep: RepRun): void {
    const items = this.items;
    items.push(rep);
    for (let i = items.length - 1; i > 0;) {
      const parent = (i - 1) >> 1;
      if (!before(items[i]!, items[parent]!)) break;
      [items[i], items[parent]] = [items[parent]!, items[i]!];
      i = parent;
    }
  }
  pop(): RepRun | undefined {
    const items = this.items;
    const top = items[0];
    const last = items.pop();
    if (items.length === 0 || !last) return top;
    items[0] = last;
    for (let i = 0; ;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let min = i;
      if (l < items.length && before(items[l]!, items[min]!)) min = l;
      if (r < items.length && before(items[r]!, items[min]!)) min = r;
      if (min === i) break;
      [items[i], items[min]] = [items[min]!, items[i]!];
      i = min;
    }
    return top;
  }
}

const EXACT_SIZING_MAX_REPS = 500;

/**
 * The simulated floor. With `notices` (list.loaded is sent) the short list gets its exact size: a
 * first pass with the list unbounded counts the customers the floor dials from it by the planned
 * time, so it runs dry then; without, an estimate from the floor's average pace.
 */
export function createFloorModel(options: FloorModelOptions): FloorModel {
  return build(options).model;
}

function build(
  options: FloorModelOptions,
  shortListSize?: number,
  validate = true,
): { model: FloorModel; dial: DialPlan | null } {
  const { reps: count, seed, startAt } = options;
  const teams = Math.max(1, Math.min(options.teams, 26, count));
  const shiftStartAt = options.shiftStartAt ?? startAt;
  const shiftMinutes = options.shiftMinutes ?? 540;
  const runId = options.runId ?? `${(seed >>> 0).toString(36)}${startAt.toString(36)}`;
  const ex: Exceptions = {
    longCalls: options.longCalls ?? 0,
    longPauses: options.longPauses ?? 0,
    idleReps: options.idleReps ?? 0,
  };
  const faults = options.faults ?? 0;
  const faultRng = createRng(seed ^ 0x5bd1e995);
  const names = repNames(createRng(seed), count);
  const pad = Math.max(3, String(count).length);
  const heap = new RepHeap();
  const profiles: RepProfile[] = [];
  const times = dayTimes(shiftStartAt, shiftMinutes, options.liveAt);
  const dims = options.dimensions ?? 'demo';
  const plain = dims === false ? null : dims === 'demo' ? demoLayout() : scaledLayout(dims, seed);
  const layout = plain?.shortList ? withSize(plain, shortListSize ?? sizeOfShortList(plain)) : plain;
  const dial = layout ? new DialPlan({ layout, flagAt: times.flagAt }) : null;
  function sizeOfShortList(plain: FloorLayout): number {
    // A large floor (a stress test, not a demo) makes do with the estimate: the first pass costs ~1 s per 50 reps.
    if (!options.notices || count > EXACT_SIZING_MAX_REPS)
      return estimateShortList(plain, count, Math.max(startAt, shiftStartAt), times.shortListDryAt);
    const first = build({ ...options, notices: false, faults: 0 }, Number.MAX_SAFE_INTEGER, false);
    first.model.nextEvents(times.shortListDryAt);
    return Math.max(1, first.dial?.dialled(plain.shortList ?? '') ?? 1);
  }
  // Handoffs draw from their own generator, so that the reps' days do not depend on `notices`.
  const leadRng = createRng((seed ^ 0x68e31da4) >>> 0);
  const notices: SimNotice[] = [];
  const notice = (n: SimNotice) => {
    if (!options.notices) return;
    assertValidNotice(n);
    notices.push(n);
  };
  for (const l of layout?.lists ?? [])
    notice({ type: 'list.loaded', at: startAt, list: l.id, size: l.size, campaign: l.campaign });

  for (let index = 0; index < count; index++) {
    // One generator per rep: rep-001's day does not change when the floor grows.
    const rng = createRng((Math.imul(seed, 31) + index * 0x9e3779b9) >>> 0);
    const id = `rep-${String(index + 1).padStart(pad, '0')}`;
    const team = `team-${String.fromCharCode(97 + Math.floor((index * teams) / count))}`;
    const profile = createProfile(rng, id, names[index] ?? id, team);
    const planned = Math.round(shiftStartAt + rng.between(0, 10) * MINUTE_MS);
    const loginAt = planned >= startAt ? planned : Math.round(startAt + rng.between(0, 60) * SECOND_MS);
    const logoutAt = Math.round(shiftStartAt + (shiftMinutes + rng.between(-5, 10)) * MINUTE_MS);
    const pauses = planPauses(rng, shiftStartAt, shiftMinutes).filter((p) => p.at >= loginAt);
    profiles.push(profile);
    heap.push({
      index,
      profile,
      rng,
      queue: [],
      decideAt: loginAt,
      loggedIn: false,
      loginAt,
      logoutAt,
      pauses,
      calls: 0,
      deferred: [],
      callbacks: [],
      retries: [],
      finished: false,
    });
  }

  /** Who the rep dials next: a call-back that is due, a no-answer to retry, or a fresh customer. */
  function nextCustomer(rep: RepRun, plan: DialPlan, at: EpochMs): Customer {
    const { rng } = rep;
    const due = rep.callbacks.findIndex((c) => c.dueAt <= at + 5 * MINUTE_MS);
    if (due >= 0 && rng.chance(0.6)) return rep.callbacks.splice(due, 1)[0]!.customer;
    const retry = rep.retries.findIndex((r) => r.after <= at);
    if (retry >= 0 && rng.chance(0.35)) return rep.retries.splice(retry, 1)[0]!.customer;
    return plan.fresh(rng, rep.profile.id, at);
  }

  function callOf(rep: RepRun, at: EpochMs) {
    const { profile, rng } = rep;
    const call = `${runId}-${rep.index + 1}-${++rep.calls}`;
    if (!dial) return callSegment(rng, profile, call, at, ex);
    const customer = nextCustomer(rep, dial, at);
    const segment = callSegment(rng, profile, call, at, ex, dial.target(rng, customer, at));
    const outcome = segment.deferred ?? segment.events.find((e) => e.type === 'call.outcome');
    if (outcome?.type !== 'call.outcome') return segment;
    // Most call-backs are kept (closed by the next call to the customer); some are left overdue.
    if (outcome.outcome === 'callback' && outcome.followUpAt !== undefined && rng.chance(0.75))
      rep.callbacks.push({ customer, dueAt: outcome.followUpAt });
    if ((outcome.outcome === 'no_answer' || outcome.outcome === 'busy') && rng.chance(0.5)) {
      rep.retries.push({ customer, after: at + Math.round(rng.between(20, 120) * MINUTE_MS) });
      if (rep.retries.length > 40) rep.retries.shift();
    }
    if (outcome.outcome === 'lead' && options.notices) handoff(leadRng, rep.profile.id, outcome, notice);
    return segment;
  }

  /** Forgotten outcomes recorded by `until` join the queue, in time order. */
  function recordDeferred(rep: RepRun, until: EpochMs): void {
    if (rep.deferred.length === 0) return;
    const now = rep.deferred.filter((e) => e.at <= until);
    if (now.length === 0) return;
    rep.deferred = rep.deferred.filter((e) => e.at > until);
    rep.queue.push(...now);
    rep.queue.sort((a, b) => a.at - b.at);
  }

  function decide(rep: RepRun, at: EpochMs): boolean {
    const { profile, rng } = rep;
    if (!rep.loggedIn) {
      rep.loggedIn = true;
      rep.queue.push({ type: 'rep.login', rep: profile.id, at, name: profile.name, team: profile.team });
      rep.decideAt = Math.round(at + rng.between(5, 30) * SECOND_MS);
      return true;
    }
    if (at >= rep.logoutAt) {
      // Before leaving, the rep catches up on the outcomes not yet recorded.
      for (const e of rep.deferred) rep.queue.push({ ...e, at } as SimEvent);
      rep.deferred = [];
      rep.queue.push({ type: 'rep.logout', rep: profile.id, at });
      return false;
    }
    const pause = rep.pauses[0]?.at !== undefined && rep.pauses[0].at <= at ? rep.pauses.shift() : undefined;
    const segment = pause ? pauseSegment(rng, profile, pause, at, ex) : callOf(rep, at);
    rep.queue.push(...segment.events);
    const { deferred } = segment as Partial<CallSegment>;
    if (deferred) rep.deferred.push(deferred);
    rep.decideAt = segment.nextDecisionAt;
    recordDeferred(rep, rep.decideAt);
    return true;
  }

  let now = startAt - 1;

  const model: FloorModel = {
    reps: profiles,
    plan: { layout, ...times },
    get now() {
      return now;
    },
    get done() {
      return heap.size === 0;
    },
    nextEvents(untilMs) {
      const out: SimEntry[] = [];
      for (let rep = heap.peek(); rep && nextAt(rep) <= untilMs; rep = heap.peek()) {
        heap.pop();
        const event = rep.queue.shift();
        if (event) {
          if (validate) assertValid(event);
          out.push(event);
          if (faults > 0 && faultRng.chance(faults)) {
            const call = 'call' in event && event.type !== 'lead.handoff' ? event.call : `${runId}-x${out.length}`;
            out.push(makeFault(faultRng, event.at, event.rep, call));
          }
          if (rep.queue.length > 0 || !rep.finished) heap.push(rep);
          continue;
        }
        rep.finished = !decide(rep, rep.decideAt);
        heap.push(rep);
      }
      now = Math.max(now, untilMs);
      return out;
    },
    nextNotices(untilMs) {
      const due = notices.filter((n) => n.at <= untilMs).sort((a, b) => a.at - b.at);
      if (due.length > 0) notices.splice(0, notices.length, ...notices.filter((n) => n.at > untilMs));
      return due;
    },
  };
  return { model, dial };
}
