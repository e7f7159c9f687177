import type { CallEvent } from '../../shared/events/callEvent';
import type { EpochMs } from '../../shared/time';
import type { Log } from '../log';
import type { CallbackRepo, NewCallback } from '../redis/callbackRepo';

/** What the ledger's in-memory mirror (server/callbacks) is told after each write, whoever won it. */
export interface LedgerMirror {
  /** The call's item after a create: opened now (or open already), or closed earlier. */
  created(item: NewCallback, state: string): void;
  /** A call to `customer` at `at` on `call`: their call-backs promised before it on other calls are closed. */
  customerCalled(customer: string, call: string, at: EpochMs): void;
}

export interface CallbackLedgerEdge {
  /** A folded batch, in stream order; `teamOf` is the rep's team after the batch. */
  onBatch(events: readonly CallEvent[], teamOf: (rep: string) => string | null): void;
  /** Resolves once every batch so far is written (tests, shutdown). */
  settled(): Promise<void>;
}

const RETRIES = 5;

/**
 * The ingest pipeline's edge into the call-back ledger: a `callback` outcome opens an item keyed
 * by its call; a dial or outcome naming a customer closes that customer's call-backs promised
 * earlier on other calls. Every write is an idempotent Lua script, so re-reads, replays after a
 * restart and several instances reading the same stream make each change once. A batch's writes
 * are sent without waiting between them (one connection keeps their order); a failed batch is
 * retried whole, which is safe for the same reason.
 */
export function createCallbackLedgerEdge(deps: {
  repo: Pick<CallbackRepo, 'create' | 'closeByCustomer'>;
  mirror: LedgerMirror;
  clock: () => EpochMs;
  log: Log;
  /** Waits between retries (tests pass a fast one). */
  retryDelayMs?: number;
}): CallbackLedgerEdge {
  const { repo, mirror, log } = deps;
  let chain: Promise<void> = Promise.resolve();

  async function write(ops: readonly Op[]): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        const results = await Promise.all(
          ops.map((op) =>
            op.kind === 'create'
              ? repo.create(op.item)
              : repo.closeByCustomer(op.customer, op.call, op.at, deps.clock()),
          ),
        );
        ops.forEach((op, i) => {
          if (op.kind === 'create') mirror.created(op.item, results[i] as string);
          else mirror.customerCalled(op.customer, op.call, op.at);
        });
        return;
      } catch (error) {
        if (attempt >= RETRIES) {
          log.error('call-back ledger write failed', { ops: ops.length, error: String(error) });
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, (deps.retryDelayMs ?? 200) * attempt));
      }
    }
  }

  return {
    onBatch(events, teamOf) {
      const ops = opsOf(events, teamOf);
      if (ops.length > 0) chain = chain.then(() => write(ops));
    },
    settled: () => chain,
  };
}

type Op = { kind: 'create'; item: NewCallback } | { kind: 'close'; customer: string; call: string; at: EpochMs };

/** A batch's ledger writes, in stream order: a call's closing of earlier call-backs before its own. */
export function opsOf(events: readonly CallEvent[], teamOf: (rep: string) => string | null): Op[] {
  const ops: Op[] = [];
  for (const e of events) {
    if (e.type !== 'call.dial' && e.type !== 'call.outcome') continue;
    if (e.customer !== undefined) ops.push({ kind: 'close', customer: e.customer, call: e.call, at: e.at });
    if (e.type === 'call.outcome' && e.outcome === 'callback') {
      ops.push({
        kind: 'create',
        item: {
          call: e.call,
          rep: e.rep,
          team: teamOf(e.rep),
          followUpAt: e.followUpAt ?? null,
          contact: e.contact ?? null,
          customer: e.customer ?? null,
          createdAt: e.at,
        },
      });
    }
  }
  return ops;
}
