import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CHROME_IDLE_MS } from '../../../client/components/tv/useIdleChrome';
import { useConnectionStore } from '../../../client/stores/connection';
import { useFloorStore } from '../../../client/stores/floor';
import TvView from '../../../client/views/TvView.vue';
import { stubFetch } from '../support/fakeFetch';
import { T0, makeRep, makeSnapshot } from '../support/floorData';
import { freshPinia, mountWithApp } from '../support/mountApp';

const health = { redis: 'up' as const, lagMs: 0, lastReadAt: T0, stale: false, deadLetters: 0 };

function mountTv() {
  const pinia = freshPinia();
  const connection = useConnectionStore();
  connection.markConnected();
  connection.applyHealth(health);
  connection.observeServerNow(T0, T0);
  useFloorStore().applySnapshot(
    makeSnapshot([makeRep({ id: 'ann', name: 'Ann Lee', team: 'north', status: 'available', statusSince: T0 })]),
  );
  const tv = mountWithApp(TvView, { pinia });
  return { tv, connection };
}

describe('TvView', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(T0);
    stubFetch({}); // the panels' loads answer 404: never the network
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('hides its hint and controls after a few seconds without input, and shows them on a mouse move or key', async () => {
    const { tv } = mountTv();
    const root = tv.find('.tv');
    expect(root.classes()).not.toContain('tv--idle');
    expect(tv.find('.tv-rotator__hint').exists()).toBe(true);

    await vi.advanceTimersByTimeAsync(CHROME_IDLE_MS - 100);
    expect(root.classes()).not.toContain('tv--idle');
    await vi.advanceTimersByTimeAsync(200);
    expect(root.classes()).toContain('tv--idle');

    window.dispatchEvent(new MouseEvent('mousemove'));
    await vi.advanceTimersByTimeAsync(0);
    expect(root.classes()).not.toContain('tv--idle');

    await vi.advanceTimersByTimeAsync(CHROME_IDLE_MS + 100);
    expect(root.classes()).toContain('tv--idle');
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'Shift' }));
    await vi.advanceTimersByTimeAsync(0);
    expect(root.classes()).not.toContain('tv--idle');
    tv.unmount();
  });

  it('says in a large banner how old stale data are, and stops the tile timers', async () => {
    const { tv, connection } = mountTv();
    const timer = () => tv.find('[data-rep="ann"] .rep-tile__in-status').text();
    await vi.advanceTimersByTimeAsync(3000);
    expect(timer()).toBe('0:03');
    expect(tv.find('.tv-stale').exists()).toBe(false);

    // Redis goes away: the server says stale, and nothing has been read since T0.
    connection.applyHealth({ ...health, redis: 'down', stale: true, lagMs: 0 });
    await vi.advanceTimersByTimeAsync(10_000); // (the floor panel is up for 20 s)
    const banner = tv.find('.tv-stale');
    expect(banner.exists()).toBe(true);
    expect(banner.attributes('role')).toBe('alert');
    expect(banner.text()).toContain('Data last updated 13 s ago');
    expect(banner.text()).not.toContain('lag');
    expect(timer()).toBe('0:03');

    // Live again: the banner goes and the timers catch up.
    connection.applyHealth({ ...health, lastReadAt: T0 + 13_000 });
    await vi.advanceTimersByTimeAsync(1000);
    expect(tv.find('.tv-stale').exists()).toBe(false);
    expect(timer()).toBe('0:14');
    tv.unmount();
  });
});
