import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useClockStore } from '../../../client/stores/clock';
import { useFloorStore } from '../../../client/stores/floor';
import { SETTINGS, T0, makeSnapshot } from '../support/floorData';
import { freshPinia } from '../support/mountApp';

const NIGHT = { ...SETTINGS, shiftStart: '21:00', shiftEnd: '05:00', dayStart: '06:00' };

function clockAt(at: number, settings = SETTINGS) {
  vi.setSystemTime(at);
  freshPinia();
  useFloorStore().applySnapshot(makeSnapshot([], { settings }));
  return useClockStore();
}

describe('clock store: the business day', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('runs the day from local midnight by default (10:00 is 1/9 of a 09:00-18:00 shift)', () => {
    const clock = clockAt(T0);
    expect(clock.minuteOfDay).toBe(600);
    expect(clock.shiftElapsed).toBeCloseTo(1 / 9, 9);
  });

  it('counts a night shift on past midnight from the day start the server sends', () => {
    const clock = clockAt(Date.UTC(2026, 2, 3, 0, 30), NIGHT);
    expect(clock.minuteOfDay).toBe(1440 + 30);
    expect(clock.shiftElapsed).toBeCloseTo(210 / 480, 9);
    expect(clockAt(Date.UTC(2026, 2, 2, 23, 0), NIGHT).shiftElapsed).toBeCloseTo(120 / 480, 9);
    expect(clockAt(Date.UTC(2026, 2, 3, 5, 30), NIGHT).shiftElapsed).toBe(1);
    expect(clockAt(Date.UTC(2026, 2, 3, 6, 30), NIGHT).shiftElapsed).toBe(0);
  });

  it('shows no pace for a shift the day start cuts in two (an older server sends no day start)', () => {
    const { dayStart: _dayStart, ...older } = NIGHT;
    expect(clockAt(Date.UTC(2026, 2, 3, 0, 30), older).shiftElapsed).toBeNull();
  });
});
