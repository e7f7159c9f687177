import { startOfDay } from '../../shared/domain/day';
import { endDay, type FoldRules } from '../../shared/domain/fold';
import type { FloorState } from '../../shared/domain/repState';
import type { RepView, Totals } from '../../shared/domain/floorView';
import { foldByQuarterHour } from '../../shared/domain/quarterHourRuns';
import type { CallEvent } from '../../shared/events/callEvent';
import type { StreamId } from '../../shared/streamId';
import type { Clock, DayKey } from '../../shared/time';
import type { AlertMonitor } from '../alerts/alertMonitor';
import type { FloorChange, FloorService } from '../floor/floorService';
import type { Log } from '../log';
import type { TrendRecorder } from '../trends/trendRecorder';
import type { CallbackLedgerEdge } from './callbackLedger';
import type { FeedbackLedgerEdge } from './feedbackLedger';
import type { ContactLedgerEdge } from './contactLedger';
import type { HandoffLedgerEdge } from './handoffLedger';

/** Where a batch's consequences go; each is told what changed and decides nothing about the floor. */
export interface IngestDeps {
  rules: FoldRules;
  floor: FloorService;
  trendRecorder: Pick<TrendRecorder, 'record'>;
  alerts: Pick<AlertMonitor, 'afterBatch'>;
  publish: (changed: readonly string[], removed: readonly string[]) => void;
  /** A day ended (saved for good, targets re-spread); called once per day, in order. */
  dayEnded: (day: DayKey, reps: readonly RepView[], closed?: FloorState) => Promise<void>;
  clock: Clock;
  log: Log;
  /** The call-back ledger's edge: told each batch after the fold, with the reps' teams. */
  callbacks?: CallbackLedgerEdge;
  /** The handoff ledger's edge: told each batch after the fold, like the call-back ledger's. */
  handoffs?: HandoffLedgerEdge;
  teamOf?: (rep: string) => string | null;
  /** The market-feedback counts' edge: told each batch after the fold, like the call-back ledger. */
  feedback?: FeedbackLedgerEdge;
  /** The contact ledger's edge (contact-frequency alerts): told each batch after the fold. */
  contacts?: ContactLedgerEdge;
  /** Lists' sizes and customers reached (server/campaigns/listStore.ts): told each batch. */
  lists?: { onBatch(events: readonly CallEvent[]): void; settled(): Promise<void> };
}

export interface Ingest {
  /**
   * The reader's batch: fold once, let the recorders see each run, commit, publish. While the day
   * is replayed, answers a promise the reader waits for before its next page: the ledgers' writes
   * of the batch before this one (see below).
   */
  onBatch(events: CallEvent[], cursor: StreamId): Promise<void> | undefined;
  /** From now on batches are news (alerts, good news); before, the day is being replayed. */
  goLive(): void;
  /** Delay from the source time of the newest event to when we applied it (dialer clocks may skew it). */
  lagMs(): number | null;
  /** Resolves once every day that ended so far is saved. */
  settled(): Promise<void>;
}

/**
 * The batch pipeline: reader → fold → recorders → floor → alerts → gateway. The fold runs once per
 * batch, in quarter-hour runs (foldByQuarterHour) so that the trend recorder can bucket what each
 * run changed; a day always ends between two runs, and the floor is committed at that point so
 * the day that ended is closed with all of its own events.
 */
export function createIngest(deps: IngestDeps): Ingest {
  const { floor, clock, log } = deps;
  let live = false;
  let lagMs: number | null = null;
  let closing: Promise<void> = Promise.resolve();
  // A replay folds pages of thousands of events faster than Redis takes the ledgers' writes (one
  // command per dial), which queued up by the hundred thousand, each holding its arguments and a
  // promise. The reader waits for the writes of the page before this one before it reads the next:
  // Redis writes one page while the fold works on the next (a day of 1,000,000 events: peak RSS
  // 2.11-2.15 GB → 1.90-1.94 GB, the same 46-47 s; npm run bench:restart).
  let ledgersBehind: Promise<unknown> | null = null;
  const ledgersSettled = () =>
    Promise.all([
      deps.callbacks?.settled(),
      deps.feedback?.settled(),
      deps.contacts?.settled(),
      deps.lists?.settled(),
      deps.handoffs?.settled(),
    ]);

  function closeDay(day: DayKey, closed: FloorState): void {
    const reps = floor.viewsOf(closed);
    log.info('day ended', { day, reps: reps.length });
    closing = closing
      .then(() => deps.dayEnded(day, reps, closed))
      .catch((error: unknown) => log.warn('closing the day failed', { day, error: String(error) }));
  }

  function commit(state: FloorState, cursor: StreamId, touched: Iterable<string>): FloorChange {
    const change = floor.commit(state, cursor, touched);
    if (change.changed.length > 0 || change.removed.length > 0) deps.publish(change.changed, change.removed);
    return change;
  }

  return {
    onBatch(events, cursor) {
      // Good news compares with the figures before the batch; not needed while replaying the day.
      const beforeViews = live
        ? new Map(floor.repViews([...new Set(events.map((e) => e.rep))]).map((v) => [v.id, v]))
        : null;
      const beforeTotals: Totals | null = live ? floor.totals() : null;
      let runTouched = new Set<string>();
      const next = foldByQuarterHour(floor.state(), events, deps.rules, (before, after, run) => {
        if (before.day !== null && after.day !== before.day) {
          // The floor takes the old day's last state first, so that the day closes whole; its
          // totals count open talk and status time up to midnight (endDay).
          if (before !== floor.state()) commit(before, before.lastId ?? cursor, runTouched);
          runTouched = new Set();
          const midnight = startOfDay(run[0]!.at, deps.rules.dayOf);
          closeDay(before.day, endDay(before, midnight, deps.rules));
        }
        for (const e of run) runTouched.add(e.rep);
        deps.trendRecorder.record(before, after, run);
      });
      const { changed } = commit(next, cursor, runTouched);
      const teamOf = deps.teamOf ?? ((rep: string) => floor.state().reps.get(rep)?.team ?? null);
      deps.callbacks?.onBatch(events, teamOf);
      deps.feedback?.onBatch(events, teamOf);
      deps.contacts?.onBatch(events);
      deps.lists?.onBatch(events);
      deps.handoffs?.onBatch(events, teamOf);
      if (changed.length > 0 && beforeViews && beforeTotals)
        deps.alerts
          .afterBatch(changed, beforeViews, beforeTotals)
          .catch((error: unknown) => log.warn('alerts failed', { error: String(error) }));
      if (events.length > 0) lagMs = Math.max(0, clock() - Math.max(...events.map((e) => e.at)));
      if (live) return undefined;
      const previous = ledgersBehind;
      ledgersBehind = ledgersSettled();
      return previous?.then(() => undefined);
    },
    goLive() {
      live = true;
    },
    lagMs: () => lagMs,
    settled: () => Promise.all([closing, ledgersSettled()]).then(() => undefined),
  };
}
