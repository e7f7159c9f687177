import { monitorEventLoopDelay } from 'node:perf_hooks';

/** Process figures for /healthz and the benchmark: memory and event-loop delay since the last read. */
export interface ProcessMetrics {
  rssBytes: number;
  heapUsedBytes: number;
  /** Event-loop delay over the window since the previous read (ms). */
  eventLoopDelayP99Ms: number;
  eventLoopDelayMaxMs: number;
}

export function createProcessMetrics(): { read(): ProcessMetrics; stop(): void } {
  const RESOLUTION_MS = 10;
  const histogram = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
  histogram.enable();
  return {
    read() {
      const memory = process.memoryUsage();
      const metrics = {
        rssBytes: memory.rss,
        heapUsedBytes: memory.heapUsed,
        // Each sample is the sampling timer's whole interval: the delay is what exceeds it.
        eventLoopDelayP99Ms: histogram.count > 0 ? Math.max(0, histogram.percentile(99) / 1e6 - RESOLUTION_MS) : 0,
        eventLoopDelayMaxMs: histogram.count > 0 ? Math.max(0, histogram.max / 1e6 - RESOLUTION_MS) : 0,
      };
      histogram.reset();
      return metrics;
    },
    stop: () => histogram.disable(),
  };
}
