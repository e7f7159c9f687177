/** The ingest pipeline's edge into the call-back ledger (issue #16): what each batch writes, in order, and retries. */
import { describe, expect, it } from 'vitest';
import { createCallbackLedgerEdge, opsOf, type LedgerMirror } from '../../../server/ingest/callbackLedger';
import { silentLog } from '../../../server/log';
import type { CallbackRepo } from '../../../server/redis/callbackRepo';
import type { CallEvent } from '../../../shared/events/callEvent';

const at = 1_800_000_000_000;
const outcome = (call: string, extra: Partial<CallEvent> = {}): CallEvent =>
  ({ id: `${at}-${call}`, type: 'call.outcome', rep: 'r1', call, at, outcome: 'callback', ...extra }) as CallEvent;

describe('opsOf()', () => {
  it('closes the customer’s earlier call-backs before opening the new one, and ignores calls without a customer', () => {
    const events: CallEvent[] = [
      { id: '1-0', type: 'call.dial', rep: 'r1', call: 'c0', at },
      { id: '1-1', type: 'call.answer', rep: 'r1', call: 'c1', at, customer: 'crm:1' },
      { id: '1-2', type: 'call.dial', rep: 'r1', call: 'c1', at, customer: 'crm:1' },
      outcome('c1', { customer: 'crm:1', followUpAt: at + 3600_000, contact: 'Wang' } as Partial<CallEvent>),
      outcome('c2', { outcome: 'sale' } as Partial<CallEvent>),
    ];
    expect(opsOf(events, () => 'team-a')).toEqual([
      { kind: 'close', customer: 'crm:1', call: 'c1', at },
      { kind: 'close', customer: 'crm:1', call: 'c1', at },
      {
        kind: 'create',
        item: {
          call: 'c1',
          rep: 'r1',
          team: 'team-a',
          followUpAt: at + 3600_000,
          contact: 'Wang',
          customer: 'crm:1',
          createdAt: at,
        },
      },
    ]);
  });

  it('opens a call-back of unknown time and without a customer (people close it)', () => {
    expect(opsOf([outcome('c3')], () => null)).toEqual([
      {
        kind: 'create',
        item: { call: 'c3', rep: 'r1', team: null, followUpAt: null, contact: null, customer: null, createdAt: at },
      },
    ]);
  });
});

describe('createCallbackLedgerEdge()', () => {
  it('retries a batch Redis failed, and tells the mirror once it is written', async () => {
    let failures = 1;
    const created: string[] = [];
    const repo = {
      create: async () => {
        if (failures-- > 0) throw new Error('READONLY');
        return 'created' as const;
      },
      closeByCustomer: async () => [],
    } as unknown as Pick<CallbackRepo, 'create' | 'closeByCustomer'>;
    const mirror: LedgerMirror = {
      created: (item, state) => created.push(`${item.call}:${state}`),
      customerCalled: () => {},
    };
    const edge = createCallbackLedgerEdge({ repo, mirror, clock: () => at, log: silentLog, retryDelayMs: 1 });
    edge.onBatch([outcome('c1')], () => null);
    await edge.settled();
    expect(created).toEqual(['c1:created']);
  });
});
