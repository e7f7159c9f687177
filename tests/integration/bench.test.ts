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
    // The wire figures: the server's own egress per feed kind, bytes per changed rep, the bare pipeline.
    const egress = result.wire.egress[0]!.report;
    for (const kind of ['floor', 'team', 'rep'] as const) expect(egress[kind].count).toBeGreaterThan(0);
    for (const role of result.wire.roles) {
      expect(role.bytesPerChangedRep).toBeGreaterThan(0);
      // What each role's frames are made of: deltas among them, and the parts add up to the whole.
      expect(
        role.framesPerSecByEvent.map(([event]) => event),
        role.role,
      ).toContain('floor:delta');
      const parts = role.framesPerSecByEvent.reduce((sum, [, n]) => sum + n, 0);
      expect(parts, role.role).toBeCloseTo(role.framesPerSecPerClient, 6);
    }
    // The bare pipeline measured every role: frames reached each, with a delay figure. Its p99 may be
    // 0 ms at this load (delivered within the millisecond the entry was stamped), as in one CI run.
    for (const role of result.wire.bare?.roles ?? []) {
      expect(role.framesPerSecPerClient, role.role).toBeGreaterThan(0);
      expect(role.p99, role.role).toBeGreaterThanOrEqual(0);
    }
    expect(result.wire.bare?.roles.map((r) => r.role).sort()).toEqual(['console', 'rep', 'wallboard']);
    expect(result.wire.ratios?.cpu).toBeGreaterThan(0);
    // The bare pipeline weathered the same storm, the baseline for ours.
    expect(result.wire.bare?.storm).toMatchObject({ sockets: 26, resnapped: 26 });
    expect(result.wire.bare?.storm?.eventLoopP99MaxMs).toBeGreaterThanOrEqual(0);
    expect(result.wire.bare?.eventLoopP99MaxMs).toBeGreaterThanOrEqual(0);
    expect(result.wire.ratios?.storm).toBeGreaterThan(0);
  }, 180_000);

  it('splits the subscribers over two instances reading the same stream, and loses nothing', async () => {
    const result = await runBench({
      ...{ reps: 40, teams: 4, rate: 80, duration: 2, warmup: 1, wallboards: 2, consoles: 4, repPages: 10 },
      ...{ ceilings: false, bare: false, instances: 2 },
    });
    expect(result.wire.instances.map((i) => i.name)).toEqual(['server-1', 'server-2']);
    for (const i of result.wire.instances) expect(i.rssMaxBytes).toBeGreaterThan(0);
    for (const role of result.roles) {
      expect(role.connected).toBe(role.clients);
      expect(role.lost.mismatchedRows).toBe(0);
    }
    expect(result.server.caughtUp).toBe(true);
  }, 180_000);
});
