import { describe, expect, it } from 'vitest';
import type { CallEvent } from '../../../shared/events/callEvent';
import { createFloorService } from '../../../server/floor/floorService';
import { createIngest } from '../../../server/ingest/ingest';
import { createLog } from '../../../server/log';
import { UTC_RULES } from '../shared/foldSupport';

const AT = Date.UTC(2026, 11, 4, 9);
const TARGETS = { dials: 100, effectiveCalls: 20, talkMinutes: 120, leads: 5, deals: 2, revenue: 1500 };
const dial = (i: number): CallEvent => ({
  ...{ type: 'call.dial', rep: 'ann', call: `c${i}`, customer: `cust-${i}` },
  ...{ id: `${AT + i}-0`, at: AT + i },
});

/** A ledger edge whose writes finish only when the test says, batch by batch. */
function slowLedger() {
  const writes: { done: () => void; finished: Promise<void> }[] = [];
  let chain: Promise<void> = Promise.resolve();
  return {
    writes,
    edge: {
      onBatch() {
        let done: () => void = () => {};
        const finished = new Promise<void>((resolve) => (done = resolve));
        writes.push({ done, finished });
        chain = chain.then(() => finished);
      },
      settled: () => chain,
    },
  };
}

function ingestWith(ledger: ReturnType<typeof slowLedger>) {
  return createIngest({
    ...{ rules: UTC_RULES, floor: createFloorService({ targetsFor: () => TARGETS, today: '2026-12-04' }) },
    trendRecorder: { record: () => {} },
    alerts: { afterBatch: () => Promise.resolve() },
    publish: () => {},
    dayEnded: () => Promise.resolve(),
    ...{ clock: () => AT, log: createLog('test', () => {}) },
    contacts: ledger.edge,
  });
}

const turns = async (n = 20) => {
  for (let i = 0; i < n; i++) await new Promise((resolve) => setImmediate(resolve));
};

describe('ingest while the day is replayed', () => {
  it("lets the reader read the next page only once the ledgers wrote the page before: at most two pages' writes wait", async () => {
    const ledger = slowLedger();
    const ingest = ingestWith(ledger);
    const resolved: number[] = [];
    // What the reader does with a page's answer: nothing to wait for, or a promise to wait on.
    const page = (n: number) => {
      const ready = ingest.onBatch([dial(n)], `${AT + n}-0`);
      if (ready) void ready.then(() => resolved.push(n));
      else resolved.push(n);
    };
    page(1); // nothing before it: the reader goes on at once
    page(2); // waits for page 1's writes
    await turns();
    expect(resolved).toEqual([1]);
    page(3); // (the reader would not send it yet; here it shows what page 3 waits for: page 2)
    ledger.writes[0]!.done();
    await turns();
    expect(resolved).toEqual([1, 2]);
    ledger.writes[1]!.done();
    await turns();
    expect(resolved).toEqual([1, 2, 3]);
    ledger.writes[2]!.done();
    await ingest.settled();
  });

  it('does not wait for the ledgers once live: a live batch never holds the reader', async () => {
    const ledger = slowLedger();
    const ingest = ingestWith(ledger);
    ingest.goLive();
    expect(ingest.onBatch([dial(1)], `${AT + 1}-0`)).toBeUndefined();
    expect(ingest.onBatch([dial(2)], `${AT + 2}-0`)).toBeUndefined();
    for (const write of ledger.writes) write.done();
    await ingest.settled();
  });
});
