import { describe, expect, it } from 'vitest';
import { computed, effectScope, ref } from 'vue';
import { useFilteredFloor } from '../../../client/composables/useFilteredFloor';
import { useFloorStore } from '../../../client/stores/floor';
import { makeDelta, makeRep, makeSnapshot } from '../support/floorData';
import { freshPinia } from '../support/mountApp';

describe('useFilteredFloor()', () => {
  it('follows the live floor without a filter: a rep arriving by delta shows in what is built on it', () => {
    freshPinia();
    const live = useFloorStore();
    const a = makeRep({ id: 'r1', name: 'Ann', team: 't1' });
    live.applySnapshot(makeSnapshot([a]));
    const scope = effectScope();
    const names = scope.run(() => {
      const page = useFilteredFloor(ref<string | null>(null));
      // What a page does: a computed over the reps (the console's table, the wallboard's groups).
      return computed(() => [...page.reps.value.values()].map((rep) => rep.name).sort());
    })!;
    expect(names.value).toEqual(['Ann']);

    // The store mutates its Map in place and announces it with triggerRef: the page must follow.
    const b = makeRep({ id: 'r2', name: 'Bo', team: 't1' });
    live.applyDelta(makeDelta(11, [b], [a, b]));
    expect(names.value).toEqual(['Ann', 'Bo']);
    scope.stop();
  });
});
