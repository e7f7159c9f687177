import { thresholdsFor, type AlertContext } from '../../shared/domain/alerts';
import type { AlertSettings } from '../../shared/domain/alertTypes';
import type { RepView } from '../../shared/domain/floorView';
import { parseClockTime, shiftFraction, shiftMinuteOf, type Shift } from '../../shared/domain/targets';
import { MINUTE_MS, SECOND_MS, type EpochMs } from '../../shared/time';

/**
 * When a rep's alerts can next change by time alone (no event): a status spell reaching its
 * threshold, a pause turning critical, dial pace falling behind as the shift elapses. Null when
 * only an event or a floor-wide moment (boundaryMinutes) can change them. Never later than the
 * real moment; earlier is harmless (the rep is evaluated and filed again).
 */
export function nextAlertDue(rep: RepView, ctx: AlertContext, settings: AlertSettings): EpochMs | null {
  const { now, localMinute, shift } = ctx;
  const t = thresholdsFor(settings, rep.team);
  const after: EpochMs[] = [];
  if (rep.status === 'on_call' && rep.callAnsweredAt !== null)
    after.push(rep.callAnsweredAt + t.longCallMinutes * MINUTE_MS);
  else if (rep.status === 'wrapup') after.push(rep.statusSince + t.longWrapupSeconds * SECOND_MS);
  else if (rep.status === 'paused') {
    const allowance = t.pauseMinutes[rep.pauseReason ?? 'other'] * MINUTE_MS;
    after.push(rep.statusSince + allowance, rep.statusSince + 2 * allowance);
  } else if (rep.status === 'available') after.push(rep.statusSince + t.idleMinutes * MINUTE_MS);

  const today = ctx.repsDay === undefined || ctx.repsDay === ctx.day;
  const paceClock = parseClockTime(t.behindPaceAfter);
  const paceAfter = paceClock === null ? Infinity : shiftMinuteOf(shift, paceClock);
  const inShift = localMinute >= shift.startMinute && localMinute < shift.endMinute;
  if (today && inShift && rep.status !== 'offline' && localMinute >= paceAfter)
    after.push(paceFallsBehind(rep, shift, t.behindPacePercent, now, localMinute) ?? Infinity);

  let next = Infinity;
  for (const at of after) if (at > now && at < next) next = at;
  return Number.isFinite(next) ? next : null;
}

/** The instant pace = dials / (target x fraction) drops below 1 - percent/100; null if never this shift. */
function paceFallsBehind(
  rep: RepView,
  shift: Shift,
  percent: number,
  now: EpochMs,
  localMinute: number,
): number | null {
  const target = rep.targets.dials;
  const floor = 1 - percent / 100;
  if (target <= 0 || floor <= 0) return null;
  const fraction = rep.dials / (target * floor);
  if (fraction >= 1) return null;
  if (shiftFraction(shift, localMinute) > fraction) return null; // behind already: only a dial changes that
  const minute = shift.startMinute + fraction * (shift.endMinute - shift.startMinute);
  // Rounded down: a float a hair late would miss the moment by a tick; at the moment itself, just after.
  return Math.max(now + 1, Math.floor(now + (minute - localMinute) * MINUTE_MS));
}

/** Local minutes at which every rep's alerts can change at once: whole-floor passes run then. */
export function boundaryMinutes(settings: AlertSettings, shift: Shift): number[] {
  const minutes = new Set([shift.startMinute, shift.endMinute]);
  for (const t of [settings.floor, ...Object.keys(settings.teams).map((team) => thresholdsFor(settings, team))]) {
    const paceAfter = parseClockTime(t.behindPaceAfter);
    if (paceAfter !== null) minutes.add(shiftMinuteOf(shift, paceAfter));
    minutes.add(shift.startMinute + t.notLoggedInMinutes);
  }
  return [...minutes].sort((a, b) => a - b);
}

/** Reps by due time: a binary min-heap with lazy removal (a rep filed again supersedes its old slot). */
export interface DueQueue {
  file(rep: string, at: EpochMs | null): void;
  /** Removes and returns every rep due at or before `now`. */
  takeDue(now: EpochMs): string[];
  clear(): void;
  readonly size: number;
}

export function createDueQueue(): DueQueue {
  let heap: [EpochMs, string][] = [];
  const dueOf = new Map<string, EpochMs>();
  const less = (a: number, b: number) => heap[a]![0] < heap[b]![0];
  const swap = (a: number, b: number) => ([heap[a], heap[b]] = [heap[b]!, heap[a]!]);
  function push(item: [EpochMs, string]): void {
    heap.push(item);
    for (let i = heap.length - 1; i > 0;) {
      const parent = (i - 1) >> 1;
      if (!less(i, parent)) break;
      swap(i, parent);
      i = parent;
    }
  }
  function pop(): [EpochMs, string] {
    const top = heap[0]!;
    const last = heap.pop()!;
    if (heap.length > 0) {
      heap[0] = last;
      for (let i = 0; ;) {
        const [l, r] = [2 * i + 1, 2 * i + 2];
        let min = i;
        if (l < heap.length && less(l, min)) min = l;
        if (r < heap.length && less(r, min)) min = r;
        if (min === i) break;
        swap(i, min);
        i = min;
      }
    }
    return top;
  }
  return {
    file(rep, at) {
      if (at === null) {
        dueOf.delete(rep);
        return;
      }
      if (dueOf.get(rep) === at) return;
      dueOf.set(rep, at);
      push([at, rep]);
      // Superseded slots are dropped when they surface; rebuild before they outnumber the live ones.
      if (heap.length > 2 * dueOf.size + 1024) {
        heap = [];
        for (const [r, a] of dueOf) push([a, r]);
      }
    },
    takeDue(now) {
      const due: string[] = [];
      while (heap.length > 0 && heap[0]![0] <= now) {
        const [at, rep] = pop();
        if (dueOf.get(rep) !== at) continue;
        dueOf.delete(rep);
        due.push(rep);
      }
      return due;
    },
    clear() {
      heap = [];
      dueOf.clear();
    },
    get size() {
      return dueOf.size;
    },
  };
}
