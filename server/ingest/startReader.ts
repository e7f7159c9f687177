import type { StreamId } from '../../shared/streamId';
import type { Config } from '../config';
import type { FloorService } from '../floor/floorService';
import { startCallEventReader, type CallEventReader, type ReaderDeps } from '../redis/callEventStream';
import { createRepAdmission } from './repAdmission';
import type { Ingest } from './ingest';

/** How the ingest pipeline's reader starts: the stream's batches go to the pipeline, new reps through the cap. */
export function readerStarter(
  deps: Omit<ReaderDeps, 'onBatch' | 'admission'> & {
    ingest: Pick<Ingest, 'onBatch'>;
    floor: Pick<FloorService, 'state'>;
    config: Pick<Config, 'maxReps'>;
  },
): (from: StreamId) => CallEventReader {
  const { ingest, floor, config, ...reader } = deps;
  const admission = createRepAdmission({ cap: config.maxReps, reps: () => floor.state().reps });
  return (from) => startCallEventReader({ ...reader, onBatch: ingest.onBatch, admission }, from);
}
