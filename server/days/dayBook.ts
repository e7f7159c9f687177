import type { Redis } from 'ioredis';
import { startOfDay } from '../../shared/domain/day';
import type { FoldRules } from '../../shared/domain/fold';
import type { RepView } from '../../shared/domain/floorView';
import type { DailyTargets } from '../../shared/domain/targets';
import { HOUR_MS, type Clock, type DayKey } from '../../shared/time';
import type { LeaderboardService } from '../leaderboard/leaderboardService';
import type { Log } from '../log';
import { trimStream } from '../redis/retention';
import type { TrendRecorder } from '../trends/trendRecorder';
import type { TrendRepo } from '../redis/trendRepo';
import { closeDayIfNeeded, markDayClosed } from './closeYesterday';
import type { DayTotalsRepo } from '../redis/dayTotalsRepo';
import type { FloorService } from '../floor/floorService';

/** What the floor keeps of each day: saved totals and trends, closed days, a trimmed stream. */
export interface DayBook {
  /** At start: yesterday's totals are made whole if no server saw the day end. */
  closeYesterday(): Promise<void>;
  /** The live fold began a new day: save the old one for good. */
  dayEnded(day: DayKey, reps: readonly RepView[]): Promise<void>;
  /** Today so far (every 30 s and at stop). */
  saveToday(): Promise<void>;
  /** Drops stream entries older than the retention. */
  trim(): Promise<void>;
}

export function createDayBook(deps: {
  redis: Redis;
  stream: string;
  keyPrefix: string;
  retentionDays: number;
  floor: FloorService;
  dayTotals: DayTotalsRepo;
  trendRecorder: TrendRecorder;
  trendRepo: TrendRepo;
  leaderboard: LeaderboardService;
  rules: FoldRules;
  targetsFor: (rep: { id: string; team: string | null }) => DailyTargets;
  clock: Clock;
  log: Log;
}): DayBook {
  const closedKey = (day: DayKey) => `${deps.keyPrefix}day-closed:${day}`;
  return {
    async closeYesterday() {
      const todayStart = startOfDay(deps.clock(), deps.rules.dayOf);
      const dayStart = startOfDay(todayStart - HOUR_MS, deps.rules.dayOf);
      const day = deps.rules.dayOf(dayStart);
      const closed = await closeDayIfNeeded({ ...deps, closedKey, day, dayStart, dayEnd: todayStart });
      if (closed) deps.log.info('closed a day no server saw end', { day });
    },
    async dayEnded(day, reps) {
      await deps.dayTotals.save(day, reps);
      await markDayClosed(deps.redis, closedKey(day));
      deps.leaderboard.forget(day);
      await deps.trendRecorder.save(deps.trendRepo);
    },
    async saveToday() {
      const day = deps.floor.state().day;
      if (day) await deps.dayTotals.save(day, deps.floor.view().reps);
      await deps.trendRecorder.save(deps.trendRepo);
    },
    async trim() {
      await trimStream({
        redis: deps.redis,
        stream: deps.stream,
        days: deps.retentionDays,
        now: deps.clock(),
        dayOf: deps.rules.dayOf,
      });
    },
  };
}
