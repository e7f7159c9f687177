import { describe, expect, it } from 'vitest';
import {
  ALL_FIELDS,
  applyRepPatch,
  applyTeamPatches,
  changedFields,
  decodeTotals,
  encodeRep,
  encodeTotals,
  fieldBit,
  readRep,
  TOTALS_LENGTH,
} from '../../../shared/contracts/floorPatch';
import type { RepPatch } from '../../../shared/contracts/socket';
import { summarize, type RepView } from '../../../shared/domain/floorView';

const NOW = Date.UTC(2026, 11, 3, 10);
const rep: RepView = {
  ...{ id: 'rep-1', name: 'Ann', team: 'north', status: 'on_call', pauseReason: null, statusSince: NOW - 4000 },
  ...{ currentCall: 'c-9', callAnsweredAt: NOW - 4000, dials: 12, connects: 5, effectiveCalls: 3, talkSeconds: 600 },
  ...{ wrapupSeconds: 40, pauseSeconds: 0, loggedInSeconds: 3600, leads: 1, deals: 1, revenue: 99.5 },
  ...{ refusals: [{ reason: 'price', count: 2 }], callbacks: [{ call: 'c-2', followUpAt: NOW + 60_000 }] },
  ...{ callbackCount: 1, missingDetails: 0, handoffsWon: 0, handoffRevenue: 0, version: 31 },
  targets: { dials: 100, effectiveCalls: 20, talkMinutes: 120, leads: 5, deals: 2, revenue: 1500.5 },
};

describe('rep patches', () => {
  it('round-trips a whole row, times relative to serverNow', () => {
    const patch = encodeRep(rep, ALL_FIELDS, NOW);
    expect(patch).toContain(4000);
    expect(applyRepPatch(undefined, JSON.parse(JSON.stringify(patch)) as RepPatch, NOW)).toEqual(rep);
  });

  it('carries only the fields that changed, and applies them over the row held', () => {
    const later = { ...rep, status: 'wrapup' as const, statusSince: NOW, currentCall: null, version: 32 };
    const fields = changedFields(rep, later);
    expect(fields).toBe(fieldBit('status') | fieldBit('statusSince') | fieldBit('currentCall') | fieldBit('version'));
    const patch = encodeRep(later, fields, NOW + 50);
    expect(JSON.stringify(patch).length).toBeLessThan(40);
    expect(applyRepPatch(rep, patch, NOW + 50)).toEqual(later);
  });

  it('compares lists and targets by value', () => {
    const copy = structuredClone(rep);
    expect(changedFields(rep, copy)).toBe(0);
    expect(changedFields(rep, { ...copy, refusals: [{ reason: 'price', count: 3 }] })).toBe(fieldBit('refusals'));
    expect(changedFields(undefined, rep)).toBe(ALL_FIELDS);
  });

  it('refuses a partial patch for a rep the client does not hold (a missed delta)', () => {
    expect(applyRepPatch(undefined, encodeRep(rep, fieldBit('dials'), NOW), NOW)).toBeNull();
  });

  it('refuses malformed patches: a mask out of range, values missing or left over', () => {
    const patch = encodeRep(rep, fieldBit('dials') | fieldBit('connects'), NOW);
    expect(readRep(['rep-1', -1], NOW)).toBeNull();
    expect(readRep(['rep-1', 1.5, 'x'], NOW)).toBeNull();
    expect(readRep(null as unknown as RepPatch, NOW)).toBeNull();
    expect(readRep([7 as unknown as string, fieldBit('dials'), 1], NOW)).toBeNull();
    expect(readRep(['rep-1', ALL_FIELDS + 1], NOW)).toBeNull();
    expect(readRep(['rep-1', '3' as unknown as number, 1, 2], NOW)).toBeNull();
    expect(readRep(patch.slice(0, -1) as RepPatch, NOW)).toBeNull();
    expect(readRep([...patch, 7], NOW)).toBeNull();
    expect(applyRepPatch(rep, [...patch, 7], NOW)).toBeNull();
  });
});

describe('totals rows', () => {
  const { totals, teams } = summarize([rep, { ...rep, id: 'rep-2', team: 'south' }]);

  it('round-trips totals as numbers', () => {
    const row = encodeTotals(totals);
    expect(row).toHaveLength(TOTALS_LENGTH);
    expect(decodeTotals(row)).toEqual(totals);
    expect(decodeTotals(row.slice(1))).toBeNull();
    expect(decodeTotals([...row.slice(1), 'x' as unknown as number])).toBeNull();
  });

  it('replaces changed teams, adds new ones in order, drops a team counting no reps, keeps the others', () => {
    const before = teams;
    const east = ['east', ...encodeTotals(teams[0]!.totals)] as [string, ...number[]];
    const gone = ['south', ...encodeTotals(summarize([]).totals)] as [string, ...number[]];
    const after = applyTeamPatches(before, [east, gone])!;
    expect(after.map((t) => t.id)).toEqual(['east', 'north']);
    expect(after[1]).toBe(before[0]);
    expect(applyTeamPatches(before, [['north', 1, 2]])).toBeNull();
    expect(applyTeamPatches(before, [])).toBe(before);
  });
});
