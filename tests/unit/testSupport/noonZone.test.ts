import { describe, expect, it } from 'vitest';
import { noonZone } from '../../support/noonZone';

/** The browser tests' server runs in a zone where it is always about noon (no day boundary in a run). */
describe('noonZone', () => {
  const day = Date.UTC(2026, 11, 3);
  const localTime = (at: number, timeZone: string) =>
    new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(at);

  it('puts every instant of a UTC day, including the minutes after midnight, between 12:00 and 13:00', () => {
    for (let minute = 0; minute < 24 * 60; minute += 7) {
      const now = day + minute * 60_000 + 13_000;
      const { timeZone, dayStart } = noonZone(now);
      expect(localTime(now, timeZone)).toMatch(/^12:/);
      expect(localTime(dayStart, timeZone)).toBe('00:00');
      // Twelve hours of the local day lie behind now, so events placed an hour back are today's.
      expect(now - dayStart).toBeGreaterThanOrEqual(12 * 3_600_000);
      expect(now - dayStart).toBeLessThan(13 * 3_600_000);
    }
  });
});
