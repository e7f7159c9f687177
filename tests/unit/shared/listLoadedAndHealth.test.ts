/**
 * The `list.loaded` event (parsed, refused when bad, no rep, skipped by the fold), caller-ID health
 * at and around its thresholds, and when a list runs dry (issue #15).
 */
import { describe, expect, it } from 'vitest';
import { parseCallEvent, toStreamFields } from '../../../shared/events/parseCallEvent';
import { foldCallEvents } from '../../../shared/domain/fold';
import { emptyFloor } from '../../../shared/domain/repState';
import {
  CALLER_ID_FLAG_FRACTION,
  CALLER_ID_MIN_BASELINE_DIALS,
  CALLER_ID_MIN_RECENT_DIALS,
  isFlagged,
  quarterAt,
  windowsOf,
} from '../../../shared/domain/callerIdHealth';
import { campaignsView } from '../../../shared/domain/campaignsView';
import { QUARTERS_PER_DAY, QUARTER_MS } from '../../../shared/domain/dimensionState';
import type { CallEvent } from '../../../shared/events/callEvent';
import { checkBatch } from '../../../server/ingest/httpBatch';
import { dryAt } from '../../../server/campaigns/listStore';
import { UTC_RULES } from './foldSupport';

const ID = '1795424400000-3';
const HOUR = 3_600_000;

describe('list.loaded', () => {
  it('parses a list, a size and an optional campaign, about no rep', () => {
    const parsed = parseCallEvent(ID, ['type', 'list.loaded', 'list', 'l-1', 'size', '25000', 'campaign', 'spring']);
    expect(parsed).toMatchObject({ ok: true, event: { type: 'list.loaded', list: 'l-1', size: 25_000, rep: '' } });
    if (!parsed.ok) return;
    // Written back without the empty rep, as a source writes it.
    expect(toStreamFields(parsed.event)).not.toContain('rep');
    expect(parseCallEvent(ID, ['type', 'list.loaded', 'list', '__proto__', 'size', '0'])).toMatchObject({ ok: true });
    expect(parseCallEvent(ID, ['type', 'list.loaded', 'list', 'l', 'size', '100000000'])).toMatchObject({ ok: true });
  });

  it.each([
    [['type', 'list.loaded', 'size', '5'], /^list:/],
    [['type', 'list.loaded', 'list', 'l-1'], /^size:/],
    [['type', 'list.loaded', 'list', 'l 1', 'size', '5'], /^list:/],
    [['type', 'list.loaded', 'list', 'l-1', 'size', '-5'], /^size:/],
    [['type', 'list.loaded', 'list', 'l-1', 'size', '1.5'], /^size:/],
    [['type', 'list.loaded', 'list', 'l-1', 'size', '100000001'], /^size:/],
    [['type', 'list.loaded', 'list', 'l-1', 'size', '5', 'campaign', 'a*b'], /^campaign:/],
  ])('refuses %j', (fields, why) => {
    const parsed = parseCallEvent(ID, fields);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.reason).toMatch(why);
  });

  it('is skipped by the fold (no rep appears) but moves its cursor', () => {
    const parsed = parseCallEvent(ID, ['type', 'list.loaded', 'list', 'l-1', 'size', '5']);
    if (!parsed.ok) throw new Error(parsed.reason);
    const state = foldCallEvents(emptyFloor(), [parsed.event], UTC_RULES);
    expect(state.reps.size).toBe(0);
    expect(state.lastId).toBe(ID);
  });

  it('over HTTP needs ts, and a retry is told by list and ts', () => {
    const now = 1795424400000;
    const without = checkBatch([{ type: 'list.loaded', list: 'l-1', size: 5 }], now, 'crm');
    expect(without.ok).toBe(false);
    const good = checkBatch(
      [
        { type: 'list.loaded', list: 'l-1', size: 5, ts: now - 1000 },
        { type: 'list.loaded', list: 'l-2', size: 5, ts: now - 1000 },
      ],
      now,
      'crm',
    );
    expect(good.ok && good.events.map((e) => e.dedupe)).toEqual([
      `list.loaded:l-1:${now - 1000}`,
      `list.loaded:l-2:${now - 1000}`,
    ]);
    expect(checkBatch([{ type: 'list.loaded', list: 'l-1', size: 5, rep: 'r', ts: now }], now, 'crm').ok).toBe(false);
  });
});

/** Quarter-hour counts: `baseline` dials/connects spread over quarters 0..7, `recent` in 9..12. */
function quarters(baseline: [number, number], recent: [number, number]): number[] {
  const q = new Array<number>(QUARTERS_PER_DAY * 2).fill(0);
  q[0] = baseline[0];
  q[1] = baseline[1];
  q[9 * 2] = recent[0];
  q[9 * 2 + 1] = recent[1];
  return q;
}

describe('caller-ID health', () => {
  const base = CALLER_ID_MIN_BASELINE_DIALS * 2;
  const baseRate = 0.8;
  const baseline: [number, number] = [base, base * baseRate];

  it('splits the last hour (four quarter hours) from the baseline before it', () => {
    const w = windowsOf(quarters(baseline, [40, 10]), 12);
    expect(w).toEqual({ recentDials: 40, recentConnects: 10, baselineDials: base, baselineConnects: base * baseRate });
    // An hour later the same calls are all baseline.
    expect(windowsOf(quarters(baseline, [40, 10]), 13)).toMatchObject({ recentDials: 0, baselineDials: base + 40 });
    expect(quarterAt(QUARTER_MS * 5 + 1, 0)).toBe(5);
  });

  it('flags at a recent rate just below the fraction of the baseline, not at it', () => {
    const n = 100;
    const limit = CALLER_ID_FLAG_FRACTION * baseRate * n; // 40 connects of 100
    expect(isFlagged(windowsOf(quarters(baseline, [n, limit - 1]), 12))).toBe(true);
    expect(isFlagged(windowsOf(quarters(baseline, [n, limit]), 12))).toBe(false);
  });

  it('does not flag on too few recent dials or too thin a baseline', () => {
    const few = CALLER_ID_MIN_RECENT_DIALS - 1;
    expect(isFlagged(windowsOf(quarters(baseline, [few, 0]), 12))).toBe(false);
    expect(isFlagged(windowsOf(quarters(baseline, [few + 1, 0]), 12))).toBe(true);
    const thin: [number, number] = [CALLER_ID_MIN_BASELINE_DIALS - 1, CALLER_ID_MIN_BASELINE_DIALS - 1];
    expect(isFlagged(windowsOf(quarters(thin, [100, 0]), 12))).toBe(false);
  });

  it('shows a line flagged in the campaigns view when its answers collapse (synthetic clock)', () => {
    const dayStart = Date.UTC(2026, 10, 23);
    const events: CallEvent[] = [];
    let n = 0;
    const dial = (at: number, answered: boolean) => {
      const call = `c${n++}`;
      events.push({ id: '', type: 'call.dial', rep: 'r1', call, at, callerId: '+8610000001' });
      if (answered) events.push({ id: '', type: 'call.answer', rep: 'r1', call, at: at + 1000 });
    };
    // 9:00-10:00 80 % answered; 10:00-11:00 10 % answered.
    for (let i = 0; i < 50; i++) dial(dayStart + 9 * HOUR + i * 60_000, i % 5 !== 0);
    for (let i = 0; i < 50; i++) dial(dayStart + 10 * HOUR + i * 60_000, i % 10 === 0);
    const state = foldCallEvents(
      emptyFloor(),
      events.map((e, i) => ({ ...e, id: `${dayStart + i}-0` })),
      UTC_RULES,
    );
    const at = (now: number) =>
      campaignsView({ floor: state, rules: UTC_RULES, now, team: null, campaign: null }).callerIds[0]!;
    expect(at(dayStart + 10 * HOUR + 59 * 60_000)).toMatchObject({
      flagged: true,
      recentDials: 50,
      recentConnects: 5,
      baselineRate: 0.8,
      floorRateSameHour: 0.1,
    });
    // At 10:14 the last hour still holds 9:15-10:14: mostly good calls, not flagged.
    expect(at(dayStart + 10 * HOUR + 14 * 60_000).flagged).toBe(false);
  });
});

describe('dryAt', () => {
  const now = 1_000_000_000;
  it('is when the fresh customers left run out at the last hour pace, null when unknown or after the day', () => {
    expect(dryAt(1000, 400, 100, now, now + 10 * HOUR)).toBe(now + 6 * HOUR);
    expect(dryAt(1000, 400, 100, now, now + 5 * HOUR)).toBeNull();
    expect(dryAt(1000, 1000, 0, now, now + HOUR)).toBe(now);
    expect(dryAt(1000, 400, 0, now, now + HOUR)).toBeNull();
    expect(dryAt(null, 400, 100, now, now + HOUR)).toBeNull();
  });
});
