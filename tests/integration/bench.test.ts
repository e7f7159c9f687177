import { describe, expect, it } from 'vitest';
import { QUICK } from '../bench/options';
import { runBench } from '../bench/run';

/** Proves `npm run bench` works end to end; the figures themselves belong to BENCHMARKS.md, not here. */
describe('npm run bench (a few seconds)', () => {
  it('runs the real server, generator and subscribers, reports every role and loses nothing', async () => {
    const result = await runBench({
      ...QUICK,
      reps: 60,
      teams: 4,
      rate: 100,
      duration: 3,
      warmup: 1,
      wallboards: 2,
      consoles: 4,
      repPages: 20,
      ceilings: false,
      storm: true,
    });
    expect(result.roles.map((r) => r.role).sort()).toEqual(['console', 'rep', 'wallboard']);
    for (const role of result.roles) {
      expect(role.connected).toBe(role.clients);
      expect(role.delay.count).toBeGreaterThan(0);
      expect(role.lost.checkedRows).toBeGreaterThan(0);
      expect(role.lost.mismatchedRows).toBe(0);
    }
    expect(result.generator.written).toBeGreaterThan(100);
    expect(result.server.caughtUp).toBe(true);
    // Every socket dropped at once came back with a fresh snapshot (the loss check above runs after it).
    expect(result.storm).toMatchObject({ sockets: 26, resnapped: 26 });
  }, 120_000);
});
