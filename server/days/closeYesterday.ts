import type { Redis } from 'ioredis';
import { foldCallEvents, type FoldRules } from '../../shared/domain/fold';
import { toFloorView } from '../../shared/domain/floorView';
import { emptyFloor, type FloorState } from '../../shared/domain/repState';
import type { DailyTargets } from '../../shared/domain/targets';
import type { CallEvent } from '../../shared/events/callEvent';
import { parseCallEvent } from '../../shared/events/parseCallEvent';
import { MINUTE_MS, type DayKey, type EpochMs } from '../../shared/time';
import type { DayTotalsRepo } from '../redis/dayTotalsRepo';

/**
 * A server that was down at midnight never saw yesterday end, so yesterday's saved totals may
 * miss its last events. At start, a day not marked closed is folded again from the stream and
 * saved, so week and month boards and monthly targets stay whole.
 */
export async function closeDayIfNeeded(deps: {
  redis: Redis;
  stream: string;
  closedKey: (day: DayKey) => string;
  dayTotals: DayTotalsRepo;
  rules: FoldRules;
  targetsFor: (rep: { id: string; team: string | null }) => DailyTargets;
  day: DayKey;
  dayStart: EpochMs;
  dayEnd: EpochMs;
}): Promise<boolean> {
  if (await deps.redis.exists(deps.closedKey(deps.day))) return false;
  let state: FloorState = { ...emptyFloor(), day: deps.day };
  let from = `${deps.dayStart - 15 * MINUTE_MS}-0`;
  const end = `${deps.dayEnd + 15 * MINUTE_MS}-0`;
  for (;;) {
    const entries = await deps.redis.xrange(deps.stream, from, end, 'COUNT', 5000);
    const events: CallEvent[] = [];
    for (const [id, fields] of entries) {
      const parsed = parseCallEvent(id, fields);
      // Only the day's own events: today's belong to the live fold.
      if (parsed.ok && deps.rules.dayOf(parsed.event.at) === deps.day) events.push(parsed.event);
    }
    state = foldCallEvents(state, events, deps.rules);
    if (entries.length < 5000) break;
    from = `(${entries[entries.length - 1]![0]}`;
  }
  if (state.reps.size > 0) await deps.dayTotals.save(deps.day, toFloorView(state, deps.targetsFor).reps);
  await markDayClosed(deps.redis, deps.closedKey(deps.day));
  return state.reps.size > 0;
}

export async function markDayClosed(redis: Redis, key: string): Promise<void> {
  // Kept for 40 days: longer than any month's board looks back.
  await redis.set(key, '1', 'EX', 40 * 24 * 3600);
}
