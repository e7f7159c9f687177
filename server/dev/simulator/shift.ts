import { formatClockTime, parseClockTime, type Shift } from '../../../shared/domain/targets';
import { MINUTE_MS, createLocalTime, type EpochMs } from '../../../shared/time';

export type StartMode = 'now' | 'shift';

export interface SimStart {
  /** First simulated instant. */
  startAt: EpochMs;
  shiftStartAt: EpochMs;
  shiftMinutes: number;
}

/** Parses the server's FLOORBOARD_SHIFT_START/END pair; null when either is not HH:MM or start >= end. */
export function parseShift(start: string, end: string): Shift | null {
  const startMinute = parseClockTime(start);
  const endMinute = parseClockTime(end);
  return startMinute !== null && endMinute !== null && startMinute < endMinute ? { startMinute, endMinute } : null;
}

export function formatShift(shift: Shift): { start: string; end: string } {
  return { start: formatClockTime(shift.startMinute), end: formatClockTime(shift.endMinute) };
}

/** The instant of a local minute of today (the local date of `now`) in `timeZone`. */
export function todayAt(now: EpochMs, timeZone: string, minute: number): EpochMs {
  const nowMinute = createLocalTime(timeZone).minuteOfDay(now);
  // Zone offsets are whole minutes, so local and UTC minute boundaries coincide.
  return now - (now % MINUTE_MS) - (nowMinute - minute) * MINUTE_MS;
}

/**
 * Where the simulated day starts. `shift`: at today's shift start. `now`: at `now`, inside today's
 * shift when `now` falls in it (so breaks and lunch line up with the server's idea of the day),
 * else as if a shift of the same length had begun an hour ago, so that the floor is busy at once.
 */
export function resolveStart(now: EpochMs, timeZone: string, shift: Shift, mode: StartMode): SimStart {
  const shiftMinutes = shift.endMinute - shift.startMinute;
  const shiftStartAt = todayAt(now, timeZone, shift.startMinute);
  if (mode === 'shift') return { startAt: shiftStartAt, shiftStartAt, shiftMinutes };
  const minute = createLocalTime(timeZone).minuteOfDay(now);
  const inShift = minute >= shift.startMinute && minute < shift.endMinute - 15;
  return { startAt: now, shiftStartAt: inShift ? shiftStartAt : now - 60 * MINUTE_MS, shiftMinutes };
}

/**
 * A shift of the same day containing `now` (for the demo, whose server judges pace by its shift):
 * `shift` itself when `now` is well inside it, else one starting up to two hours before `now`.
 */
export function shiftAround(now: EpochMs, timeZone: string, shift: Shift): Shift {
  const minute = createLocalTime(timeZone).minuteOfDay(now);
  if (minute >= shift.startMinute && minute < shift.endMinute - 30) return shift;
  const startMinute = Math.max(0, Math.floor(minute / 60) * 60 - 120);
  const endMinute = Math.min(23 * 60 + 59, startMinute + (shift.endMinute - shift.startMinute));
  return { startMinute, endMinute };
}
