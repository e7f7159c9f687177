import type { SourceEvent } from '../../shared/events/callEvent';

/**
 * What every adapter (Asterisk AMI, FreeSWITCH ESL, CSV import) is given by the adapter runner
 * (`npm run adapter -- <source> ...`). An adapter only turns its source's own events into contract
 * events; writing them (to the stream, or as JSON lines with --dry-run) and reporting health are the
 * runner's job, so every adapter behaves the same on restart, replay and failure.
 */
export interface EventSink {
  /** Writes events in order; resolves once they are stored (or printed). Rejects only on a lost store. */
  write(events: readonly SourceEvent[]): Promise<void>;
}

/** An adapter's view of its own health; the runner stores it in Redis for the admin screen. */
export interface SourceHealth {
  connected(): void;
  disconnected(reason: string): void;
  /** `n` source events were read (whether or not they mapped to contract events). */
  received(n: number): void;
  /** A source event could not be mapped or parsed; the adapter goes on. */
  error(reason: string): void;
}

export interface AdapterLog {
  info(message: string): void;
  warn(message: string): void;
}

export interface AdapterContext {
  sink: EventSink;
  health: SourceHealth;
  log: AdapterLog;
  /** Aborted on SIGINT/SIGTERM: the adapter closes its connection and resolves. */
  signal: AbortSignal;
  /** The process's environment (secrets such as FLOORBOARD_ESL_PASSWORD); process.env when absent. */
  env?: Record<string, string | undefined>;
}

/** One source: parses its own flags (after the source name) and runs until done (file) or aborted (live). */
export interface Adapter {
  name: string;
  /** One line per flag, for `npm run adapter -- --help`. */
  usage: string;
  run(argv: readonly string[], context: AdapterContext): Promise<void>;
}
