import type { FloorSettings } from '../shared/contracts/socket';
import { businessShift } from '../shared/domain/targets';
import type { Redis } from 'ioredis';
import type { Clock, DayKey, EpochMs } from '../shared/time';
import { createAuthenticator } from './auth/authenticate';
import { createCoachingService } from './coaching/coachingService';
import { createCoachingEffects } from './coaching/coachingEffects';
import type { Config } from './config';
import { createDayBook } from './days/dayBook';
import { createDayReplay } from './days/dayReplay';
import { createCampaignDayRepo } from './exports/campaignDays';
import { createFloorService } from './floor/floorService';
import { createHistoryService } from './history/historyService';
import { createLeaderboardService } from './leaderboard/leaderboardService';
import type { Stores } from './redis/stores';
import { workCalendar } from '../shared/domain/calendar';
import { createTargetsService } from './targets/targetsService';
import { createTrendRecorder } from './trends/trendRecorder';
import { createTrendService } from './trends/trendService';
import { createReplayService } from './replay/replayService';

/** The floor's state and what is derived from it, over the stores: wiring only. */
export function createServices(deps: {
  config: Config;
  stores: Stores;
  /** Read-only use: the day replay reads the stream. */
  redis: Redis;
  localTime: { dayOf: (at: EpochMs) => DayKey; minuteOfDay: (at: EpochMs) => number };
  clock: Clock;
}) {
  const { config, stores, localTime, clock } = deps;
  const settings: FloorSettings = {
    timeZone: config.timeZone,
    shiftStart: config.shiftStart,
    shiftEnd: config.shiftEnd,
    dayStart: config.dayStart,
    effectiveCallSeconds: config.effectiveCallSeconds,
  };
  const made = businessShift(config.shiftStart, config.shiftEnd, config.dayStartMinute);
  if (!made.ok) throw new Error(made.error); // loadConfig refused it already
  const { shift } = made;
  const rules = { effectiveCallMs: config.effectiveCallSeconds * 1000, dayOf: localTime.dayOf };
  const { workingWeekdays, defaultTargets: defaults } = config;
  const calendar = workCalendar(workingWeekdays, config.calendar);
  const calendarYears = config.calendar.years;
  const targets = createTargetsService({
    repo: stores.targets,
    defaults,
    calendar,
    calendarYears,
    dayTotals: stores.dayTotals,
  });
  const targetsFor = (rep: { id: string; team: string | null }) => targets.targetsFor(rep);
  const floor = createFloorService({ targetsFor, today: null });
  const trendRecorder = createTrendRecorder({ rules, localTime });
  const leaderboard = createLeaderboardService({ floor, dayTotals: stores.dayTotals, localTime, clock, targetsFor });
  const trends = createTrendService({
    floor,
    rules,
    recorder: trendRecorder,
    repo: stores.trends,
    localTime,
    clock,
    shift,
    campaignTargetOf: (campaign) => targets.campaignTargetOf(campaign),
  });
  const campaignDays = createCampaignDayRepo(deps.redis, stores.keys.campaignDay);
  const dayBook = createDayBook({
    campaignDays,
    ...{ archive: stores.archive, retentionDays: config.retentionDays, floor, dayTotals: stores.dayTotals },
    ...{ trendRecorder, trendRepo: stores.trends, leaderboard, dayOf: localTime.dayOf, clock },
  });
  const { keys, archive } = stores;
  const dayReplay = createDayReplay({
    redis: deps.redis,
    keys,
    archive,
    rules,
    maxReps: config.maxReps,
    maxTsAheadMs: config.maxTsAheadMs,
  });
  const replay = createReplayService({
    ...{ dayReplay, redis: deps.redis, keys, dayOf: localTime.dayOf, targetsFor, settings, clock },
    retentionDays: config.retentionDays,
  });
  const { accounts, sessions, kiosks } = stores;
  const authenticate = createAuthenticator({ sessions, accounts, kiosks });
  const coaching = createCoachingService({ repo: stores.notes, floor, bus: stores.bus, clock });
  const history = createHistoryService({
    floor,
    dayTotals: stores.dayTotals,
    targets,
    defaults,
    calendar,
    localTime,
    clock,
  });
  const coachingEffects = createCoachingEffects({ repo: stores.notes, floor, dayReplay, rules, clock });
  return {
    settings,
    shift,
    rules,
    targets,
    floor,
    trendRecorder,
    leaderboard,
    trends,
    dayBook,
    dayReplay,
    campaignDays,
    authenticate,
    coaching,
    history,
    coachingEffects,
    replay,
  };
}

export type Services = ReturnType<typeof createServices>;
