/** One campaign's trend buckets, computed on demand from the fold's call records (issue #15). */
import { describe, expect, it } from 'vitest';
import { campaignDay } from '../../../shared/domain/campaignTrends';
import { foldCallEvents } from '../../../shared/domain/fold';
import { foldByQuarterHour } from '../../../shared/domain/quarterHourRuns';
import { createTrendRecorder } from '../../../server/trends/trendRecorder';
import { emptyFloor, type FloorState } from '../../../shared/domain/repState';
import { bucketOfMinute } from '../../../shared/domain/trends';
import type { CallEvent } from '../../../shared/events/callEvent';
import { UTC_RULES } from './foldSupport';

const T9 = Date.UTC(2026, 2, 10, 9, 0); // 09:00 UTC: bucket 36
const MIN = 60_000;
const minuteOfDay = (at: number) => Math.floor((at % 86_400_000) / MIN);
let seq = 0;
/** Stream ids in arrival order (a late event gets a later id, as in the stream). */
const ev = (e: Record<string, unknown>) => ({ id: `1773100000000-${seq++}`, ...e }) as unknown as CallEvent;

function floorOf(): FloorState {
  const events: CallEvent[] = [
    ev({ type: 'rep.login', rep: 'a1', team: 'north', at: T9 }),
    ev({ type: 'rep.login', rep: 'b1', team: 'south', at: T9 }),
    ev({ type: 'rep.login', rep: 'c1', team: 'south', at: T9 }),
    // a1: two spring calls (one a sale at 09:20), one autumn call.
    ev({ type: 'call.dial', rep: 'a1', call: 'x1', at: T9 + MIN, campaign: 'spring' }),
    ev({ type: 'call.answer', rep: 'a1', call: 'x1', at: T9 + 2 * MIN }),
    ev({ type: 'call.hangup', rep: 'a1', call: 'x1', at: T9 + 4 * MIN }),
    ev({ type: 'call.dial', rep: 'a1', call: 'x2', at: T9 + 20 * MIN, campaign: 'spring' }),
    ev({ type: 'call.answer', rep: 'a1', call: 'x2', at: T9 + 21 * MIN }),
    ev({ type: 'call.hangup', rep: 'a1', call: 'x2', at: T9 + 23 * MIN }),
    ev({ type: 'call.outcome', rep: 'a1', call: 'x2', at: T9 + 24 * MIN, outcome: 'sale', amount: 120.5 }),
    ev({ type: 'call.dial', rep: 'a1', call: 'x3', at: T9 + 5 * MIN, campaign: 'autumn' }),
    // b1: a spring call known only from its outcome (no dial): bucketed at the outcome, refused, no reason.
    ev({ type: 'call.outcome', rep: 'b1', call: 'y1', at: T9 + 50 * MIN, outcome: 'refused', campaign: 'spring' }),
    ev({ type: 'call.dial', rep: 'b1', call: 'y2', at: T9 + 51 * MIN, campaign: '__proto__' }),
    // c1 never worked spring.
    ev({ type: 'call.dial', rep: 'c1', call: 'z1', at: T9 + 3 * MIN, campaign: 'autumn' }),
  ];
  return foldCallEvents(emptyFloor(), events, UTC_RULES);
}

const b = (minutesAfter9: number) => bucketOfMinute(9 * 60 + minutesAfter9);
const nonZero = (values: number[]) => Object.fromEntries(values.flatMap((v, i) => (v !== 0 ? [[i, v] as const] : [])));

describe('campaignDay', () => {
  it("buckets the campaign's calls only, by dial (else earliest event), with its funnel and refusals", () => {
    const day = campaignDay({ floor: floorOf(), rules: UTC_RULES, team: null, campaign: 'spring', minuteOfDay });
    expect(nonZero(day.trend.dials)).toEqual({ [b(0)]: 1, [b(15)]: 1, [b(45)]: 1 });
    // A refusal is a conversation: b1's call connects, at its outcome's quarter hour.
    expect(nonZero(day.trend.connects)).toEqual({ [b(0)]: 1, [b(15)]: 1, [b(45)]: 1 });
    expect(nonZero(day.trend.revenue)).toEqual({ [b(15)]: 120.5 });
    expect(day.funnel).toEqual({ dials: 3, connects: 3, effectiveCalls: 2, leads: 1, deals: 1 });
    expect([...day.refusals]).toEqual([['', 1]]);
    expect(day.trend.statusMs.available.every((v) => v === 0)).toBe(true);
  });

  it("keeps to a team's reps, and the campaigns sum to every call", () => {
    const floor = floorOf();
    const north = campaignDay({ floor, rules: UTC_RULES, team: 'north', campaign: 'spring', minuteOfDay });
    expect(north.funnel.dials).toBe(2);
    const dials = ['spring', 'autumn', '__proto__']
      .map((campaign) => campaignDay({ floor, rules: UTC_RULES, team: null, campaign, minuteOfDay }).funnel.dials)
      .reduce((x, y) => x + y);
    expect(dials).toBe([...floor.reps.values()].reduce((n, r) => n + r.dials, 0));
  });

  it('gives an unknown campaign empty figures; a campaign really named __proto__ is counted', () => {
    const floor = floorOf();
    for (const campaign of ['nobody', 'constructor', 'toString']) {
      const day = campaignDay({ floor, rules: UTC_RULES, team: null, campaign, minuteOfDay });
      expect(day.funnel.dials).toBe(0);
      expect(day.trend.dials.every((v) => v === 0)).toBe(true);
    }
    const proto = campaignDay({ floor, rules: UTC_RULES, team: null, campaign: '__proto__', minuteOfDay });
    expect(proto.funnel.dials).toBe(1);
    const empty = campaignDay({
      floor: emptyFloor(),
      rules: UTC_RULES,
      team: null,
      campaign: '__proto__',
      minuteOfDay,
    });
    expect(empty.funnel.dials).toBe(0);
  });

  it('reads only the calls of reps who worked the campaign (cost bounded by theirs)', () => {
    const floor = floorOf();
    const reps = new Map(floor.reps);
    const c1 = reps.get('c1')!;
    const untouchable = {
      [Symbol.iterator]() {
        throw new Error('read the calls of a rep who never worked the campaign');
      },
    };
    reps.set('c1', { ...c1, calls: untouchable as unknown as typeof c1.calls });
    const day = campaignDay({
      // A plain Map stands in for the floor's rep map: campaignDay only walks its values.
      floor: { ...floor, reps: reps as unknown as FloorState['reps'] },
      rules: UTC_RULES,
      team: null,
      campaign: 'spring',
      minuteOfDay,
    });
    expect(day.funnel.dials).toBe(3);
  });
});

describe('the trend recorder and the campaign trends bucket a call alike', () => {
  it('moves a call whose dial arrives after its outcome to the dial’s quarter hour, leaving nothing behind', () => {
    const rec = createTrendRecorder({ rules: UTC_RULES, localTime: { dayOf: UTC_RULES.dayOf, minuteOfDay } });
    const batches: CallEvent[][] = [
      [ev({ type: 'rep.login', rep: 'a1', team: 'north', at: T9 })],
      // 09:40: the outcome of a call whose dial (09:10) the source sends late.
      [ev({ type: 'call.outcome', rep: 'a1', call: 'k1', at: T9 + 40 * MIN, outcome: 'sale', campaign: 'spring' })],
      [ev({ type: 'call.dial', rep: 'a1', call: 'k1', at: T9 + 10 * MIN, campaign: 'spring' })],
    ];
    let state = emptyFloor();
    for (const batch of batches) state = foldByQuarterHour(state, batch, UTC_RULES, rec.record);
    const recorded = rec.trend(null);
    expect(nonZero(recorded.dials)).toEqual({ [b(0)]: 1 });
    expect(nonZero(recorded.connects)).toEqual({ [b(0)]: 1 });
    const spring = campaignDay({ floor: state, rules: UTC_RULES, team: null, campaign: 'spring', minuteOfDay });
    expect(spring.trend.dials).toEqual(recorded.dials);
    expect(spring.trend.connects).toEqual(recorded.connects);
    expect(spring.trend.revenue).toEqual(recorded.revenue);
  });
});
