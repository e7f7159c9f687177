import { foldCallEvents, type FoldRules } from '../../shared/domain/fold';
import type { CallEvent } from '../../shared/events/callEvent';
import type { FloorChange, FloorService } from '../../server/floor/floorService';

/** What the ingest pipeline does with a batch, for tests of what reads the floor: fold, then commit. */
export function applyBatch(floor: FloorService, events: readonly CallEvent[], rules: FoldRules): FloorChange {
  const next = foldCallEvents(floor.state(), events, rules);
  return floor.commit(next, events.at(-1)!.id, new Set(events.map((e) => e.rep)));
}
