import type { Redis } from 'ioredis';
import type { ReplayDay } from '../../shared/contracts/replay';
import { startOfDay } from '../../shared/domain/day';
import type { DayKey, EpochMs } from '../../shared/time';
import type { RedisKeys } from '../redis/keys';

/** At most this many business days are looked at (a stream kept far longer lists its newest). */
const MAX_DAYS = 400;

const entryTime = (id: string) => Number(id.split('-')[0]);

/**
 * The business days the stream holds, oldest first, with the times Redis accepted each one's first
 * and last entries: two reads per day with entries (XRANGE / XREVRANGE, COUNT 1), never the entries.
 */
export async function retainedDays(
  redis: Redis,
  keys: Pick<RedisKeys, 'events'>,
  dayOf: (at: EpochMs) => DayKey,
): Promise<ReplayDay[]> {
  const [newest] = await redis.xrevrange(keys.events, '+', '-', 'COUNT', 1);
  if (newest === undefined) return [];
  const days: ReplayDay[] = [];
  // Newest first, day by day back to the oldest entry.
  let until = entryTime(newest[0]);
  while (days.length < MAX_DAYS) {
    const dayStart = startOfDay(until, dayOf);
    // `until` is the day's last entry; its first is one read away.
    const [head] = await redis.xrange(keys.events, `${dayStart}`, `${until}`, 'COUNT', 1);
    if (head !== undefined) days.push({ day: dayOf(until), first: entryTime(head[0]), last: until });
    // The day before, from its last entry (days without entries are skipped in one read).
    const [before] = await redis.xrevrange(keys.events, `(${dayStart}`, '-', 'COUNT', 1);
    if (before === undefined) break;
    until = entryTime(before[0]);
  }
  return days.reverse();
}
