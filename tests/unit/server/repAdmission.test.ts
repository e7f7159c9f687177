import { describe, expect, it } from 'vitest';
import { createRepAdmission, floorFullReason } from '../../../server/ingest/repAdmission';

describe('the reps-per-floor cap', () => {
  it('admits reps on the floor always, new ones while there is room, counting those admitted earlier in the batch', () => {
    const floor = new Set(['a', 'b']);
    const admission = createRepAdmission({ cap: 4, reps: () => floor });
    const admit = admission.batch();
    expect(['a', 'c', 'c', 'd', 'e', 'b', 'd', 'f'].map(admit)).toEqual([
      true,
      true,
      true,
      true,
      false,
      true,
      true,
      false,
    ]);
    // The next batch sees the floor the fold made of the last one.
    floor.add('c').add('d');
    const next = admission.batch();
    expect(['e', 'a', 'd'].map(next)).toEqual([false, true, true]);
    expect(floorFullReason(4, 'e')).toBe('rep: floor full (4 reps): e');
  });

  it('reads the floor size once per batch, not once per event', () => {
    let reads = 0;
    const floor = {
      has: () => false,
      get size() {
        reads++;
        return 0;
      },
    };
    const admission = createRepAdmission({ cap: 10_000, reps: () => floor });
    const admit = admission.batch();
    for (let i = 0; i < 5000; i++) admit(`r${i}`);
    expect(reads).toBe(1);
  });
});
