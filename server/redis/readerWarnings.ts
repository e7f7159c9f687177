import type { Health } from '../../shared/contracts/socket';
import { streamIdTime, type StreamId } from '../../shared/streamId';
import type { DayKey, EpochMs } from '../../shared/time';

/** The newest entry stamped too far ahead of Redis's clock (a producer's clock is wrong). */
export interface ClockAhead {
  rep: string;
  aheadMs: number;
  /** Such entries on `day` (local), and the day. */
  count: number;
  day: DayKey | null;
}

/** The clock-ahead record after one more entry stamped ahead: the newest rep and lead, counted per local day. */
export function clockAheadAfter(
  previous: ClockAhead | null,
  id: StreamId,
  fields: readonly string[],
  dayOf?: (at: EpochMs) => DayKey,
): ClockAhead {
  const field = (name: string) => {
    for (let i = 0; i + 1 < fields.length; i += 2) if (fields[i] === name) return fields[i + 1]!;
    return '';
  };
  const arrived = streamIdTime(id);
  const day = dayOf?.(arrived) ?? null;
  const count = previous && previous.day === day ? previous.count + 1 : 1;
  return { rep: field('rep').slice(0, 64), aheadMs: Number(field('ts')) - arrived, count, day };
}

/** What health shows of the reader's warnings. */
export function readerWarnings(
  status: { clockAhead: ClockAhead | null; floorFull: Health['floorFull'] } | null,
): Pick<Health, 'clockAhead' | 'floorFull'> {
  const ahead = status?.clockAhead ?? null;
  return {
    clockAhead: ahead ? { rep: ahead.rep, aheadMs: ahead.aheadMs, today: ahead.count } : null,
    floorFull: status?.floorFull ?? null,
  };
}
