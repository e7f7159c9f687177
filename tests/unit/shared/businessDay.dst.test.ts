import { describe, expect, it } from 'vitest';
import { createLocalTime } from '../../../shared/time';
import { createEventBuilder } from '../../support/builders';
import { foldEach, repOf } from './foldSupport';

// New York, business day from 06:00: the night of Saturday 31 October 2026 runs from 06:00 EDT
// (10:00 UTC) to 06:00 EST on Sunday 1 November (11:00 UTC), 25 hours, the clocks going back
// from 02:00 EDT to 01:00 EST in between.
const rules = { effectiveCallMs: 60_000, dayOf: createLocalTime('America/New_York', 6 * 60).dayOf };
const utc = (day: number, hh: number, mm = 0) => Date.UTC(2026, day === 31 ? 9 : 10, day, hh, mm);

describe('a business day over a daylight-saving change', () => {
  it('folds the whole 25-hour night into one day, the repeated hour twice, and changes at 06:00 EST', () => {
    const b = createEventBuilder({ start: utc(31, 10) });
    const night = [
      b.login('ann', { team: 'night', at: utc(31, 10) }), // 06:00 EDT
      b.dial('ann', 'c1', { at: utc(1, 1) }), // 21:00 EDT on the 31st
      b.dial('ann', 'c2', { at: utc(1, 5, 30) }), // 01:30 EDT
      b.dial('ann', 'c3', { at: utc(1, 6, 30) }), // 01:30 EST, the same clock time again
      b.dial('ann', 'c4', { at: utc(1, 10, 59) }), // 05:59 EST
    ];
    const state = foldEach(night, rules);
    expect(state.day).toBe('2026-10-31');
    expect(repOf(state, 'ann').dials).toBe(4);
    const next = foldEach([b.dial('ann', 'c5', { at: utc(1, 11) })], rules, state); // 06:00 EST
    expect(next.day).toBe('2026-11-01');
    expect(repOf(next, 'ann').dials).toBe(1);
  });

  it('changes the day at 06:00 EDT after the 23-hour night of the spring change', () => {
    const spring = (day: number, hh: number, mm = 0) => Date.UTC(2026, 2, day, hh, mm);
    const b = createEventBuilder({ start: spring(7, 11) });
    let state = foldEach(
      [b.dial('ann', 'c1', { at: spring(7, 11) }), b.dial('ann', 'c2', { at: spring(8, 9, 59) })],
      rules,
    );
    expect(state.day).toBe('2026-03-07'); // 05:59 EDT on the 8th still the night of the 7th
    expect(repOf(state, 'ann').dials).toBe(2);
    state = foldEach([b.dial('ann', 'c3', { at: spring(8, 10) })], rules, state); // 06:00 EDT
    expect(state.day).toBe('2026-03-08');
  });
});
