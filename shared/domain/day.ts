import { HOUR_MS, MINUTE_MS, type DayKey, type EpochMs } from '../time';

/**
 * First instant (ms) of the day containing `at`, found by bisection on `dayOf` so that 23- and
 * 25-hour daylight-saving days come out right without a date library. With a business `dayOf`
 * (createLocalTime's, FLOORBOARD_DAY_START) that is the day-start instant, not local midnight.
 */
export function startOfDay(at: EpochMs, dayOf: (at: EpochMs) => DayKey): EpochMs {
  const day = dayOf(at);
  let lo = at - 26 * HOUR_MS; // certainly the day before
  let hi = at; // certainly the same day
  while (hi - lo > MINUTE_MS) {
    const mid = lo + Math.floor((hi - lo) / 2);
    if (dayOf(mid) === day) hi = mid;
    else lo = mid;
  }
  // Zone offsets and day starts are whole minutes, so a day starts on a UTC minute boundary.
  return Math.floor(hi / MINUTE_MS) * MINUTE_MS;
}
