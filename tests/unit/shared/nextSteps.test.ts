import { describe, expect, it } from 'vitest';
import { nextSteps, type NextStepsInput } from '../../../shared/domain/nextSteps';

const NOW = 1_800_000_000_000;
const MIN = 60_000;
const TARGETS = { dials: 180, effectiveCalls: 40, talkMinutes: 150, leads: 6, deals: 2, revenue: 5000 };

function rep(over: Partial<NextStepsInput> = {}): NextStepsInput {
  return {
    dials: 0,
    effectiveCalls: 0,
    talkSeconds: 0,
    leads: 0,
    deals: 0,
    revenue: 0,
    targets: TARGETS,
    callbacks: [],
    ...over,
  };
}

describe('nextSteps()', () => {
  it('counts the dials and effective calls that get the rep back on pace (target x shift elapsed - actual)', () => {
    // A third into the shift: 60 dials and 13.3 effective calls expected by now.
    const steps = nextSteps(rep({ dials: 48, effectiveCalls: 10 }), 1 / 3, NOW);
    expect(steps.catchUp).toEqual([
      { metric: 'dials', count: 12 },
      { metric: 'effectiveCalls', count: 4 }, // 3.3 short rounds up: 3 would still be behind
    ]);
  });

  it('leaves out metrics on or ahead of pace, and has no catch-up before the shift or without a shift', () => {
    expect(nextSteps(rep({ dials: 60, effectiveCalls: 20 }), 1 / 3, NOW).catchUp).toEqual([]);
    expect(nextSteps(rep(), 0, NOW).catchUp).toEqual([]);
    expect(nextSteps(rep(), null, NOW).catchUp).toEqual([]);
  });

  it('says what is left to each target, rounded up to whole units, and which are reached', () => {
    const steps = nextSteps(
      rep({ dials: 200, effectiveCalls: 39, talkSeconds: 149.5 * 60, leads: 6, deals: 1, revenue: 4999.99 }),
      1,
      NOW,
    );
    expect(steps.targets).toEqual([
      { metric: 'dials', left: 0, reached: true },
      { metric: 'effectiveCalls', left: 1, reached: false },
      { metric: 'talkMinutes', left: 1, reached: false },
      { metric: 'leads', left: 0, reached: true },
      { metric: 'deals', left: 1, reached: false },
      { metric: 'revenue', left: 1, reached: false },
    ]);
  });

  it('skips metrics without a target and does not invent a unit from float noise', () => {
    const targets = { ...TARGETS, leads: 0, revenue: 0.3 };
    const steps = nextSteps(rep({ targets, revenue: 0.1 + 0.2 }), 1, NOW);
    expect(steps.targets.map((t) => t.metric)).toEqual(['dials', 'effectiveCalls', 'talkMinutes', 'deals', 'revenue']);
    expect(steps.targets.at(-1)).toEqual({ metric: 'revenue', left: 0, reached: true });
  });

  it('picks the soonest call-back (an overdue one first), unknown times last, and none when there are none', () => {
    const callbacks = [
      { call: 'c-unknown', followUpAt: null, contact: 'Liu' },
      { call: 'c-later', followUpAt: NOW + 90 * MIN },
      { call: 'c-missed', followUpAt: NOW - 5 * MIN, contact: 'Wang Fang' },
    ];
    expect(nextSteps(rep({ callbacks }), 0.5, NOW).nextCallback).toEqual({
      call: 'c-missed',
      followUpAt: NOW - 5 * MIN,
      contact: 'Wang Fang',
      overdue: true,
    });
    expect(nextSteps(rep({ callbacks: callbacks.slice(0, 2) }), 0.5, NOW).nextCallback).toMatchObject({
      call: 'c-later',
      overdue: false,
    });
    expect(nextSteps(rep({ callbacks: callbacks.slice(0, 1) }), 0.5, NOW).nextCallback).toMatchObject({
      call: 'c-unknown',
      overdue: false,
    });
    expect(nextSteps(rep(), 0.5, NOW).nextCallback).toBeNull();
  });
});
