import { startOfDay } from '../../shared/domain/day';
import { streamIdTime, type StreamId } from '../../shared/streamId';
import type { RepView } from '../../shared/domain/floorView';
import type { FloorState } from '../../shared/domain/repState';
import { campaignDayOf, type CampaignDayRepo } from '../exports/campaignDays';
import { MINUTE_MS, type Clock, type DayKey, type EpochMs } from '../../shared/time';
import type { LeaderboardService } from '../leaderboard/leaderboardService';
import type { FloorService } from '../floor/floorService';
import type { DayTotalsRepo } from '../redis/dayTotalsRepo';
import type { StreamArchive } from '../redis/streamArchive';
import type { TrendRepo } from '../redis/trendRepo';
import type { TrendRecorder } from '../trends/trendRecorder';

/** What the floor keeps of each day: saved totals and trends, and a trimmed stream. */
export interface DayBook {
  /**
   * Where a start without a checkpoint reads from: the start of the previous day that has entries
   * (a quarter hour early, for entries Redis accepted a little before their stamped time). Folding
   * that day too is what makes a cold start equal a server that ran through midnight: reps still
   * logged in carry over with their team and status, and the day's totals are saved when the fold
   * crosses into today (so no server needs to have seen the day end).
   */
  replayStart(): Promise<{ from: StreamId; day: DayKey }>;
  /** The fold began a new day: save the old one for good (`closed`: its state, for the per-campaign figures). */
  dayEnded(day: DayKey, reps: readonly RepView[], closed?: FloorState): Promise<void>;
  /** Today so far (every 30 s and at stop). */
  saveToday(): Promise<void>;
  /** Drops stream entries older than the retention. */
  trim(): Promise<void>;
}

export function createDayBook(deps: {
  archive: StreamArchive;
  retentionDays: number;
  floor: Pick<FloorService, 'state' | 'view'>;
  dayTotals: DayTotalsRepo;
  trendRecorder: Pick<TrendRecorder, 'save'>;
  trendRepo: TrendRepo;
  leaderboard: Pick<LeaderboardService, 'forget'>;
  dayOf: (at: EpochMs) => DayKey;
  clock: Clock;
  /** Per-campaign figures per day (exports), saved beside the day totals. */
  campaignDays?: Pick<CampaignDayRepo, 'save'>;
}): DayBook {
  return {
    async replayStart() {
      const todayStart = startOfDay(deps.clock(), deps.dayOf);
      const last = await deps.archive.lastEntryBefore(todayStart - 15 * MINUTE_MS);
      const from = last === null ? todayStart : startOfDay(streamIdTime(last), deps.dayOf);
      return { from: `${from - 15 * MINUTE_MS}-0`, day: deps.dayOf(from) };
    },
    async dayEnded(day, reps, closed) {
      await deps.dayTotals.save(day, reps);
      if (closed && closed.day === day) await deps.campaignDays?.save(day, campaignDayOf(closed));
      deps.leaderboard.forget(day);
      await deps.trendRecorder.save(deps.trendRepo);
    },
    async saveToday() {
      const day = deps.floor.state().day;
      if (day) await deps.dayTotals.save(day, deps.floor.view().reps);
      if (day) await deps.campaignDays?.save(day, campaignDayOf(deps.floor.state()));
      await deps.trendRecorder.save(deps.trendRepo);
    },
    async trim() {
      await deps.archive.trim(deps.retentionDays, deps.clock(), deps.dayOf);
    },
  };
}
