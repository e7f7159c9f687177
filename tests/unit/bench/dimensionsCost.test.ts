import { describe, expect, it } from 'vitest';
import { BENCH_DIMENSIONS, DEFAULTS, dimensionsLine } from '../../bench/options';
import { formatDimensionsCost } from '../../bench/dimensionsCost';
import type { BenchResult } from '../../bench/report';
import { parseArgs } from '../../bench/run';

/** The figures formatDimensionsCost reads; the rest of a bench result does not matter to it. */
function result(figures: {
  cpu: number;
  rssMb: number;
  heapMb: number;
  redisMb: number;
  rate?: number;
  dimensions: boolean;
}) {
  const mb = 2 ** 20;
  return {
    options: { ...DEFAULTS, rate: figures.rate ?? 2000, dimensions: figures.dimensions },
    server: {
      cpuAvgPct: figures.cpu,
      rssMaxBytes: figures.rssMb * mb,
      heapMaxBytes: figures.heapMb * mb,
      eventLoopP99MaxMs: 12,
      ingestionLagP99Ms: 4,
    },
    redis: { usedMemoryBytes: figures.redisMb * mb, cpuAvgPct: 10 },
  } as unknown as BenchResult;
}

describe('bench dimensions', () => {
  it('sends dimensions by default at a large floor’s cardinality', () => {
    expect(DEFAULTS.dimensions).toBe(true);
    expect(BENCH_DIMENSIONS).toMatchObject({ campaigns: 20, lists: 200, callerIds: 500 });
  });

  it('parses --no-dimensions and --dimensions-cost, and still refuses an unknown flag', () => {
    expect(parseArgs(['--no-dimensions']).options.dimensions).toBe(false);
    expect(parseArgs(['--quick', '--dimensions-cost']).options).toMatchObject({ compareDimensions: true, reps: 200 });
    expect(parseArgs([]).options.dimensions).toBeUndefined(); // the default: with dimensions
    expect(() => parseArgs(['--no-dimension'])).toThrow(/unknown or invalid option --no-dimension/);
  });

  it('says in the report what the call events carried', () => {
    expect(dimensionsLine({ dimensions: true })).toBe(
      'call events: with campaign, list, source, caller ID, customer, contact (20 campaigns, 200 lists, 500 caller IDs, 50,000 customers a list)',
    );
    expect(dimensionsLine({ dimensions: false })).toMatch(/without .*--no-dimensions/);
  });

  it('prints the cost of the dimensions: both runs and the difference in CPU, RSS and memory', () => {
    const text = formatDimensionsCost(
      result({ cpu: 33, rssMb: 180, heapMb: 90, redisMb: 64, dimensions: true }),
      result({ cpu: 30, rssMb: 150, heapMb: 70, redisMb: 40, dimensions: false }),
    );
    const line = (name: string) =>
      text
        .split('\n')
        .find((l) => l.trimStart().startsWith(name))
        ?.trim()
        .split(/\s{2,}/);
    expect(line('server CPU')).toEqual(['server CPU (% core)', '33', '30', '+3', '+10 %']);
    expect(line('server RSS')).toEqual(['server RSS', '180.0 MB', '150.0 MB', '+30.0 MB', '+20 %']);
    expect(line('redis used_memory')).toEqual(['redis used_memory', '64.0 MB', '40.0 MB', '+24.0 MB', '+60 %']);
    expect(text).not.toMatch(/WARNING/);
  });

  it('warns when the two runs were not at the same load', () => {
    const text = formatDimensionsCost(
      result({ cpu: 30, rssMb: 150, heapMb: 70, redisMb: 40, dimensions: true }),
      result({ cpu: 33, rssMb: 140, heapMb: 70, redisMb: 40, rate: 1000, dimensions: false }),
    );
    expect(text).toMatch(/WARNING: the two runs differ in load/);
    expect(text).toMatch(/server CPU \(% core\)\s+30\s+33\s+−3\s+-9 %/);
  });
});
