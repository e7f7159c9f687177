import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import RepTile from '../../../client/components/RepTile.vue';
import { useConnectionStore } from '../../../client/stores/connection';
import { useFloorStore } from '../../../client/stores/floor';
import { T0, makeRep, makeSnapshot } from '../support/floorData';
import { freshPinia, mountWithApp } from '../support/mountApp';
import type { RepView } from '../../../shared/domain/floorView';

function mountTile(rep: RepView, locale: 'en' | 'zh-CN' = 'en') {
  const pinia = freshPinia();
  useFloorStore().applySnapshot(makeSnapshot([rep]));
  return mountWithApp(RepTile, { pinia, locale, props: { rep } });
}

describe('RepTile', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(T0);
  });

  afterEach(() => {
    vi.useRealTimers();
  });

  it('shows the status as text and the time in it, ticking with the shared clock', async () => {
    const tile = mountTile(makeRep({ id: 'ann', name: 'Ann Lee', status: 'available', statusSince: T0 - 5_000 }));

    expect(tile.find('.rep-tile__name').text()).toBe('Ann Lee');
    expect(tile.find('.status-badge').text()).toBe('Available');
    expect(tile.find('.rep-tile__in-status').text()).toBe('0:05');

    await vi.advanceTimersByTimeAsync(1_000);
    expect(tile.find('.rep-tile__in-status').text()).toBe('0:06');

    await vi.advanceTimersByTimeAsync(60_000);
    expect(tile.find('.rep-tile__in-status').text()).toBe('1:06');
  });

  it('gives the name a line of its own and the timer the status row, the team only to assistive tech', () => {
    const tile = mountTile(
      makeRep({ id: 'ann', name: 'Hannah Whitfield', team: 'north', status: 'available', statusSince: T0 - 5_000 }),
    );
    // The name's element holds the name alone; the timer sits with the status word.
    expect(tile.find('.rep-tile__name').text()).toBe('Hannah Whitfield');
    expect(tile.find('.rep-tile__name .live-timer').exists()).toBe(false);
    expect(tile.find('.rep-tile__status').text()).toBe('Available');
    expect(tile.find('.rep-tile__timer').text()).toBe('0:05');
    // Tiles sit under their team's header: the team is not printed on the tile, but named to AT.
    expect(tile.find('.rep-tile__team').exists()).toBe(false);
    expect(tile.text()).not.toContain('north');
    expect(tile.find('.rep-tile').attributes('aria-label')).toBe('Hannah Whitfield, north');
    expect(tile.find('.rep-tile').attributes('title')).toBe('Hannah Whitfield, north');
  });

  it('names a teamless rep by name alone', () => {
    const tile = mountTile(makeRep({ id: 'solo', name: 'Solo', team: null }));
    expect(tile.find('.rep-tile').attributes('aria-label')).toBe('Solo');
  });

  it('times against the server clock, not the browser clock', async () => {
    const pinia = freshPinia();
    const rep = makeRep({ id: 'ann', statusSince: T0 - 5_000 });
    // The TV's clock is 2 minutes slow: the server says it is T0 + 120 s.
    useConnectionStore().observeServerNow(T0 + 120_000, T0);
    const tile = mountWithApp(RepTile, { pinia, props: { rep } });
    expect(tile.find('.rep-tile__in-status').text()).toBe('2:05');
  });

  it('shows the current call length while on a call, and the hours past an hour', async () => {
    const rep = makeRep({
      id: 'bob',
      status: 'on_call',
      statusSince: T0 - 3_725_000,
      currentCall: 'c-1',
      callAnsweredAt: T0 - 3_725_000,
    });
    const tile = mountTile(rep);

    expect(tile.find('.status-badge').text()).toBe('On call');
    expect(tile.find('.rep-tile__call-length').text()).toBe('1:02:05');
    // The call's length takes the place of time in status, rather than showing the same clock twice.
    expect(tile.find('.rep-tile__in-status').exists()).toBe(false);
    await vi.advanceTimersByTimeAsync(2_000);
    expect(tile.find('.rep-tile__call-length').text()).toBe('1:02:07');
  });

  it('shows no call length when not on a call', () => {
    const tile = mountTile(makeRep({ id: 'cai', status: 'wrapup', callAnsweredAt: T0 - 60_000 }));
    expect(tile.find('.rep-tile__call').exists()).toBe(false);
  });

  it('names the pause reason', () => {
    const tile = mountTile(makeRep({ id: 'dee', status: 'paused', pauseReason: 'lunch' }));
    expect(tile.find('.status-badge').text()).toBe('Paused · Lunch');
  });

  it('shows dials against the daily dials target, with pace for the share of the shift elapsed', () => {
    // 10:00 on a 09:00-18:00 shift: 1/9 elapsed, so 20 of 180 dials are expected by now.
    const rep = makeRep({ id: 'eve', dials: 25, targets: { ...makeRep({ id: 'x' }).targets, dials: 180 } });
    const tile = mountTile(rep);

    const bar = tile.find('[role="progressbar"]');
    expect(bar.attributes('aria-valuenow')).toBe('25');
    expect(bar.attributes('aria-valuemax')).toBe('180');
    expect(bar.attributes('aria-valuetext')).toBe('25/180');
    expect(bar.find('.target-progress__text').text()).toBe('25/180');
    expect(tile.find('.pace .pace__text').text()).toBe('125%');
    // On the tile the arrow and the percentage show; the words are there for assistive tech and the tooltip.
    expect(tile.find('.pace .visually-hidden').text()).toBe('125% of pace');
    expect(tile.find('.pace__icon').exists()).toBe(true);
    expect(tile.find('.pace').attributes('data-pace')).toBe('ahead');
    expect(tile.find('.pace').attributes('title')).toContain('125% of pace');
  });

  it('says the pace in words when under pace', () => {
    const tile = mountTile(makeRep({ id: 'fay', dials: 10 }));
    expect(tile.find('.pace .pace__text').text()).toBe('50%');
    expect(tile.find('.pace .visually-hidden').text()).toBe('50% of pace');
    expect(tile.find('.pace').classes()).toContain('pace--behind');
  });

  it('speaks the floor’s Chinese vocabulary', () => {
    const tile = mountTile(makeRep({ id: 'gu', status: 'paused', pauseReason: 'training', dials: 10 }), 'zh-CN');
    expect(tile.find('.status-badge').text()).toBe('暂停 · 培训');
    expect(tile.find('.pace .visually-hidden').text()).toBe('进度 50%，落后');
    expect(tile.text()).toContain('外呼');
  });
});

describe('RepTile call timer', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(T0);
  });

  afterEach(() => {
    vi.useRealTimers();
  });

  it('times the call from its answer, even when the status changed at another moment', () => {
    const rep = makeRep({ id: 'hal', status: 'on_call', statusSince: T0 - 90_000, callAnsweredAt: T0 - 42_000 });
    const tile = mountTile(rep);
    expect(tile.find('.rep-tile__call-length').text()).toBe('0:42');
  });

  it('shares one clock among all tiles and stops it when the last one goes', () => {
    const pinia = freshPinia();
    const a = makeRep({ id: 'a', status: 'on_call', callAnsweredAt: T0 });
    const b = makeRep({ id: 'b' });
    useFloorStore().applySnapshot(makeSnapshot([a, b]));
    const first = mountWithApp(RepTile, { pinia, props: { rep: a } });
    const second = mountWithApp(RepTile, { pinia, props: { rep: b } });
    expect(vi.getTimerCount()).toBe(1);
    first.unmount();
    expect(vi.getTimerCount()).toBe(1);
    second.unmount();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('shows the day’s talk time as a span in words, not a clock', () => {
    const rep = makeRep({ id: 'tt', talkSeconds: 3600 + 5 * 60 + 30 });
    expect(mountTile(rep).find('.rep-tile__talk').text()).toBe('1 h 5 min');
    expect(mountTile(rep, 'zh-CN').find('.rep-tile__talk').text()).toBe('1 小时 5 分钟');
  });
});
