import type { LayoutSize } from '../../server/dev/simulator/dimensions';

/**
 * Campaigns, lists, caller IDs and customers on the bench's call events: a large floor's
 * cardinality (issue #15), below the fold's caps (200 campaigns, 2,000 lists, 5,000 caller IDs).
 */
export const BENCH_DIMENSIONS: LayoutSize = { campaigns: 20, lists: 200, callerIds: 500, customersPerList: 50_000 };

/** What `npm run bench` can be told, and its two presets (kept apart from run.ts: the report imports them). */
export interface BenchOptions {
  reps: number;
  teams: number;
  /** Events per second written to the stream. */
  rate: number;
  /** Measured seconds (after the warm-up). */
  duration: number;
  warmup: number;
  wallboards: number;
  consoles: number;
  repPages: number;
  /** Subscriber processes. */
  clientProcs: number;
  /** Generator tick (ms): one pipelined batch of XADDs each. */
  tickMs: number;
  seed: number;
  /** Measure the machine's ceilings (redis-benchmark, bare fan-out) first. */
  ceilings: boolean;
  /** After the measured window: drop every socket at once and time the fresh snapshots. */
  storm: boolean;
  fanoutClients: number;
  /** Run the bare pipeline (bare.ts) after ours, at the same load with the same subscribers. */
  bare: boolean;
  /** Server processes reading the same stream; subscribers are split over them. */
  instances: number;
  /** Call events carry campaign, list, source, caller ID, customer and contact (BENCH_DIMENSIONS). */
  dimensions: boolean;
  /** Run twice, with and without dimensions, and print what the dimensions cost. */
  compareDimensions: boolean;
  log: (line: string) => void;
}

export const DEFAULTS: Omit<BenchOptions, 'log'> = {
  ...{ reps: 5000, teams: 50, rate: 2000, duration: 30, warmup: 5 },
  ...{ wallboards: 50, consoles: 100, repPages: 5000, clientProcs: 2, tickMs: 5, seed: 42 },
  ...{ ceilings: true, fanoutClients: 500, storm: false, bare: true, instances: 1 },
  ...{ dimensions: true, compareDimensions: false },
};

export const QUICK: Partial<BenchOptions> = {
  ...{ reps: 200, teams: 10, rate: 200, duration: 5, warmup: 1 },
  ...{ wallboards: 5, consoles: 10, repPages: 200, fanoutClients: 100 },
};

/** What the call events carry: the cost of the dimensions is the difference between the two. */
export function dimensionsLine(o: Pick<BenchOptions, 'dimensions'>): string {
  const d = BENCH_DIMENSIONS;
  return o.dimensions === false
    ? 'call events: without campaign, list, caller ID or customer (--no-dimensions)'
    : `call events: with campaign, list, source, caller ID, customer, contact (${d.campaigns} campaigns, ${d.lists} lists, ${d.callerIds} caller IDs, ${d.customersPerList.toLocaleString('en-US')} customers a list)`;
}
