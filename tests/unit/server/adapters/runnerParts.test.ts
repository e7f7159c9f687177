import { describe, expect, it } from 'vitest';
import type { SourceEvent } from '../../../../shared/events/callEvent';
import { QUEUE_HIGH_WATER, createEventQueue } from '../../../../server/adapters/eventQueue';
import { createHealthTracker } from '../../../../server/adapters/healthTracker';
import type { EventSink } from '../../../../server/adapters/types';

const ready = (i: number): SourceEvent => ({ type: 'rep.ready', rep: `rep-${i}`, at: i });

/** A sink whose writes complete when the test says so. */
function heldSink() {
  const written: SourceEvent[] = [];
  const pending: { release: () => void; fail: (e: Error) => void }[] = [];
  const sink: EventSink = {
    write: (events) =>
      new Promise<void>((resolve, reject) =>
        pending.push({ release: () => (written.push(...events), resolve()), fail: reject }),
      ),
  };
  return { sink, written, pending };
}

describe('event queue', () => {
  it('writes in order, one batch at a time, and says when the source must wait', async () => {
    const { sink, written, pending } = heldSink();
    const queue = createEventQueue(sink);
    queue.push(Array.from({ length: QUEUE_HIGH_WATER }, (_, i) => ready(i)));
    expect(queue.full()).toBe(true);
    let drained = false;
    void queue.drained().then(() => (drained = true));
    const flushed = queue.flush();
    while (written.length < QUEUE_HIGH_WATER) {
      await Promise.resolve();
      pending.shift()?.release();
      await new Promise((resolve) => setImmediate(resolve));
    }
    await flushed;
    expect(drained).toBe(true);
    expect(queue.full()).toBe(false);
    expect(written.map((e) => e.rep)).toEqual(Array.from({ length: QUEUE_HIGH_WATER }, (_, i) => `rep-${i}`));
  });

  it('rejects flush once the sink gave up, and lets a paused source go on', async () => {
    const { sink, pending } = heldSink();
    const queue = createEventQueue(sink);
    queue.push(Array.from({ length: QUEUE_HIGH_WATER }, (_, i) => ready(i)));
    const flushed = queue.flush();
    const drained = queue.drained();
    await Promise.resolve();
    pending.shift()!.fail(new Error('stopped with 500 event(s) not written'));
    await expect(flushed).rejects.toThrow(/not written/);
    await drained;
    expect(queue.full()).toBe(false);
  });
});

describe('health tracker', () => {
  it('counts events and errors over the last minute, and keeps the last error', () => {
    let now = 1_000_000;
    const health = createHealthTracker('asterisk', () => now);
    let changes = 0;
    health.onChange(() => changes++);
    health.connected();
    health.received(10);
    health.error('bad block');
    now += 30_000;
    health.received(5);
    expect(health.snapshot()).toEqual({
      source: 'asterisk',
      connected: true,
      lastEventAt: now,
      eventsPerMinute: 15,
      errorsPerMinute: 1,
      lastError: 'bad block',
      lastErrorAt: now - 30_000,
      updatedAt: now,
      connectedAt: now - 30_000,
      endedAt: null,
    });
    now += 31_000; // the first second's counts leave the window
    expect(health.snapshot()).toMatchObject({ eventsPerMinute: 5, errorsPerMinute: 0 });
    health.disconnected('the PBX closed the connection');
    expect(health.snapshot()).toMatchObject({ connected: false, lastError: 'the PBX closed the connection' });
    health.ended(); // a run that ends by itself says so: no silent-source alert for it
    expect(health.snapshot()).toMatchObject({ connected: false, endedAt: now });
    expect(changes).toBe(3); // connected, disconnected, ended: each written at once
  });
});
