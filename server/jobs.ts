import type { Job } from './schedule';

/** Everything the server does on a timer, with its period and the reason for it: the one table. */
export function floorJobs(run: {
  checkHealth: () => Promise<void>;
  publishRanks: () => Promise<void>;
  evaluateAlerts: () => Promise<void>;
  dropSlowConsumers: () => void;
  saveToday: () => Promise<void>;
  saveCheckpoint: () => Promise<void>;
  refreshRoster: () => Promise<void>;
  trimStream: () => Promise<void>;
}): Job[] {
  return [
    {
      name: 'health',
      everyMs: 1000,
      why: 'screens say Stale within a second of ingestion stopping, and hear a heartbeat every 10 s',
      run: run.checkHealth,
    },
    {
      name: 'alerts',
      everyMs: 1000,
      why: 'some alerts are raised by time alone (a pause past its allowance), with no event to trigger them',
      run: run.evaluateAlerts,
    },
    {
      name: 'ranks',
      everyMs: 2000,
      why: 'ranks move with nearly every dial on a big floor: a rep page hears its rank every 2 s at most',
      run: run.publishRanks,
    },
    {
      name: 'slow consumers',
      everyMs: 2000,
      why: "a client that stops reading must not hold the server's memory: 4 MB unsent and it goes",
      run: run.dropSlowConsumers,
    },
    {
      name: 'day totals',
      everyMs: 30_000,
      why: 'week and month boards and month-to-date targets read saved day totals',
      run: run.saveToday,
    },
    {
      name: 'checkpoint',
      everyMs: 60_000,
      why: 'a restart folds only what came after the last checkpoint',
      run: run.saveCheckpoint,
    },
    {
      name: 'roster',
      everyMs: 60_000,
      why: 'the "not logged in at shift start" alert follows rep accounts added or removed',
      run: run.refreshRoster,
    },
    {
      name: 'retention',
      everyMs: 3600_000,
      why: 'the stream keeps only the configured days',
      run: run.trimStream,
    },
  ];
}
