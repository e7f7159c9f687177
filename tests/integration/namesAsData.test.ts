/**
 * Names people choose are data, never object keys with a meaning (issue #10, item 7): a team
 * named "__proto__" used to apply its targets and alert thresholds yet be missing from GET.
 */
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { createAlertRepo } from '../../server/redis/alertRepo';
import { createDayTotalsRepo } from '../../server/redis/dayTotalsRepo';
import { redisKeys } from '../../server/redis/keys';
import { createTargetsRepo } from '../../server/redis/targetsRepo';
import { createTargetsService } from '../../server/targets/targetsService';
import { workCalendar } from '../../shared/domain/calendar';
import { DEFAULT_ALERT_THRESHOLDS, type AlertSettings } from '../../shared/domain/alertTypes';
import { thresholdsFor } from '../../shared/domain/alerts';
import type { TargetSettings } from '../../shared/domain/targetSettings';

const redisUrl = inject('redisUrl');
const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const NAMES = ['__proto__', 'constructor', 'toString', 'hasOwnProperty'];
const DEFAULTS = { dials: 180, effectiveCalls: 30, talkMinutes: 150, leads: 6, deals: 2, revenue: 5000 };

function connect(): Redis {
  const redis = new Redis(redisUrl);
  cleanups.push(() => redis.quit());
  return redis;
}

describe('teams and reps named like built-in object keys, over a real redis-server', () => {
  it('targets of such a team or rep apply to it only, and every one is listed as the API sends them', async () => {
    const redis = connect();
    const keys = redisKeys({ stream: 'x', deadLetterStream: 'x', keyPrefix: `test:${randomUUID()}:` });
    const deps = { repo: createTargetsRepo(redis, keys), defaults: DEFAULTS, calendar: workCalendar([1, 2, 3, 4, 5]) };
    const targets = createTargetsService({ ...deps, dayTotals: createDayTotalsRepo(redis, keys) });
    for (const [i, name] of NAMES.entries()) {
      await targets.update({ scope: { kind: 'team', team: name }, period: 'daily', targets: { dials: 10 + i } });
      await targets.update({ scope: { kind: 'rep', rep: name }, period: 'daily', targets: { leads: 1 + i } });
    }
    // A fresh instance loads them from Redis.
    const fresh = createTargetsService({ ...deps, dayTotals: createDayTotalsRepo(redis, keys) });
    await fresh.reload('2026-11-23');
    for (const [i, name] of NAMES.entries()) {
      expect(fresh.targetsFor({ id: 'ana', team: name })).toEqual({ ...DEFAULTS, dials: 10 + i });
      expect(fresh.targetsFor({ id: name, team: null })).toEqual({ ...DEFAULTS, leads: 1 + i });
    }
    expect(fresh.targetsFor({ id: 'ana', team: 'north' })).toEqual(DEFAULTS);
    const sent = JSON.parse(JSON.stringify(fresh.settings())) as TargetSettings;
    expect(Object.keys(sent.teams).sort()).toEqual([...NAMES].sort());
    expect(Object.keys(sent.reps).sort()).toEqual([...NAMES].sort());
  });

  it('alert thresholds of such a team apply to it only, and every one is listed as the API sends them', async () => {
    const repo = createAlertRepo(
      connect(),
      redisKeys({ stream: 'x', deadLetterStream: 'x', keyPrefix: `test:${randomUUID()}:` }),
    );
    for (const [i, name] of NAMES.entries())
      await repo.saveSettings({ scope: 'team', team: name, thresholds: { idleMinutes: 2 + i } });
    const settings = await repo.loadSettings();
    for (const [i, name] of NAMES.entries())
      expect(thresholdsFor(settings, name)).toEqual({ ...DEFAULT_ALERT_THRESHOLDS, idleMinutes: 2 + i });
    expect(thresholdsFor(settings, 'north')).toEqual(DEFAULT_ALERT_THRESHOLDS);
    const sent = JSON.parse(JSON.stringify(settings)) as AlertSettings;
    expect(Object.keys(sent.teams).sort()).toEqual([...NAMES].sort());
  });
});
