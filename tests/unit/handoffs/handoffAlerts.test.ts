import { describe, expect, it } from 'vitest';
import { handoffAlertSource } from '../../../server/alerts/handoffAlerts';
import { combineAlertSources } from '../../../server/alerts/repAlerts';
import { createHandoffService } from '../../../server/handoffs/handoffService';
import type { HandoffRepo } from '../../../server/redis/handoffRepo';
import { defaultAlertSettings, type AlertSettings } from '../../../shared/domain/alertTypes';
import type { HandoffItem } from '../../../shared/domain/handoffs';
import { namedRecord } from '../../../shared/records';

const T = Date.UTC(2026, 10, 23, 9, 0);
const MIN = 60_000;

function item(lead: string, fields: Partial<HandoffItem> = {}): HandoffItem {
  return {
    ...{ lead, rep: 'rep-a1', team: 'team-a', to: 'team-b', toTeam: 'team-b', call: null, campaign: null },
    ...{ contact: null, amount: null, handoffAt: T, acceptedAt: null, acceptedBy: null, rejectedAt: null },
    ...{ rejectedBy: null, rejectedReason: null, closedAt: null, result: null, closedAmount: null, closedBy: null },
    state: 'open',
    ...fields,
  };
}

async function setUp(items: HandoffItem[], settings: AlertSettings) {
  const byLead = new Map(items.map((i) => [i.lead, i]));
  const repo = {
    openLeads: async () => [...byLead.keys()],
    getMany: async (leads: readonly string[]) => leads.map((l) => byLead.get(l)!),
    get: async (lead: string) => byLead.get(lead) ?? null,
  } as unknown as HandoffRepo;
  const service = createHandoffService({
    repo,
    bus: { publish: async () => {} },
    clock: () => T,
    settings: () => settings,
  });
  await service.start();
  return {
    service,
    source: handoffAlertSource(
      service,
      () => settings,
      (rep) => `Name of ${rep}`,
    ),
    byLead,
  };
}

describe('handoff_waiting', () => {
  it('holds from handoff + the receiving team’s threshold to the ms, for the origin’s and the receiving team', async () => {
    const settings = { ...defaultAlertSettings(), teams: namedRecord([['team-b', { handoffWaitMinutes: 10 }]]) };
    const { source } = await setUp([item('L-1'), item('L-2', { handoffAt: T + MIN })], settings);
    expect(source.nextDue('rep-a1', T, defaultAlertSettings())).toBe(T + 10 * MIN);
    expect(source.conditions(null, T + 10 * MIN - 1, defaultAlertSettings())).toEqual([]);
    const at = source.conditions(null, T + 10 * MIN, defaultAlertSettings());
    expect(at.map((c) => [c.team, c.detail, c.since])).toEqual([
      ['team-a', '1', T + 10 * MIN],
      ['team-b', '1', T + 10 * MIN],
    ]);
    expect(at[0]).toMatchObject({
      rule: 'handoff_waiting',
      rep: 'rep-a1',
      repName: 'Name of rep-a1',
      severity: 'warning',
    });
    expect(source.conditions(new Set(['rep-a1']), T + 11 * MIN, defaultAlertSettings()).map((c) => c.detail)).toEqual([
      '2',
      '2',
    ]);
    expect(source.conditions(new Set(['rep-other']), T + 11 * MIN, defaultAlertSettings())).toEqual([]);
  });

  it('uses the floor default (30 min) without an override, ignores accepted ones, and combines with another source', async () => {
    const { source } = await setUp(
      [item('L-1'), item('L-2', { state: 'accepted', acceptedAt: T })],
      defaultAlertSettings(),
    );
    expect(source.nextDue('rep-a1', T, defaultAlertSettings())).toBe(T + 30 * MIN);
    expect(source.conditions(null, T + 30 * MIN, defaultAlertSettings()).map((c) => c.detail)).toEqual(['1', '1']);
    const other = { reps: () => ['rep-x'], conditions: () => [], nextDue: () => T + 5 * MIN };
    const both = combineAlertSources(other, source);
    expect([...both.reps(T)].sort()).toEqual(['rep-a1', 'rep-x']);
    expect(both.nextDue('rep-a1', T, defaultAlertSettings())).toBe(T + 5 * MIN);
    expect(both.conditions(null, T + 30 * MIN, defaultAlertSettings())).toHaveLength(2);
  });
});
