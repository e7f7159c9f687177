import { OTHER_BUCKET, zeroCounts } from '../../../shared/contracts/campaigns';
import type {
  CallerIdRow,
  CampaignRow,
  CampaignsResponse,
  DimensionCounts,
  ListRow,
} from '../../../shared/contracts/campaigns';
import { T0 } from './floorData';

const counts = (c: Partial<DimensionCounts>): DimensionCounts => ({ ...zeroCounts(), ...c });

export function campaignRow(campaign: string, c: Partial<CampaignRow> = {}): CampaignRow {
  return { ...counts(c), campaign, lists: 1, target: null, ...c };
}

export function listRow(list: string, c: Partial<ListRow> = {}): ListRow {
  return {
    ...counts(c),
    list,
    campaign: null,
    customersReached: null,
    customersDialled: null,
    size: null,
    dryAt: null,
    ...c,
  };
}

export function callerIdRow(callerId: string, c: Partial<CallerIdRow> = {}): CallerIdRow {
  return {
    callerId,
    dials: 0,
    connects: 0,
    recentDials: 0,
    recentConnects: 0,
    baselineRate: null,
    floorRateSameHour: null,
    flagged: false,
    ...c,
  };
}

/**
 * A morning of three campaigns and the "other" bucket: "spring" converts best and has a target,
 * list L-bad is full of invalid numbers, caller ID +8602150001 got flagged.
 */
export function campaignsFixture(over: Partial<CampaignsResponse> = {}): CampaignsResponse {
  return {
    day: '2026-03-10',
    at: T0, // 10:00 UTC
    scope: { kind: 'floor' },
    campaigns: [
      campaignRow('winter', { dials: 400, connects: 100, effectiveCalls: 40, leads: 8, deals: 2, revenue: 2000 }),
      campaignRow('spring', {
        dials: 200,
        connects: 80,
        effectiveCalls: 60,
        leads: 20,
        deals: 10,
        revenue: 12_480,
        target: { dials: null, deals: 20, revenue: null },
      }),
      campaignRow(OTHER_BUCKET, { dials: 10, connects: 1 }),
    ],
    lists: [
      listRow('L-good', {
        campaign: 'spring',
        dials: 200,
        connects: 80,
        invalid: 4,
        busy: 20,
        noAnswer: 96,
        customersReached: 180,
        customersDialled: 250,
        size: 1000,
        dryAt: Date.UTC(2026, 2, 10, 15, 45),
      }),
      listRow('L-bad', { campaign: 'winter', dials: 400, connects: 100, invalid: 140, busy: 40, noAnswer: 120 }),
      listRow('L-empty', { campaign: null }),
      listRow(OTHER_BUCKET, { dials: 10, connects: 1 }),
    ],
    callerIds: [
      callerIdRow('+8602150002', {
        dials: 300,
        connects: 120,
        recentDials: 60,
        recentConnects: 25,
        baselineRate: 0.42,
        floorRateSameHour: 0.4,
      }),
      callerIdRow('+8602150001', {
        dials: 300,
        connects: 60,
        recentDials: 80,
        recentConnects: 8,
        baselineRate: 0.5,
        floorRateSameHour: 0.4,
        flagged: true,
      }),
      callerIdRow(OTHER_BUCKET, { dials: 10, connects: 1 }),
    ],
    total: counts({ dials: 610, connects: 181, effectiveCalls: 100, leads: 28, deals: 12, revenue: 14_480 }),
    ...over,
  };
}
