import type { Redis } from 'ioredis';
import type { FloorSettings } from '../shared/contracts/socket';
import { parseClockTime } from '../shared/domain/targets';
import type { Clock, DayKey, EpochMs } from '../shared/time';
import type { Config } from './config';
import { createDayBook } from './days/dayBook';
import { createDayTotalsRepo } from './redis/dayTotalsRepo';
import { createFloorService } from './floor/floorService';
import { createLeaderboardService } from './leaderboard/leaderboardService';
import type { Log } from './log';
import type { RedisKeys } from './redis/keys';
import { createTargetsService } from './targets/targetsService';
import { createTrendRecorder } from './trends/trendRecorder';
import { createTrendRepo } from './redis/trendRepo';
import { createTrendService } from './trends/trendService';

/** The floor's state and what is derived from it: targets, trends, leaderboards, kept days. */
export function createFloorServices(deps: {
  config: Config;
  redis: Redis;
  keys: RedisKeys;
  localTime: { dayOf: (at: EpochMs) => DayKey; minuteOfDay: (at: EpochMs) => number };
  clock: Clock;
  log: Log;
}) {
  const { config, redis, keys, localTime, clock, log } = deps;
  const settings: FloorSettings = {
    timeZone: config.timeZone,
    shiftStart: config.shiftStart,
    shiftEnd: config.shiftEnd,
    effectiveCallSeconds: config.effectiveCallSeconds,
  };
  const shift = { startMinute: parseClockTime(config.shiftStart)!, endMinute: parseClockTime(config.shiftEnd)! };
  const dayTotals = createDayTotalsRepo(redis, keys);
  const targets = createTargetsService({
    redis,
    keys,
    defaults: config.defaultTargets,
    workingWeekdays: config.workingWeekdays,
    dayTotals,
  });
  const rules = { effectiveCallMs: config.effectiveCallSeconds * 1000, dayOf: localTime.dayOf };
  const floor = createFloorService({
    rules,
    targetsFor: (rep) => targets.targetsFor(rep),
    today: localTime.dayOf(clock()),
  });
  const trendRecorder = createTrendRecorder({ rules, localTime });
  const trendRepo = createTrendRepo(redis, config.keyPrefix);
  const leaderboard = createLeaderboardService({
    floor,
    dayTotals,
    localTime,
    clock,
    targetsFor: (r) => targets.targetsFor(r),
  });
  const trends = createTrendService({ floor, recorder: trendRecorder, repo: trendRepo, localTime, clock, shift });
  const dayBook = createDayBook({
    ...{ redis, stream: config.stream, keyPrefix: config.keyPrefix, retentionDays: config.retentionDays },
    ...{ floor, dayTotals, trendRecorder, trendRepo, leaderboard, rules, clock, log },
    targetsFor: (rep) => targets.targetsFor(rep),
  });
  return { settings, shift, rules, dayTotals, targets, floor, trendRecorder, trendRepo, leaderboard, trends, dayBook };
}
