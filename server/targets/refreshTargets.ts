import type { Clock, DayKey, EpochMs } from '../../shared/time';
import type { FloorService } from '../floor/floorService';
import type { TargetsService } from './targetsService';

/** Reloads targets (changed by someone, or a new day re-spreads the month) and republishes every rep. */
export function createTargetRefresh(deps: {
  targets: Pick<TargetsService, 'reload'>;
  floor: Pick<FloorService, 'state' | 'refreshAll'>;
  publish: (changed: readonly string[], removed: readonly string[]) => void;
  dayOf: (at: EpochMs) => DayKey;
  clock: Clock;
}): () => Promise<void> {
  return async () => {
    await deps.targets.reload(deps.floor.state().day ?? deps.dayOf(deps.clock()));
    deps.publish(deps.floor.refreshAll(), []);
  };
}
