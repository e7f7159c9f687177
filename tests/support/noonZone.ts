const HOUR = 3_600_000;

/**
 * A fixed-offset zone in which it is now between 12:00 and 13:00, and the epoch ms its day began.
 * Tests place events minutes or hours before now; in UTC, a run between 00:00 and 01:00 put
 * those events on the day before (and a run near 11:00 or 18:00 crossed the behind-pace or the
 * shift's end). At local noon, twelve hours of today lie behind `now` and a run of the suite
 * (well under an hour) crosses no day, shift or rule boundary, whatever the real time.
 */
export function noonZone(now: number): { timeZone: string; dayStart: number } {
  const offset = 12 - new Date(now).getUTCHours(); // hours east of UTC, -11..12
  // POSIX signs: Etc/GMT-8 is eight hours east of UTC.
  const timeZone = offset === 0 ? 'Etc/GMT' : `Etc/GMT${offset > 0 ? '-' : '+'}${Math.abs(offset)}`;
  const localNow = now + offset * HOUR;
  const dayStart = localNow - (localNow % (24 * HOUR)) - offset * HOUR;
  return { timeZone, dayStart };
}
