import { describe, expect, it } from 'vitest';
import { foldCallEvents } from '../../../shared/domain/fold';
import { emptyFloor } from '../../../shared/domain/repState';
import { foldByQuarterHour } from '../../../shared/domain/quarterHourRuns';
import { MIX_STATUSES } from '../../../shared/domain/trends';
import type { CallEvent } from '../../../shared/events/callEvent';
import { createLocalTime, HOUR_MS } from '../../../shared/time';
import { createTrendRecorder } from '../../../server/trends/trendRecorder';
import { isFault } from '../../../server/dev/simulator/events';
import { createFloorModel } from '../../../server/dev/simulator/model';

describe('trend buckets of a simulated day', () => {
  it('sum to the fold totals, whatever the batch sizes', () => {
    const localTime = createLocalTime('America/New_York');
    const rules = { effectiveCallMs: 60_000, dayOf: localTime.dayOf };
    const start = Date.UTC(2026, 2, 18, 13); // 09:00 in New York (EDT)
    const model = createFloorModel({ reps: 12, teams: 3, seed: 7, startAt: start });
    let seq = 0;
    const events = model
      .nextEvents(start + 11 * HOUR_MS)
      .filter((e) => !isFault(e))
      .map((e) => ({ ...e, id: `${e.at}-${seq++}` }) as CallEvent);
    const folded = foldCallEvents(emptyFloor(), events, rules);

    for (const size of [1, 37, 2000]) {
      const recorder = createTrendRecorder({ rules, localTime });
      let state = emptyFloor();
      for (let i = 0; i < events.length; i += size)
        state = foldByQuarterHour(state, events.slice(i, i + size), rules, recorder.record);
      expect(state.reps).toEqual(folded.reps);
      const trend = recorder.trend(null);
      const reps = [...folded.reps.values()];
      const sum = (values: number[]) => values.reduce((a, n) => a + n, 0);
      expect(sum(trend.dials)).toBe(sum(reps.map((r) => r.dials)));
      expect(sum(trend.connects)).toBe(sum(reps.map((r) => r.connects)));
      expect(sum(trend.revenue)).toBeCloseTo(sum(reps.map((r) => r.revenue)), 6);
      for (const status of MIX_STATUSES) {
        expect(sum(trend.statusMs[status])).toBeCloseTo(sum(reps.map((r) => r.statusMs[status])), 0);
      }
      // Nothing outside the shift (09:00 to about 18:10 local).
      expect(sum(trend.dials.slice(0, 36)) + sum(trend.dials.slice(74))).toBe(0);
    }
  });
});
