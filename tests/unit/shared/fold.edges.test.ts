import { describe, expect, it } from 'vitest';
import { createEventBuilder } from '../../support/builders';
import { foldEach, repOf } from './foldSupport';

const NOON = Date.UTC(2026, 10, 23, 12);

describe('foldCallEvent() edge cases', () => {
  it('keeps a logged-out rep offline when a late hangup of an earlier call arrives', () => {
    const b = createEventBuilder({ start: NOON });
    const events = [b.login('rep-1'), b.dial('rep-1', 'c1'), b.logout('rep-1'), b.hangup('rep-1', 'c1')];
    const rep = repOf(foldEach(events), 'rep-1');
    expect(rep.status).toBe('offline');
    expect(rep.dials).toBe(1);
  });

  it('does not move a rep dialing another call into wrap-up on a stray hangup', () => {
    const b = createEventBuilder({ start: NOON });
    const events = [b.login('rep-1'), b.dial('rep-1', 'c1'), b.dial('rep-1', 'c2'), b.hangup('rep-1', 'c1')];
    const rep = repOf(foldEach(events), 'rep-1');
    expect(rep.status).toBe('dialing');
    expect(rep.currentCall).toBe('c2');
  });

  it('starts the time in status of a rep still logged in at local midnight', () => {
    const b = createEventBuilder({ start: Date.UTC(2026, 10, 23, 17) });
    const midnight = Date.UTC(2026, 10, 24);
    const events = [b.login('rep-1'), b.login('rep-2', { at: midnight + 60_000 })];
    const rep = repOf(foldEach(events), 'rep-1');
    expect(rep.statusSince).toBe(midnight);
    expect(rep.statusMs.available).toBe(0);
  });
});
