/** The ingest pipeline's edge into the contact ledger (issue #15): which events count, in order, and retries. */
import { describe, expect, it } from 'vitest';
import { createContactLedgerEdge } from '../../../server/ingest/contactLedger';
import { silentLog } from '../../../server/log';
import type { ContactDialInput, ContactRepo } from '../../../server/redis/contactRepo';
import type { RepeatDial } from '../../../shared/domain/campaignAlerts';
import type { CallEvent } from '../../../shared/events/callEvent';

const at = 1_800_000_000_000;

/** Counts like the Lua script: per customer, once per call. */
function memoryRepo(failures = 0): Pick<ContactRepo, 'dial'> & { seen: ContactDialInput[] } {
  const byCustomer = new Map<string, Map<string, number>>();
  let fail = failures;
  const seen: ContactDialInput[] = [];
  return {
    seen,
    async dial(input) {
      if (fail-- > 0) throw new Error('redis down');
      seen.push(input);
      const calls = byCustomer.get(input.customer) ?? byCustomer.set(input.customer, new Map()).get(input.customer)!;
      if (!calls.has(input.call)) calls.set(input.call, calls.size + 1);
      const times = calls.get(input.call)!;
      return times === 1 ? null : { rep: input.rep, at: input.at, times, others: [] };
    },
  };
}

describe('the contact ledger edge', () => {
  const events: CallEvent[] = [
    { id: '1-0', type: 'call.dial', rep: 'r1', call: 'c0', at },
    { id: '1-1', type: 'call.answer', rep: 'r1', call: 'c1', at, customer: 'crm:1' },
    { id: '1-2', type: 'call.dial', rep: 'r1', call: 'c1', at, customer: 'crm:1' },
    { id: '1-3', type: 'call.dial', rep: 'r2', call: 'c2', at: at + 1, customer: 'crm:1' },
  ];

  it('counts dials that name a customer only, and hands on the repeats by day', async () => {
    const repo = memoryRepo();
    const heard: [string, readonly RepeatDial[]][] = [];
    const edge = createContactLedgerEdge({
      ...{ repo, dayOf: () => '2027-01-15', log: silentLog },
      repeated: (day, dials) => heard.push([day, dials]),
    });
    edge.onBatch(events);
    await edge.settled();
    expect(repo.seen.map((d) => d.call)).toEqual(['c1', 'c2']);
    expect(heard).toEqual([['2027-01-15', [{ rep: 'r2', at: at + 1, times: 2, others: [] }]]]);
  });

  it('retries a failed batch whole, which counts nothing twice', async () => {
    const repo = memoryRepo(2);
    const heard: RepeatDial[] = [];
    const edge = createContactLedgerEdge({
      ...{ repo, dayOf: () => '2027-01-15', log: silentLog, retryDelayMs: 1 },
      repeated: (_, dials) => heard.push(...dials),
    });
    edge.onBatch(events);
    edge.onBatch(events); // a re-read of the same entries
    await edge.settled();
    expect(heard.map((d) => d.times)).toEqual([2, 2]);
  });
});
