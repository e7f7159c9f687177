import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { defineComponent, h } from 'vue';
import TvRotator from '../../../client/components/tv/TvRotator.vue';
import { parseTvOptions } from '../../../client/composables/tvOptions';
import { freshPinia, mountWithApp } from '../support/mountApp';

const panels = [
  { id: 'floor', name: 'Floor' },
  { id: 'leaderboard', name: 'Leaderboard' },
  { id: 'trends', name: 'Trends' },
  { id: 'alerts', name: 'Alerts' },
];

/** The rotator with a recognisable body per panel. */
function mountRotator(props: Record<string, unknown> = {}) {
  const Host = defineComponent({
    setup: () => () =>
      h(
        TvRotator,
        { panels, ...props },
        Object.fromEntries(panels.map((p) => [p.id, () => h('p', { class: 'body' }, `${p.id} body`)])),
      ),
  });
  return mountWithApp(Host, { pinia: freshPinia(), props: {} });
}

const shown = (w: ReturnType<typeof mountRotator>) => w.find('.body').text();
const press = async (key: string) => {
  window.dispatchEvent(new KeyboardEvent('keydown', { key }));
  await Promise.resolve();
};

describe('TV rotation', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('moves to the next panel every N seconds and wraps around', async () => {
    const tv = mountRotator({ seconds: 20 });
    expect(shown(tv)).toBe('floor body');
    expect(tv.find('.tv-rotator__name').text()).toBe('Floor · 1 of 4');
    await vi.advanceTimersByTimeAsync(19_999);
    expect(shown(tv)).toBe('floor body');
    await vi.advanceTimersByTimeAsync(1);
    expect(shown(tv)).toBe('leaderboard body');
    await vi.advanceTimersByTimeAsync(60_000);
    expect(shown(tv)).toBe('floor body');
    expect(tv.find('.tv-rotator__fill').exists()).toBe(true);
    tv.unmount();
  });

  it('starts at the asked panel and honours a shorter interval', async () => {
    const tv = mountRotator({ seconds: 5, start: 'trends' });
    expect(shown(tv)).toBe('trends body');
    await vi.advanceTimersByTimeAsync(5000);
    expect(shown(tv)).toBe('alerts body');
    tv.unmount();
  });

  it('stays on a pinned panel (?pin=) with no progress bar', async () => {
    const tv = mountRotator({ pin: 'trends' });
    expect(shown(tv)).toBe('trends body');
    await vi.advanceTimersByTimeAsync(120_000);
    expect(shown(tv)).toBe('trends body');
    expect(tv.find('.tv-rotator__fill').exists()).toBe(false);
    expect(tv.find('.tv-rotator__hint').text()).toContain('Pinned: Trends');
    tv.unmount();
  });

  it('pins and resumes with P, and jumps (pinned) with the number keys', async () => {
    const tv = mountRotator({ seconds: 20 });
    await press('p');
    await vi.advanceTimersByTimeAsync(60_000);
    expect(shown(tv)).toBe('floor body');

    await press('P');
    await vi.advanceTimersByTimeAsync(20_000);
    expect(shown(tv)).toBe('leaderboard body');

    await press('4');
    expect(shown(tv)).toBe('alerts body');
    await vi.advanceTimersByTimeAsync(60_000);
    expect(shown(tv)).toBe('alerts body');
    tv.unmount();
  });
});

describe('parseTvOptions()', () => {
  it('reads panel, seconds and pin, and falls back on anything odd', () => {
    expect(parseTvOptions({ panel: 'leaderboard', seconds: '30', pin: 'trends' })).toEqual({
      seconds: 30,
      start: 'leaderboard',
      pin: 'trends',
    });
    expect(parseTvOptions({})).toEqual({ seconds: 20, start: null, pin: null });
    expect(parseTvOptions({ seconds: 'x', panel: 'nope' })).toEqual({ seconds: 20, start: null, pin: null });
    expect(parseTvOptions({ seconds: '1' }).seconds).toBe(5);
  });
});
