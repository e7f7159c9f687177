import type { Redis } from 'ioredis';
import { foldCallEvents } from '../../../shared/domain/fold';
import { toFloorView, type FloorView } from '../../../shared/domain/floorView';
import { emptyFloor } from '../../../shared/domain/repState';
import type { CallEvent } from '../../../shared/events/callEvent';
import { parseCallEvent } from '../../../shared/events/parseCallEvent';
import { createLocalTime } from '../../../shared/time';
import type { Config } from '../../../server/config';

/** The floor an uninterrupted reader would hold: the whole stream folded in one go, in-process. */
export async function referenceFloor(redis: Redis, config: Config, today: string): Promise<FloorView> {
  const entries = await redis.xrange(config.stream, '-', '+');
  const events: CallEvent[] = [];
  for (const [id, fields] of entries) {
    const parsed = parseCallEvent(id, fields, config.maxTsAheadMs);
    if (parsed.ok) events.push(parsed.event);
  }
  const rules = { effectiveCallMs: config.effectiveCallSeconds * 1000, dayOf: createLocalTime(config.timeZone).dayOf };
  const state = foldCallEvents({ ...emptyFloor(), day: today }, events, rules);
  return toFloorView(state, () => config.defaultTargets);
}

/** The parts of a floor view that must match exactly between two runs. */
export function comparable(view: FloorView) {
  return { day: view.day, reps: view.reps, teams: view.teams, totals: view.totals };
}
