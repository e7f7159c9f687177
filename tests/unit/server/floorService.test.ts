import { describe, expect, it } from 'vitest';
import { summarize } from '../../../shared/domain/floorView';
import type { CallEvent } from '../../../shared/events/callEvent';
import { createFloorService } from '../../../server/floor/floorService';
import { applyBatch } from '../../support/applyBatch';
import { createEventBuilder, foldRules } from '../../support/builders';
import { seeded } from '../../integration/support/floorScript';

const TARGETS = { dials: 100, effectiveCalls: 20, talkMinutes: 120, leads: 5, deals: 2, revenue: 1500.5 };

describe('createFloorService()', () => {
  it('keeps floor and team totals incrementally equal to totals summed afresh, through team moves and a new day', () => {
    const random = seeded(3);
    const b = createEventBuilder({ start: Date.UTC(2026, 10, 23, 9) });
    const floor = createFloorService({ targetsFor: () => TARGETS, today: '2026-11-23' });
    const teams = ['team-a', 'team-b', 'team-c'];
    let batch: CallEvent[] = [];
    for (let i = 0; i < 3000; i++) {
      const rep = `rep-${Math.floor(random() * 12)}`;
      const call = `${rep}-c${Math.floor(random() * 40)}`;
      const roll = random();
      if (roll < 0.05) batch.push(b.login(rep, { team: teams[Math.floor(random() * 3)]! }));
      else if (roll < 0.4) batch.push(b.dial(rep, call));
      else if (roll < 0.55) batch.push(b.answer(rep, call));
      else if (roll < 0.75) batch.push(b.hangup(rep, call));
      else if (roll < 0.85) batch.push(b.outcome(rep, call, 'sale', { amount: Math.round(random() * 99_999) / 100 }));
      else if (roll < 0.95) batch.push(b.pause(rep, 'break'));
      else batch.push(b.logout(rep));
      if (i === 2000) b.advance(24 * 3600_000); // the next batches fall on a new day
      if (random() < 0.2) {
        applyBatch(floor, batch, foldRules('UTC'));
        batch = [];
        const fresh = summarize(floor.view().reps);
        const kept = floor.summary();
        expect(kept.totals).toEqual(fresh.totals);
        expect(kept.teams).toEqual(fresh.teams);
        for (const team of fresh.teams)
          expect(floor.summary({ kind: 'team', team: team.id }).totals).toEqual(team.totals);
      }
    }
    expect(floor.state().day).toBe('2026-11-24');
  });

  it('hands out copies: a summary read before a batch does not change with it', () => {
    const b = createEventBuilder({ start: Date.UTC(2026, 10, 23, 9) });
    const floor = createFloorService({ targetsFor: () => TARGETS, today: '2026-11-23' });
    const login = b.login('rep-1', { team: 'team-a' });
    applyBatch(floor, [login], foldRules('UTC'));
    const before = floor.summary();
    const dial = b.dial('rep-1', 'c1');
    applyBatch(floor, [dial], foldRules('UTC'));
    expect(before.totals.dials).toBe(0);
    expect(floor.summary().totals.dials).toBe(1);
  });
});
