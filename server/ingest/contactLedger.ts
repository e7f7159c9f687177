import type { RepeatDial } from '../../shared/domain/campaignAlerts';
import type { CallEvent } from '../../shared/events/callEvent';
import type { DayKey, EpochMs } from '../../shared/time';
import type { Log } from '../log';
import type { ContactDialInput, ContactRepo } from '../redis/contactRepo';

export interface ContactLedgerEdge {
  /** A folded batch, in stream order: its dials that name a customer are counted. */
  onBatch(events: readonly CallEvent[]): void;
  /** Resolves once every batch so far is written (tests, shutdown). */
  settled(): Promise<void>;
}

const RETRIES = 5;

/**
 * The ingest pipeline's edge into the contact ledger (contact-frequency compliance): each
 * `call.dial` naming a `customer` is counted in Redis (server/redis/contactRepo.ts, idempotent per
 * call), and the repeats it finds (the customer's second dial today, ...) go to `repeated` by day,
 * in stream order, for the alert monitor. A failed batch is retried whole, which is safe because
 * each write is idempotent; batches are written one after the other so their order holds.
 */
export function createContactLedgerEdge(deps: {
  repo: Pick<ContactRepo, 'dial'>;
  dayOf: (at: EpochMs) => DayKey;
  repeated: (day: DayKey, dials: readonly RepeatDial[]) => void;
  log: Log;
  retryDelayMs?: number;
}): ContactLedgerEdge {
  let chain: Promise<void> = Promise.resolve();

  async function write(dials: readonly ContactDialInput[]): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        const answers = await Promise.all(dials.map((d) => deps.repo.dial(d)));
        const byDay = new Map<DayKey, RepeatDial[]>();
        answers.forEach((answer, i) => {
          if (!answer) return;
          const day = dials[i]!.day;
          byDay.set(day, [...(byDay.get(day) ?? []), answer]);
        });
        for (const [day, repeats] of byDay) deps.repeated(day, repeats);
        return;
      } catch (error) {
        if (attempt >= RETRIES) {
          deps.log.error('contact ledger write failed', { dials: dials.length, error: String(error) });
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, (deps.retryDelayMs ?? 200) * attempt));
      }
    }
  }

  return {
    onBatch(events) {
      const dials: ContactDialInput[] = [];
      for (const e of events) {
        if (e.type !== 'call.dial' || e.customer === undefined) continue;
        dials.push({ day: deps.dayOf(e.at), customer: e.customer, call: e.call, rep: e.rep, at: e.at });
      }
      if (dials.length > 0) chain = chain.then(() => write(dials));
    },
    settled: () => chain,
  };
}
