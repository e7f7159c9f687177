import type { CallEvent, CallOutcome } from '../../shared/events/callEvent';
import { maskPhone } from '../../shared/domain/privacy';
import type { DayKey, EpochMs } from '../../shared/time';
import type { Log } from '../log';
import { SEP, countField, type FeedbackRecord, type FeedbackRepo } from '../redis/feedbackRepo';

export interface FeedbackLedgerEdge {
  /** A folded batch, in stream order; `teamOf` is the rep's team after the batch. */
  onBatch(events: readonly CallEvent[], teamOf: (rep: string) => string | null): void;
  /** Resolves once every batch so far is written (tests, shutdown). */
  settled(): Promise<void>;
}

const RETRIES = 5;

/**
 * The ingest pipeline's edge into the market-feedback counts: each `call.outcome` with a refusal
 * reason, tags or a remark is counted once per call (server/redis/feedbackRepo.ts decides, in one
 * script, whether it is new, the same again, or an earlier winner replacing what was counted).
 * Writes are sent without waiting between them; a failed batch is retried whole, which is safe
 * because each write is idempotent.
 */
export function createFeedbackLedgerEdge(deps: {
  repo: Pick<FeedbackRepo, 'record'>;
  dayOf: (at: EpochMs) => DayKey;
  log: Log;
  retryDelayMs?: number;
}): FeedbackLedgerEdge {
  let chain: Promise<void> = Promise.resolve();
  async function write(records: readonly FeedbackRecord[]): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await Promise.all(records.map((r) => deps.repo.record(r)));
        return;
      } catch (error) {
        if (attempt >= RETRIES) {
          deps.log.error('market feedback write failed', { records: records.length, error: String(error) });
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, (deps.retryDelayMs ?? 200) * attempt));
      }
    }
  }
  return {
    onBatch(events, teamOf) {
      const records = feedbackRecordsOf(events, teamOf, deps.dayOf);
      if (records.length > 0) chain = chain.then(() => write(records));
    },
    settled: () => chain,
  };
}

/**
 * What a batch adds to the counts. An outcome with no reason, tags or remark adds nothing and is
 * not written: if it wins over a counted outcome of the same call (an earlier `ts`), the counted
 * one stays. The documented rule: among the outcomes of a call that carry feedback, the earliest
 * (`ts`, then entry ID) is the one counted.
 */
export function feedbackRecordsOf(
  events: readonly CallEvent[],
  teamOf: (rep: string) => string | null,
  dayOf: (at: EpochMs) => DayKey,
): FeedbackRecord[] {
  const records: FeedbackRecord[] = [];
  for (const e of events) {
    if (e.type !== 'call.outcome') continue;
    const record = recordOf(e, teamOf(e.rep) ?? '', dayOf(e.at));
    if (record) records.push(record);
  }
  return records;
}

function recordOf(e: CallOutcome, team: string, day: DayKey): FeedbackRecord | null {
  const reason = e.outcome === 'refused' && e.reason !== undefined ? e.reason : null;
  const tags = (e.tags ?? []).filter((t) => t !== reason);
  if (reason === null && tags.length === 0 && e.remark === undefined) return null;
  const campaign = e.campaign ?? '';
  const list = e.list ?? '';
  const fields = [
    ...(reason !== null ? [countField('r', team, campaign, list, reason)] : []),
    ...(e.tags ?? []).map((tag) => countField('t', team, campaign, list, tag)),
  ];
  const codes = [...new Set([...(reason !== null ? [reason] : []), ...tags])];
  const sample =
    e.remark === undefined
      ? null
      : { call: e.call, at: e.at, rep: e.rep, team, campaign, list, remark: maskDigitRuns(e.remark) };
  return {
    ...{ call: e.call, at: e.at, id: e.id, day, fields, sample },
    sampleFields: (codes.length > 0 ? codes : ['']).map((code) => `${team}${SEP}${code}`),
  };
}

/**
 * A remark with every phone-number-like run of digits (6 or more digits, with separators) masked (`call me on 138 1234 5678` ->
 * `call me on 138****5678`): remarks are free text a rep typed, shown to supervisors and leads.
 */
export function maskDigitRuns(text: string): string {
  return text.replace(/\+?\d[\d\s().-]{4,}\d/g, (run) => ((run.match(/\d/g)?.length ?? 0) >= 6 ? maskPhone(run) : run));
}
