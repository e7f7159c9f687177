import { describe, expect, it } from 'vitest';
import {
  applyTargetUpdate,
  emptyTargetSettings,
  resolveCampaignTarget,
  targetUpdateSchema,
} from '../../../shared/domain/targetSettings';

const WORKDAY = { workingToday: true, holiday: false };

describe('resolveCampaignTarget', () => {
  it('is null when nothing is set, or only figures a campaign has no target for', () => {
    expect(resolveCampaignTarget(undefined, WORKDAY)).toBeNull();
    expect(resolveCampaignTarget({}, WORKDAY)).toBeNull();
    expect(resolveCampaignTarget({ daily: {} }, WORKDAY)).toBeNull();
    expect(resolveCampaignTarget({ daily: { talkMinutes: 30 } }, WORKDAY)).toBeNull();
  });

  it("gives today's set figures and null for the others", () => {
    expect(resolveCampaignTarget({ daily: { deals: 4, revenue: 1500.5 } }, WORKDAY)).toEqual({
      dials: null,
      deals: 4,
      revenue: 1500.5,
    });
    expect(resolveCampaignTarget({ daily: { dials: 0 } }, WORKDAY)).toEqual({ dials: 0, deals: null, revenue: null });
  });

  it('keeps daily figures on a weekend (like any daily target) and asks nothing on a holiday', () => {
    const layer = { daily: { dials: 200, deals: 4 } };
    expect(resolveCampaignTarget(layer, { workingToday: false, holiday: false })).toEqual({
      dials: 200,
      deals: 4,
      revenue: null,
    });
    expect(resolveCampaignTarget(layer, { workingToday: false, holiday: true })).toEqual({
      dials: 0,
      deals: 0,
      revenue: null,
    });
  });

  it('takes no weekly or monthly figure (a campaign keeps no past days to spread them over)', () => {
    expect(resolveCampaignTarget({ weekly: { deals: 20 }, monthly: { revenue: 9000 } }, WORKDAY)).toBeNull();
  });
});

describe('targetUpdateSchema for a campaign', () => {
  const update = (body: object) => targetUpdateSchema.safeParse(body);
  const scope = { kind: 'campaign', campaign: 'spring' };

  it('accepts daily dials, deals and revenue (null clears), and __proto__ as a campaign id', () => {
    expect(update({ scope, period: 'daily', targets: { dials: 1, deals: null, revenue: 1e9 } }).success).toBe(true);
    const proto = update({ scope: { kind: 'campaign', campaign: '__proto__' }, period: 'daily', targets: {} });
    expect(proto.success).toBe(true);
    const settings = emptyTargetSettings();
    settings.campaigns['__proto__'] = applyTargetUpdate(undefined, proto.data!);
    expect(Object.keys(settings.campaigns)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(settings.campaigns)).toBeNull();
  });

  it('refuses other periods, other metrics, bad ids and bad numbers', () => {
    const bad = [
      { scope, period: 'weekly', targets: { deals: 1 } },
      { scope, period: 'monthly', targets: {} },
      { scope, period: 'daily', targets: { leads: 1 } },
      { scope, period: 'daily', targets: { effectiveCalls: 1 } },
      { scope, period: 'daily', targets: { deals: -0.01 } },
      { scope, period: 'daily', targets: { revenue: 1e9 + 1 } },
      { scope, period: 'daily', targets: { dials: Number.NaN } },
      { scope, period: 'daily', targets: { dials: Number.POSITIVE_INFINITY } },
      { scope: { kind: 'campaign', campaign: '*' }, period: 'daily', targets: {} },
      { scope: { kind: 'campaign', campaign: 'a/b' }, period: 'daily', targets: {} },
      { scope: { kind: 'campaign' }, period: 'daily', targets: {} },
    ];
    for (const body of bad) expect(update(body).success, JSON.stringify(body)).toBe(false);
    const message = update({ scope, period: 'weekly', targets: {} });
    expect(message.error?.issues[0]?.message).toBe('a campaign has daily targets only');
  });

  it('still lets a team set weekly talk minutes', () => {
    expect(update({ scope: { kind: 'team', team: 't' }, period: 'weekly', targets: { talkMinutes: 5 } }).success).toBe(
      true,
    );
  });
});
