import { MINUTE_MS, SECOND_MS, type EpochMs } from '../../../shared/time';
import {
  callSegment,
  createProfile,
  pauseSegment,
  planPauses,
  type Exceptions,
  type PlannedPause,
  type RepProfile,
} from './behaviour';
import { assertValid, makeFault, type SimEntry, type SimEvent } from './events';
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
}

export interface FloorModel {
  readonly reps: readonly RepProfile[];
  /** Every event at or before this instant has been returned. */
  readonly now: EpochMs;
  /** True once every rep has logged out at shift end. */
  readonly done: boolean;
  /** Events with `at` in (now, untilMs], in non-decreasing time order. */
  nextEvents(untilMs: EpochMs): SimEntry[];
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

export function createFloorModel(options: FloorModelOptions): FloorModel {
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
      finished: false,
    });
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
      rep.queue.push({ type: 'rep.logout', rep: profile.id, at });
      return false;
    }
    const pause = rep.pauses[0]?.at !== undefined && rep.pauses[0].at <= at ? rep.pauses.shift() : undefined;
    const segment = pause
      ? pauseSegment(rng, profile, pause, at, ex)
      : callSegment(rng, profile, `${runId}-${rep.index + 1}-${++rep.calls}`, at, ex);
    rep.queue.push(...segment.events);
    rep.decideAt = segment.nextDecisionAt;
    return true;
  }

  let now = startAt - 1;

  return {
    reps: profiles,
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
          assertValid(event);
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
  };
}
