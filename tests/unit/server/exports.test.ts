import { describe, expect, it } from 'vitest';
import { exportDays, exportQuerySchema } from '../../../shared/domain/exports';
import { foldCallEvents } from '../../../shared/domain/fold';
import { emptyFloor } from '../../../shared/domain/repState';
import type { CallEvent } from '../../../shared/events/callEvent';
import { campaignDayOf } from '../../../server/exports/campaignDays';
import { wallClock } from '../../../server/exports/exportTable';
import { defuse } from '../../../server/exports/writeExport';
import { exportScope } from '../../../server/exports/exportService';
import { UTC_RULES } from '../shared/foldSupport';

describe('export pieces', () => {
  it('defuses every cell a spreadsheet would run as a formula, and nothing else', () => {
    for (const bad of ['=1+2', '+1', '-2', '@SUM(A1)', '\t=1', '\r=1', '=cmd|"/c calc"!A1'])
      expect(defuse(bad)).toBe(`'${bad}`);
    for (const fine of ['张伟', 'Ann', '1+1', "'quoted", '', ' =1']) expect(defuse(fine)).toBe(fine);
  });

  it('checks a range: real dates, from ≤ to, at most 93 days, a well-formed team', () => {
    const ok = (q: Record<string, string>) => exportQuerySchema.safeParse(q).success;
    expect(ok({ from: '2026-01-01', to: '2026-04-03' })).toBe(true); // 93 days
    expect(exportDays('2026-01-01', '2026-04-03')).toHaveLength(93);
    expect(ok({ from: '2026-01-01', to: '2026-04-04' })).toBe(false);
    expect(ok({ from: '2026-02-29', to: '2026-03-01' })).toBe(false); // 2026 is not a leap year
    expect(ok({ from: '2028-02-29', to: '2028-03-01' })).toBe(true);
    expect(ok({ from: '2026-03-02', to: '2026-03-01' })).toBe(false);
    // Names are data: a team called constructor is a team; a malformed id is not.
    expect(ok({ from: '2026-03-01', to: '2026-03-01', team: 'constructor' })).toBe(true);
    expect(ok({ from: '2026-03-01', to: '2026-03-01', team: 'a b' })).toBe(false);
    expect(ok({ from: '2026-03-01', to: '2026-03-01', extra: 'x' })).toBe(false);
    expect(exportDays('2026-03-28', '2026-04-01')).toEqual([
      '2026-03-28',
      '2026-03-29',
      '2026-03-30',
      '2026-03-31',
      '2026-04-01',
    ]);
  });

  it("writes instants as the floor's wall clock", () => {
    const at = Date.UTC(2026, 2, 10, 16, 30, 5);
    expect(wallClock('Asia/Shanghai')(at)).toEqual({
      text: '2026-03-11 00:30:05',
      utc: Date.UTC(2026, 2, 11, 0, 30, 5),
    });
    expect(wallClock('UTC')(at).text).toBe('2026-03-10 16:30:05');
  });

  it('scopes exports like the views: a lead the own team, reps and wallboards none', () => {
    const lead = { kind: 'user', username: 'l', role: 'lead', team: 'a' } as const;
    expect(exportScope(lead, undefined)).toEqual({ ok: true, value: 'a' });
    expect(exportScope(lead, 'b')).toMatchObject({ ok: false, status: 403 });
    expect(exportScope({ kind: 'user', username: 's', role: 'supervisor' }, undefined)).toEqual({
      ok: true,
      value: null,
    });
    expect(exportScope({ kind: 'user', username: 'r', role: 'rep', rep: 'r', team: 'a' }, 'a')).toMatchObject({
      status: 403,
    });
    expect(exportScope({ kind: 'kiosk', id: 'k', name: 'TV' }, undefined)).toMatchObject({ status: 403 });
  });

  it("sums a day's per-campaign counts per team from the reps' counts", () => {
    const t = Date.UTC(2026, 2, 10, 9);
    const ev = (e: Omit<CallEvent, 'id'>, i: number) => ({ ...e, id: `${t + i}-0` }) as CallEvent;
    const events = [
      { type: 'rep.login', rep: 'a1', team: 'a', at: t },
      { type: 'rep.login', rep: 'a2', team: 'a', at: t },
      { type: 'rep.login', rep: 'x', at: t },
      { type: 'call.dial', rep: 'a1', call: 'c1', at: t + 1000, campaign: 'spring' },
      { type: 'call.dial', rep: 'a2', call: 'c2', at: t + 2000, campaign: 'spring' },
      { type: 'call.outcome', rep: 'a2', call: 'c2', at: t + 3000, outcome: 'sale', amount: 10.1 },
      { type: 'call.dial', rep: 'x', call: 'c3', at: t + 4000, campaign: 'autumn' },
    ].map((e, i) => ev(e as Omit<CallEvent, 'id'>, i));
    const day = campaignDayOf(foldCallEvents(emptyFloor(), events, UTC_RULES));
    expect([...day.keys()].sort()).toEqual(['', 'a']);
    expect(day.get('a')!.get('spring')).toMatchObject({ dials: 2, deals: 1, revenue: 10.1 });
    expect(day.get('')!.get('autumn')).toMatchObject({ dials: 1 });
  });
});
