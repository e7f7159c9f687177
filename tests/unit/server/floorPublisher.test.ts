import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createFloorPublisher } from '../../../server/realtime/floorPublisher';
import { floorDeltaInterval } from '../../../server/realtime/scopeFeeds';

describe('floorDeltaInterval()', () => {
  it('keeps 10 a second for wallboards and slows down for thousands of kiosks', () => {
    expect([1, 50, 500, 1000, 5000].map((sockets) => floorDeltaInterval(sockets, 100))).toEqual([
      100, 100, 100, 200, 1000,
    ]);
  });
});

describe('createFloorPublisher()', () => {
  beforeEach(() => vi.useFakeTimers({ now: 1_000_000 }));
  afterEach(() => vi.useRealTimers());

  function setup(interval: number | (() => number) = 100) {
    const intervalMs = typeof interval === 'number' ? () => interval : interval;
    const sent: { seq: number; reps: string[]; removed: string[] }[] = [];
    const sentAt: number[] = [];
    const publisher = createFloorPublisher({
      intervalMs,
      now: () => Date.now(),
      send: (seq, reps, removed) => {
        sent.push({ seq, reps: [...reps].sort(), removed });
        sentAt.push(Date.now());
      },
    });
    return { publisher, sent, sentAt };
  }

  it('sends the first change after a quiet spell at once', () => {
    const { publisher, sent } = setup();
    publisher.changed(['rep-1'], []);
    expect(sent).toEqual([{ seq: 1, reps: ['rep-1'], removed: [] }]);
    expect(publisher.seq()).toBe(1);
  });

  it('coalesces a burst into one delta per interval, each rep once', () => {
    const { publisher, sent } = setup();
    publisher.changed(['rep-1'], []);
    for (let i = 0; i < 50; i++) publisher.changed([`rep-${i % 5}`], []);
    expect(sent).toHaveLength(1);
    vi.advanceTimersByTime(99);
    expect(sent).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(sent).toEqual([
      { seq: 1, reps: ['rep-1'], removed: [] },
      { seq: 2, reps: ['rep-0', 'rep-1', 'rep-2', 'rep-3', 'rep-4'], removed: [] },
    ]);
  });

  it('never sends more than 10 deltas a second under a constant stream of changes', () => {
    const { publisher, sent, sentAt } = setup();
    for (let ms = 0; ms < 3000; ms++) {
      publisher.changed([`rep-${ms % 7}`], []);
      vi.advanceTimersByTime(1);
    }
    const busiestSecond = Math.max(...sentAt.map((t) => sentAt.filter((u) => u >= t && u < t + 1000).length));
    expect(busiestSecond).toBe(10);
    expect(sent.map((d) => d.seq)).toEqual(sent.map((_, i) => i + 1));
  });

  it('reports removed reps once and forgets a removal when the rep comes back', () => {
    const { publisher, sent } = setup();
    publisher.changed(['rep-1'], []);
    publisher.changed([], ['rep-2']);
    publisher.changed(['rep-2'], []);
    publisher.changed([], ['rep-3']);
    vi.advanceTimersByTime(100);
    expect(sent[1]).toEqual({ seq: 2, reps: ['rep-2'], removed: ['rep-3'] });
  });

  it('follows an interval that grows with the audience (thousands of kiosks: one a second)', () => {
    let interval = 100;
    const { publisher, sentAt } = setup(() => interval);
    publisher.changed(['rep-1'], []);
    publisher.changed(['rep-2'], []);
    vi.advanceTimersByTime(100);
    interval = 1000;
    publisher.changed(['rep-3'], []);
    vi.advanceTimersByTime(999);
    expect(sentAt.map((t) => t - 1_000_000)).toEqual([0, 100]);
    vi.advanceTimersByTime(1);
    expect(sentAt.map((t) => t - 1_000_000)).toEqual([0, 100, 1100]);
  });

  it('sends nothing when nothing changed', () => {
    const { publisher, sent } = setup();
    publisher.changed([], []);
    vi.advanceTimersByTime(1000);
    expect(sent).toEqual([]);
  });
});
