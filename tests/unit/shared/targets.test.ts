import { describe, expect, it } from 'vitest';
import { formatClockTime, pace, parseClockTime, preciseMinute, shiftFraction } from '../../../shared/domain/targets';

const SHIFT = { startMinute: 9 * 60, endMinute: 18 * 60 }; // 09:00-18:00

describe('shiftFraction()', () => {
  it.each([
    ['before the shift', 7 * 60, 0],
    ['at the shift start', 9 * 60, 0],
    ['a third into the shift', 12 * 60, 1 / 3],
    ['half-way, with fractional minutes', 13 * 60 + 30, 0.5],
    ['at the shift end', 18 * 60, 1],
    ['after the shift', 23 * 60, 1],
  ])('shiftFraction() is the elapsed fraction %s', (_when, minute, expected) => {
    expect(shiftFraction(SHIFT, minute)).toBeCloseTo(expected, 10);
  });

  it('shiftFraction() treats an empty shift as over', () => {
    expect(shiftFraction({ startMinute: 600, endMinute: 600 }, 0)).toBe(1);
  });
});

describe('pace()', () => {
  it('pace() is null before the shift, when nothing is expected yet', () => {
    expect(pace(3, 120, shiftFraction(SHIFT, 8 * 60))).toBeNull();
  });

  it('pace() is null without a target', () => {
    expect(pace(3, 0, 0.5)).toBeNull();
  });

  it('pace() is 1.0 exactly on target for the time of day', () => {
    expect(pace(60, 120, shiftFraction(SHIFT, 13 * 60 + 30))).toBe(1);
  });

  it('pace() is above 1 ahead of target and below 1 behind it', () => {
    expect(pace(90, 120, 0.5)).toBe(1.5);
    expect(pace(30, 120, 0.5)).toBe(0.5);
    expect(pace(0, 120, 1)).toBe(0);
  });
});

describe('parseClockTime() and formatClockTime()', () => {
  it.each([
    ['00:00', 0],
    ['09:00', 540],
    ['18:30', 1110],
    ['23:59', 1439],
  ])('parseClockTime() reads %s as minute %i and formatClockTime() writes it back', (text, minute) => {
    expect(parseClockTime(text)).toBe(minute);
    expect(formatClockTime(minute)).toBe(text);
  });

  it.each(['24:00', '9:00', '09:60', '09:00:00', '', 'nine', ' 09:00'])('parseClockTime() rejects %j', (text) => {
    expect(parseClockTime(text)).toBeNull();
  });
});

describe('preciseMinute()', () => {
  it('preciseMinute() adds the seconds of now as a fraction of a minute', () => {
    expect(preciseMinute(540, Date.UTC(2026, 10, 23, 1, 0, 30))).toBe(540.5);
  });
});
