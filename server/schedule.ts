import type { Log } from './log';

/** A periodic job: what it does, how often, and why that often. */
export interface Job {
  name: string;
  everyMs: number;
  why: string;
  run: () => void | Promise<void>;
}

/** Runs every job on its period until stop(); a failing run is logged and the next one still comes. */
export function startSchedule(jobs: readonly Job[], log: Log): { stop(): void } {
  const timers = jobs.map((job) =>
    setInterval(() => {
      try {
        void Promise.resolve(job.run()).catch((error: unknown) =>
          log.warn('scheduled job failed', { job: job.name, error: String(error) }),
        );
      } catch (error) {
        log.warn('scheduled job failed', { job: job.name, error: String(error) });
      }
    }, job.everyMs),
  );
  return {
    stop: () => {
      for (const timer of timers) clearInterval(timer);
    },
  };
}
