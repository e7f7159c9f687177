import type { CallEvent, LeadEvent } from '../../shared/events/callEvent';
import type { HandoffState } from '../../shared/domain/handoffs';
import type { EpochMs } from '../../shared/time';
import type { Log } from '../log';
import type { FactWrite, HandoffRepo } from '../redis/handoffRepo';

/** What the handoff service's mirror is told after each write that changed a lead. */
export interface HandoffMirror {
  changed(lead: string, state: HandoffState): void | Promise<void>;
}

export interface HandoffLedgerEdge {
  /** A folded batch, in stream order; `teamOf` is a rep's team after the batch. */
  onBatch(events: readonly CallEvent[], teamOf: (rep: string) => string | null): void;
  /** Resolves once every batch so far is written (tests, shutdown). */
  settled(): Promise<void>;
}

const RETRIES = 5;

/**
 * The ingest pipeline's edge into the handoff ledger: every lead event is one fact of its lead,
 * written by an idempotent Lua script (server/redis/handoffRepo.ts), so re-reads, replays after
 * a restart and several instances reading the same stream change each lead once. A batch's
 * writes go without waiting between them (one connection keeps their order); a failed batch is
 * retried whole, which is safe for the same reason.
 */
export function createHandoffLedgerEdge(deps: {
  repo: Pick<HandoffRepo, 'write'>;
  mirror: HandoffMirror;
  clock: () => EpochMs;
  log: Log;
  retryDelayMs?: number;
}): HandoffLedgerEdge {
  const { repo, mirror, log } = deps;
  let chain: Promise<void> = Promise.resolve();

  async function write(facts: readonly FactWrite[]): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        const now = deps.clock();
        const results = await Promise.all(facts.map((fact) => repo.write(fact, now)));
        await Promise.all(facts.map((fact, i) => results[i]!.taken && mirror.changed(fact.lead, results[i]!.state)));
        return;
      } catch (error) {
        if (attempt >= RETRIES) {
          log.error('handoff ledger write failed', { facts: facts.length, error: String(error) });
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, (deps.retryDelayMs ?? 200) * attempt));
      }
    }
  }

  return {
    onBatch(events, teamOf) {
      const facts = factsOf(events, teamOf);
      if (facts.length > 0) chain = chain.then(() => write(facts));
    },
    settled: () => chain,
  };
}

const isLead = (e: CallEvent): e is LeadEvent => e.type.startsWith('lead.');

/**
 * The ledger's facts of a batch, in stream order. A handoff records the origin's team and the
 * receiving team as they are when it is read: `to`'s team when `to` is a rep the floor knows,
 * else `to` itself (a team id). The customer id is never stored.
 */
export function factsOf(events: readonly CallEvent[], teamOf: (rep: string) => string | null): FactWrite[] {
  const facts: FactWrite[] = [];
  for (const e of events) {
    if (!isLead(e)) continue;
    const base = { lead: e.lead, rep: e.rep, at: e.at, id: e.id };
    switch (e.type) {
      case 'lead.handoff':
        facts.push({
          ...base,
          fact: 'handoff',
          fields: {
            rep: e.rep,
            team: teamOf(e.rep) ?? '',
            to: e.to,
            toTeam: teamOf(e.to) ?? e.to,
            call: e.call ?? '',
            campaign: e.campaign ?? '',
            contact: e.contact ?? '',
            amount: e.amount === undefined ? '' : String(e.amount),
          },
        });
        break;
      case 'lead.accepted':
        facts.push({ ...base, fact: 'accepted', fields: { acceptedBy: e.by } });
        break;
      case 'lead.rejected':
        facts.push({ ...base, fact: 'rejected', fields: { rejectedBy: e.by, rejectedReason: e.reason } });
        break;
      case 'lead.closed':
        facts.push({
          ...base,
          fact: 'closed',
          fields: {
            result: e.result,
            closedAmount: e.amount === undefined ? '' : String(e.amount),
            closedBy: e.by ?? '',
          },
        });
        break;
    }
  }
  return facts;
}
