import { withCalls } from '../../shared/domain/callRecord';
import { withHandoffCloses } from '../../shared/domain/handoffCredit';
import type { FloorState, HandoffClose, RepState } from '../../shared/domain/repState';
import { ChunkedMap } from '../../shared/domain/chunkedMap';
import { SortedMap } from '../../shared/domain/sortedMap';
import { CallBook, type CallRecord } from '../../shared/domain/callBook';
import type { DayTrend } from '../../shared/domain/trends';
import { loadDimensions, storeDimensions, type StoredDimensions } from '../../shared/domain/dimensionState';
import type { DimensionCounts } from '../../shared/contracts/campaigns';
import { isStreamId, type StreamId } from '../../shared/streamId';
import type { DayKey } from '../../shared/time';
import type { Log } from '../log';
import type { TrendRecorder } from '../trends/trendRecorder';
import type { FloorService } from '../floor/floorService';
import type { CheckpointRepo } from '../redis/checkpointRepo';

/**
 * A checkpoint is today's folded state at a stream position, so that a restart folds only the
 * entries after it instead of the whole day (a million entries took ~10 s). Bump FORMAT whenever
 * the fold or the state's shape changes: a checkpoint of another format is ignored and the day is
 * replayed from the stream, which is always right.
 */
/**
 * 3: call records and call-backs carry the call-back's `contact`.
 * 4: call records carry campaign, list, caller ID and cause; the floor its figures per dimension.
 * 5: reps carry their handoff closes.
 */
export const CHECKPOINT_FORMAT = 4;

export interface Checkpoint {
  state: FloorState;
  /** Last entry read (good or dead-lettered): the reader resumes after it. */
  cursor: StreamId;
  /** Today's trend buckets by team key, as the trend recorder holds them. */
  trends: ReadonlyMap<string, DayTrend>;
}

/** A rep's fields with its calls as entries; refusals and call-backs are rebuilt from the calls. */
type StoredRep = Omit<
  RepState,
  'calls' | 'refusals' | 'refusalRanking' | 'callbacks' | 'campaigns' | 'handoffCloses'
> & {
  calls: [string, CallRecord][];
  campaigns: [string, DimensionCounts][];
  handoffCloses: [string, HandoffClose][];
};
interface Stored {
  format: number;
  day: DayKey;
  lastId: StreamId | null;
  applied: number;
  missingDetails: number;
  cursor: StreamId;
  reps: StoredRep[];
  trends: [string, DayTrend][];
  /** The business day's start (minutes after local midnight) the day was folded with; absent: 0. */
  dayStartMinute?: number;
  dims: StoredDimensions;
}

export function encodeCheckpoint(checkpoint: Checkpoint, dayStartMinute = 0): string {
  const { head, reps } = checkpointParts(checkpoint, dayStartMinute);
  return joinParts(head, [...reps].map(encodeRep));
}

/**
 * The same text as encodeCheckpoint, written a few hundred reps per turn of the event loop: a
 * whole floor in one JSON.stringify held the loop ~250 ms every minute at 5,000 reps. The state
 * is persistent (a fold never changes a state it returned), so the turns in between change
 * nothing of what is written.
 */
export async function encodeCheckpointInTurns(
  checkpoint: Checkpoint,
  dayStartMinute = 0,
  turn: () => Promise<unknown> = () => new Promise((resolve) => setImmediate(resolve)),
): Promise<string> {
  const { head, reps } = checkpointParts(checkpoint, dayStartMinute);
  const parts: string[] = [];
  for (const rep of reps) {
    parts.push(encodeRep(rep));
    if (parts.length % REPS_PER_TURN === 0) await turn();
  }
  return joinParts(head, parts);
}

const REPS_PER_TURN = 250;

function checkpointParts(checkpoint: Checkpoint, dayStartMinute: number) {
  const { state, cursor, trends } = checkpoint;
  if (state.day === null) throw new Error('no day to checkpoint');
  const stored: Stored = {
    ...{ format: CHECKPOINT_FORMAT, day: state.day, lastId: state.lastId, applied: state.applied, cursor },
    missingDetails: state.missingDetails,
    ...{ reps: [], trends: [...trends], dims: storeDimensions(state.dims) },
    ...(dayStartMinute === 0 ? {} : { dayStartMinute }),
  };
  return { head: JSON.stringify(stored), reps: state.reps.values() };
}

function encodeRep(rep: RepState): string {
  const { refusals: _r, refusalRanking: _k, callbacks: _c, calls, campaigns, handoffCloses, ...rest } = rep;
  const stored: StoredRep = {
    ...rest,
    calls: [...calls],
    campaigns: [...campaigns],
    handoffCloses: [...handoffCloses],
  };
  return JSON.stringify(stored);
}

/** The reps go where the head has `"reps":[]`: its first one, as the keys before it are ids and numbers. */
function joinParts(head: string, reps: string[]): string {
  const at = head.indexOf(EMPTY_REPS) + EMPTY_REPS.length - 1;
  return `${head.slice(0, at)}${reps.join(',')}${head.slice(at)}`;
}

const EMPTY_REPS = '"reps":[]';

/**
 * The checkpoint if it is of this format, of `day` and of a day starting at `dayStartMinute`;
 * null otherwise (the caller replays: after FLOORBOARD_DAY_START changed, the same date spans
 * other hours).
 */
export function decodeCheckpoint(text: string, day: DayKey, dayStartMinute = 0): Checkpoint | null {
  const stored = JSON.parse(text) as Partial<Stored>;
  if (stored.format !== CHECKPOINT_FORMAT || stored.day !== day) return null;
  if ((stored.dayStartMinute ?? 0) !== dayStartMinute) return null;
  const streamId = (id: unknown) => typeof id === 'string' && isStreamId(id);
  if (!streamId(stored.cursor) || (stored.lastId !== null && !streamId(stored.lastId))) return null;
  if (!Array.isArray(stored.reps) || !Array.isArray(stored.trends) || typeof stored.applied !== 'number') return null;
  if (typeof stored.dims !== 'object' || stored.dims === null) return null;
  const reps = ChunkedMap.of(
    stored.reps.map(({ calls, campaigns, handoffCloses, ...rep }): [string, RepState] => [
      rep.id,
      withHandoffCloses(
        withCalls(emptyIndexes({ ...rep, campaigns: new Map(campaigns) }), calls),
        Array.isArray(handoffCloses) ? handoffCloses : [],
      ),
    ]),
  );
  const missingDetails = typeof stored.missingDetails === 'number' ? stored.missingDetails : 0;
  return {
    state: {
      day,
      lastId: stored.lastId ?? null,
      applied: stored.applied,
      missingDetails,
      reps,
      dims: loadDimensions(stored.dims),
    },
    cursor: stored.cursor!,
    trends: new Map(stored.trends),
  };
}

function emptyIndexes(
  rep: Omit<StoredRep, 'calls' | 'campaigns' | 'handoffCloses'> & Pick<RepState, 'campaigns'>,
): RepState {
  const empty = SortedMap.empty<never>();
  return {
    ...rep,
    ...{ calls: CallBook.empty(), refusals: empty, refusalRanking: empty, callbacks: empty, handoffCloses: empty },
  };
}

/** Restores today's floor and trends from the last checkpoint, and saves new ones. */
export function createCheckpoints(deps: {
  repo: CheckpointRepo;
  /** Whether the stream holds this entry: if not, the checkpoint belongs to a stream that was replaced. */
  hasEntry: (id: StreamId) => Promise<boolean>;
  log: Log;
  floor: Pick<FloorService, 'state' | 'cursor' | 'restore'>;
  trendRecorder: Pick<TrendRecorder, 'day' | 'today' | 'restore'>;
  /** FLOORBOARD_DAY_START in minutes (default 0): a checkpoint of another day start is not restored. */
  dayStartMinute?: number;
}) {
  const dayStartMinute = deps.dayStartMinute ?? 0;
  const { repo, floor, trendRecorder, log } = deps;
  let savedAt: StreamId | null = null;

  /** Today's checkpoint, or null (none, another format, unreadable, or of another stream). */
  async function load(day: DayKey): Promise<Checkpoint | null> {
    const text = await repo.load(day);
    if (text === null) return null;
    try {
      const checkpoint = decodeCheckpoint(text, day, dayStartMinute);
      if (!checkpoint) return null;
      if (!(await deps.hasEntry(checkpoint.cursor))) {
        log.warn('checkpoint of another stream: replaying the day', { cursor: checkpoint.cursor });
        return null;
      }
      return checkpoint;
    } catch (error) {
      log.warn('unreadable checkpoint: replaying the day', { error: String(error) });
      return null;
    }
  }

  return {
    /** Loads today's checkpoint into the floor and the trends; the position to read on from, or null. */
    async restore(today: DayKey): Promise<StreamId | null> {
      const checkpoint = await load(today);
      if (!checkpoint) return null;
      floor.restore(checkpoint.state, checkpoint.cursor);
      trendRecorder.restore(today, checkpoint.trends);
      return (savedAt = checkpoint.cursor);
    },
    /** Saves the floor as it is now, unless nothing was read since the last save. */
    async save(): Promise<void> {
      const [state, cursor, trendDay] = [floor.state(), floor.cursor(), trendRecorder.day()];
      if (state.day === null || cursor === null || cursor === savedAt) return;
      if (trendDay !== null && trendDay !== state.day) return; // a day just ended: the next save has it
      const trends = trendDay === null ? new Map() : trendRecorder.today();
      await repo.save(state.day, await encodeCheckpointInTurns({ state, cursor, trends }, dayStartMinute));
      savedAt = cursor;
    },
  };
}
