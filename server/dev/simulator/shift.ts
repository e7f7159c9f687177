import { businessShift, formatClockTime, parseClockTime, type Shift } from '../../../shared/domain/targets';
import { businessDayGoesBack, MINUTE_MS, MINUTES_PER_DAY, createLocalTime, type EpochMs } from '../../../shared/time';

export type StartMode = 'now' | 'shift';

export interface SimStart {
  /** First simulated instant. */
  startAt: EpochMs;
  shiftStartAt: EpochMs;
  shiftMinutes: number;
}

/**
 * A shift from clock times and a day start by the server's own rule (businessShift): an end at or
 * before the start is the next morning, the shift lies in one business day, and the day start is
 * on a quarter hour.
 */
export function parseShift(
  start: string,
  end: string,
  dayStart = '00:00',
): { ok: true; shift: Shift } | { ok: false; error: string } {
  const dayStartMinute = parseClockTime(dayStart);
  if (dayStartMinute === null || dayStartMinute % 15 !== 0)
    return { ok: false, error: `the day start must be HH:MM on a quarter hour, got "${dayStart}"` };
  return businessShift(start, end, dayStartMinute);
}

/**
 * The shift of the simulator and the demo: flags (`--shift 21:00-05:00`, `--day-start 06:00`)
 * over the server's variables, so that what the demo hands its server is what it simulates.
 * Throws with a readable message; also refuses a day start in an hour the zone repeats, as the server does.
 */
export function shiftSettings(
  flags: { shift?: string; dayStart?: string },
  env: NodeJS.ProcessEnv,
  timeZone: string,
): Shift {
  let [start, end] = [env.FLOORBOARD_SHIFT_START || '09:00', env.FLOORBOARD_SHIFT_END || '18:00'];
  if (flags.shift !== undefined) {
    const m = /^(\d\d:\d\d)-(\d\d:\d\d)$/.exec(flags.shift);
    if (!m) throw new Error(`--shift must be HH:MM-HH:MM, e.g. 21:00-05:00, got "${flags.shift}"`);
    [start, end] = [m[1]!, m[2]!];
  }
  const dayStart = flags.dayStart ?? (env.FLOORBOARD_DAY_START || '00:00');
  const parsed = parseShift(start, end, dayStart);
  const source =
    flags.shift !== undefined || flags.dayStart !== undefined
      ? '--shift/--day-start'
      : 'FLOORBOARD_SHIFT_START/END/DAY_START';
  if (!parsed.ok)
    throw new Error(
      `${source}: ${flags.dayStart !== undefined || flags.shift !== undefined ? parsed.error.replace('set FLOORBOARD_DAY_START', 'set --day-start') : parsed.error}`,
    );
  const dayStartMinute = parsed.shift.dayStartMinute ?? 0;
  const back = dayStartMinute === 0 ? null : businessDayGoesBack(timeZone, dayStartMinute, Date.now());
  if (back !== null)
    throw new Error(
      `day start ${dayStart} falls in the hour ${timeZone} repeats when its clocks go back: choose another`,
    );
  return parsed.shift;
}

/** The shift and day start as the server's variables take them. */
export function formatShift(shift: Shift): { start: string; end: string; dayStart: string } {
  return {
    start: formatClockTime(shift.startMinute),
    end: formatClockTime(shift.endMinute),
    dayStart: formatClockTime(shift.dayStartMinute ?? 0),
  };
}

/**
 * The instant of business minute `minute` (see Shift) of the business day containing `now` in
 * `timeZone`, the day starting at `dayStartMinute`: with 06:00, minute 1260 (21:00) of the day
 * that 02:00 on the 6th belongs to is 21:00 on the 5th.
 */
export function todayAt(now: EpochMs, timeZone: string, minute: number, dayStartMinute = 0): EpochMs {
  const nowMinute = createLocalTime(timeZone, dayStartMinute).minuteOfDay(now);
  // Zone offsets are whole minutes, so local and UTC minute boundaries coincide.
  return now - (now % MINUTE_MS) - (nowMinute - minute) * MINUTE_MS;
}

/**
 * Where the simulated day starts. `shift`: at the shift start of the current business day. `now`:
 * at `now`, inside the shift when `now` falls in it (so breaks and lunch line up with the server's
 * idea of the day), else as if a shift of the same length had begun an hour ago, so that the floor
 * is busy at once.
 */
export function resolveStart(now: EpochMs, timeZone: string, shift: Shift, mode: StartMode): SimStart {
  const dayStart = shift.dayStartMinute ?? 0;
  const shiftMinutes = shift.endMinute - shift.startMinute;
  const shiftStartAt = todayAt(now, timeZone, shift.startMinute, dayStart);
  if (mode === 'shift') return { startAt: shiftStartAt, shiftStartAt, shiftMinutes };
  const minute = createLocalTime(timeZone, dayStart).minuteOfDay(now);
  const inShift = minute >= shift.startMinute && minute < shift.endMinute - 15;
  return { startAt: now, shiftStartAt: inShift ? shiftStartAt : now - 60 * MINUTE_MS, shiftMinutes };
}

/**
 * A shift of the business day containing `now` (for the demo, whose server judges pace by its
 * shift): `shift` itself when `now` is well inside it, else one starting up to two hours before
 * `now`, kept inside the business day.
 */
export function shiftAround(now: EpochMs, timeZone: string, shift: Shift): Shift {
  const dayStart = shift.dayStartMinute ?? 0;
  const minute = createLocalTime(timeZone, dayStart).minuteOfDay(now);
  if (minute >= shift.startMinute && minute < shift.endMinute - 30) return shift;
  const startMinute = Math.max(dayStart, Math.floor(minute / 60) * 60 - 120);
  const endMinute = Math.min(dayStart + MINUTES_PER_DAY - 1, startMinute + (shift.endMinute - shift.startMinute));
  return { startMinute, endMinute, ...(shift.dayStartMinute === undefined ? {} : { dayStartMinute: dayStart }) };
}
