import type { AlertMonitor } from './alerts/alertMonitor';
import type { DayBook } from './days/dayBook';
import type { Gateway } from './realtime/gateway';
import type { Job } from './schedule';

/** Everything the server does on a timer, with its period and the reason for it: the one table. */
export function floorJobs(deps: {
  checkHealth: () => Promise<void>;
  gateway: Pick<Gateway, 'publishRanks' | 'dropSlowConsumers'>;
  alerts: Pick<AlertMonitor, 'tick'>;
  dayBook: Pick<DayBook, 'saveToday' | 'trim'>;
  checkpoints: { save(): Promise<void> };
  roster: { refresh(): Promise<void> };
  /** Chat apps (issue #17): absent in setups without them. */
  chat?: { tick(): Promise<void>; summaries(): Promise<void> };
}): Job[] {
  const { gateway, dayBook } = deps;
  return [
    {
      name: 'health',
      everyMs: 1000,
      why: 'screens say Stale within a second of ingestion stopping, and hear a heartbeat every 10 s',
      run: deps.checkHealth,
    },
    {
      name: 'alerts',
      everyMs: 1000,
      why: 'some alerts are raised by time alone (a pause past its allowance): the reps due by time are looked at',
      run: deps.alerts.tick,
    },
    {
      name: 'ranks',
      everyMs: 2000,
      why: 'ranks move with nearly every dial on a big floor: a rep page hears its rank every 2 s at most',
      run: gateway.publishRanks,
    },
    {
      name: 'slow consumers',
      everyMs: 2000,
      why: "a client that stops reading must not hold the server's memory: 4 MB unsent and it goes",
      run: () => void gateway.dropSlowConsumers(4 * 1024 * 1024),
    },
    {
      name: 'day totals',
      everyMs: 30_000,
      why: 'week and month boards and month-to-date targets read saved day totals',
      run: dayBook.saveToday,
    },
    {
      name: 'checkpoint',
      everyMs: 60_000,
      why: 'a restart folds only what came after the last checkpoint',
      run: deps.checkpoints.save,
    },
    {
      name: 'roster',
      everyMs: 60_000,
      why: 'the "not logged in at shift start" alert follows rep accounts added or removed',
      run: deps.roster.refresh,
    },
    {
      name: 'retention',
      everyMs: 3600_000,
      why: 'the stream keeps only the configured days',
      run: dayBook.trim,
    },
    ...(deps.chat
      ? [
          {
            name: 'chat apps',
            everyMs: 1000,
            why: 'raised alerts reach the chat apps within seconds; retries come due by their back-off',
            run: deps.chat.tick,
          },
          {
            name: 'chat summaries',
            everyMs: 30_000,
            why: "each chat target's end-of-shift summary goes out within a minute of its time",
            run: deps.chat.summaries,
          },
        ]
      : []),
  ];
}
