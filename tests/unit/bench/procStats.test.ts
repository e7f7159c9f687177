import { afterEach, describe, expect, it, vi } from 'vitest';
import { createProcSampler, type ProcSample } from '../../../tests/bench/procStats';

afterEach(() => vi.useRealTimers());

describe('the benchmark’s process sampler', () => {
  it('never reads one 10 ms jiffy in a few-millisecond step as a core’s worth of CPU', () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'performance'] });
    // A process that uses half a core, counted as /proc counts it: whole 10 ms jiffies, the next
    // one due 1 ms after each interval's tick.
    const read = (): ProcSample => ({ cpuSeconds: Math.floor((performance.now() + 19) / 20) / 100, rssBytes: 1 });
    const sampler = createProcSampler(() => [{ name: 'server', pid: 1 }], 1000, read);
    vi.advanceTimersByTime(1000);
    vi.advanceTimersByTime(5); // mark() ticks 5 ms after the interval's tick
    sampler.mark();
    vi.advanceTimersByTime(3000);
    vi.advanceTimersByTime(2); // finish() 2 ms after the last tick: one jiffy in 2 ms read 500 %
    const [server] = sampler.finish();
    expect(server!.cpuAvg).toBeGreaterThan(45);
    expect(server!.cpuAvg).toBeLessThan(55);
    expect(server!.cpuMax).toBeGreaterThan(45);
    expect(server!.cpuMax).toBeLessThan(60);
  });
});
