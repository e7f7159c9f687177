import { describe, expect, it } from 'vitest';
import { createEgressStats } from '../../../server/realtime/egressStats';

describe('createEgressStats()', () => {
  it('keeps p50/p99/max per feed kind, and starts over on reset', () => {
    const stats = createEgressStats();
    for (let i = 1; i <= 100; i++) stats.record('rep', i);
    stats.record('floor', 20_000);
    stats.record('floor', -3); // a producer clock ahead of Redis: counted as 0
    const report = stats.report();
    expect(report.rep).toEqual({ count: 100, p50: 50.5, p99: 99.5, max: 100 });
    expect(report.floor).toMatchObject({ count: 2, max: 20_000, p99: 20_000 });
    expect(report.team.count).toBe(0);
    stats.reset();
    expect(stats.report().rep.count).toBe(0);
  });
});
