import { mount } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ref } from 'vue';
import RepTile from '../../../client/components/RepTile.vue';
import { replayMomentKey, type ReplayMoment } from '../../../client/components/replay/replayMoment';
import { createAppI18n } from '../../../client/i18n';
import { useFloorStore } from '../../../client/stores/floor';
import { T0, makeRep, makeSnapshot } from '../support/floorData';
import { freshPinia } from '../support/mountApp';

describe('a tile on a replayed wall', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(T0);
  });
  afterEach(() => vi.useRealTimers());

  it('shows the time in status as of the replayed moment, standing still, and follows the moment', async () => {
    const pinia = freshPinia();
    const rep = makeRep({ id: 'ann', name: 'Ann', status: 'available', statusSince: T0 - 3_600_000 });
    useFloorStore().applySnapshot(makeSnapshot([rep]));
    const moment = ref<ReplayMoment | null>({ at: T0 - 3_600_000 + 75_000, shiftElapsed: 0.5 });
    const tile = mount(RepTile, {
      props: { rep },
      global: { plugins: [pinia, createAppI18n('en')], provide: { [replayMomentKey as symbol]: moment } },
    });
    expect(tile.find('.rep-tile__in-status').text()).toBe('1:15');
    await vi.advanceTimersByTimeAsync(5_000);
    expect(tile.find('.rep-tile__in-status').text()).toBe('1:15');
    moment.value = { at: T0 - 3_600_000 + 135_000, shiftElapsed: 0.5 };
    await tile.vm.$nextTick();
    expect(tile.find('.rep-tile__in-status').text()).toBe('2:15');
    // Without a moment the tile is live again: the shared clock's time.
    moment.value = null;
    await tile.vm.$nextTick();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(tile.find('.rep-tile__in-status').text()).toBe('1:00:06');
  });
});
