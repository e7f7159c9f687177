import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useConnectionStore } from '../../../client/stores/connection';
import { useFloorStore } from '../../../client/stores/floor';
import FloorWallboardView from '../../../client/views/FloorWallboardView.vue';
import type { Locale } from '../../../client/i18n';
import { T0, makeDelta, makeRep, makeSnapshot } from '../support/floorData';
import { freshPinia, mountWithApp } from '../support/mountApp';
import { stubFetch } from '../console/support';
import { useAlertsStore } from '../../../client/stores/alerts';
import { makeAlert } from '../support/alertData';

const reps = [
  makeRep({ id: 'r1', name: 'Ann', team: 'north', status: 'on_call', callAnsweredAt: T0 - 30_000, dials: 30 }),
  makeRep({ id: 'r2', name: 'Bob', team: 'north', status: 'on_call', callAnsweredAt: T0 - 10_000, dials: 20 }),
  makeRep({ id: 'r3', name: 'Cai', team: 'south', status: 'paused', pauseReason: 'lunch', dials: 12 }),
  makeRep({ id: 'r4', name: 'Dee', team: 'south', status: 'available', dials: 8 }),
  makeRep({ id: 'r5', name: 'Eve', team: null, status: 'wrapup', dials: 5, deals: 1, revenue: 1200 }),
];

function mountBoard(locale: Locale = 'en', floorReps = reps) {
  const pinia = freshPinia();
  useConnectionStore().markConnected();
  useFloorStore().applySnapshot(makeSnapshot(floorReps));
  return mountWithApp(FloorWallboardView, { pinia, locale });
}

describe('FloorWallboardView', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(T0);
    // The overdue call-backs per team are read over HTTP (not part of the floor feed).
    stubFetch(({ url }) =>
      url === '/api/callbacks/overdue' ? { status: 200, body: { teams: { south: 2 }, serverNow: T0 } } : undefined,
    );
  });

  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('shows the overdue call-backs per team beside the alerts', async () => {
    const board = mountBoard();
    await vi.waitFor(() => expect(board.find('.overdue-callbacks').exists()).toBe(true));
    expect(board.find('.wallboard__alerts .overdue-callbacks h2').text()).toContain('Call-backs overdue: 2');
    expect(board.find('.overdue-callbacks [data-team="south"]').text()).toBe('south 2');
  });

  it("keeps a rep's overdue call-backs off the wall: no amber tile, no row in the panel (the team count says it)", async () => {
    const board = mountBoard();
    const alerts = useAlertsStore();
    alerts.onRaised(
      makeAlert({ id: 'cb', rule: 'callback_overdue', rep: 'r4', repName: 'Dee', team: 'south', detail: '2' }),
    );
    alerts.onRaised(makeAlert({ id: 'lc', rule: 'long_call', rep: 'r1', repName: 'Ann', team: 'north' }));
    await board.vm.$nextTick();
    expect(board.find('[data-rep="r1"]').classes()).toContain('rep-tile--alert');
    expect(board.find('[data-rep="r4"]').classes()).not.toContain('rep-tile--alert');
    const panel = board.find('.wallboard__alerts').text();
    expect(panel).toContain('Ann');
    expect(panel).not.toContain('Dee');
    // The store still has it for the console and the rep's page.
    expect(alerts.activeByRep.get('r4')?.rule).toBe('callback_overdue');
  });

  it('groups reps under team headings, teamless reps last', () => {
    const board = mountBoard();
    const teams = board.findAll('section.team');
    expect(teams.map((t) => t.find('h2').text())).toEqual(['north', 'south', 'No team']);
    expect(teams[0]?.findAll('.rep-tile__name').map((n) => n.text())).toEqual(['Ann', 'Bob']);
    expect(teams[1]?.findAll('.rep-tile__name').map((n) => n.text())).toEqual(['Cai', 'Dee']);
    expect(teams[0]?.find('.team__count').text()).toBe('2 reps');
    expect(teams[0]?.find('.team__totals').text()).toContain('50 / 360');
    // The team header names the team once; its tiles do not repeat it on screen.
    expect(teams[0]?.find('.rep-tile').text()).not.toContain('north');
    expect(teams[0]?.find('.rep-tile').attributes('aria-label')).toBe('Ann, north');
    expect(teams[2]?.find('.rep-tile').attributes('aria-label')).toBe('Eve');
  });

  it('updates a tile and the header when a delta changes that rep', async () => {
    const board = mountBoard();
    const dee = { ...reps[3]!, status: 'dialing' as const, dials: 9, statusSince: T0, version: 2 };
    const floor = reps.map((r) => (r.id === 'r4' ? dee : r));
    useFloorStore().applyDelta(makeDelta(11, [dee], floor));
    await board.vm.$nextTick();

    const tile = board.find('.rep-tile[data-rep="r4"]');
    expect(tile.find('.status-badge').text()).toBe('Dialing');
    expect(tile.find('[role="progressbar"]').attributes('aria-valuenow')).toBe('9');
    expect(board.find('.status-count[data-status="dialing"] .status-count__value').text()).toBe('1');
    expect(board.find('.rep-tile[data-rep="r3"] .status-badge').text()).toBe('Paused · Lunch');
  });

  it('keeps tile timers ticking although tiles are memoised', async () => {
    const board = mountBoard();
    const timer = () => board.find('.rep-tile[data-rep="r1"] .rep-tile__call-length').text();
    expect(timer()).toBe('0:30');
    await vi.advanceTimersByTimeAsync(3_000);
    expect(timer()).toBe('0:33');
  });

  it('counts reps by status in the header', () => {
    const board = mountBoard();
    const count = (status: string) => board.find(`.status-count[data-status="${status}"]`);
    expect(count('on_call').text()).toBe('On call2');
    expect(count('paused').find('.status-count__value').text()).toBe('1');
    expect(count('available').find('.status-count__value').text()).toBe('1');
    expect(count('dialing').find('.status-count__value').text()).toBe('0');
  });

  it('shows floor totals against the floor targets with pace in words', () => {
    const board = mountBoard();
    const dials = board.findAll('.metric')[0];
    expect(dials?.find('.metric__value').text()).toBe('75');
    expect(dials?.find('.metric__target').text()).toBe('of 900');
    // 10:00 on a 09:00-18:00 shift: 100 of 900 expected by now, 75 made.
    expect(dials?.find('.pace').text()).toBe('75% of pace');
    expect(dials?.find('.pace').attributes('data-pace')).toBe('behind');
    // The header has room to show the pace in words.
    expect(dials?.find('.pace .visually-hidden').exists()).toBe(false);
    expect(dials?.find('.metric__label').attributes('title')).toContain('Calls dialed');
    expect(board.find('.floor-header__time').text()).toContain('10:00');
  });

  it('speaks Chinese in the zh-CN locale', () => {
    const board = mountBoard('zh-CN');
    expect(board.find('.status-count[data-status="on_call"]').text()).toBe('通话中2');
    expect(board.find('.status-count[data-status="wrapup"] .status-badge').text()).toBe('话后处理');
    expect(board.find('.rep-tile[data-rep="r3"] .status-badge').text()).toBe('暂停 · 午餐');
    expect(board.findAll('.metric__label').map((l) => l.text())).toEqual([
      '外呼',
      '接通',
      '有效通话',
      '通话时长',
      '意向客户',
      '成交',
      '成交金额',
    ]);
    expect(board.findAll('section.team h2').at(-1)?.text()).toBe('未分组');
    expect(board.find('[role="status"]').text()).toBe('实时');
  });

  it('switches language from the EN / 中文 switch and remembers it', async () => {
    localStorage.clear();
    const board = mountBoard('en');
    await board.find('button[lang="zh-CN"]').trigger('click');
    expect(board.find('.floor-header__title').text()).toBe('销售现场');
    expect(localStorage.getItem('floorboard.locale')).toBe('zh-CN');
  });

  it('shows a loading state before the first snapshot and an empty state without reps', () => {
    const pinia = freshPinia();
    const loading = mountWithApp(FloorWallboardView, { pinia });
    expect(loading.find('.empty-state').text()).toBe('Loading the floor…');

    const empty = mountBoard('en', []);
    expect(empty.find('.empty-state__message').text()).toBe('No reps logged in yet');
    expect(empty.find('.team').exists()).toBe(false);
  });

  it('says in a large banner how old stale data are, freezes and strikes the timers, and the pill agrees', async () => {
    const health = { redis: 'up' as const, lagMs: 0, lastReadAt: T0, stale: false, deadLetters: 0 };
    const board = mountBoard();
    const connection = useConnectionStore();
    connection.applyHealth(health);
    connection.observeServerNow(T0, T0);
    const timer = () => board.find('[data-rep="r4"] .rep-tile__in-status').text();
    await vi.advanceTimersByTimeAsync(3000);
    expect(board.find('.connection').text()).toBe('Live');
    expect(timer()).toBe('0:03');
    expect(board.find('.tv-stale').exists()).toBe(false);

    // Redis goes away: the server says stale, its lag stays 0 and nothing has been read since T0.
    connection.applyHealth({ ...health, redis: 'down', stale: true });
    await vi.advanceTimersByTimeAsync(17_000);
    const banner = board.find('.tv-stale');
    expect(banner.exists()).toBe(true);
    expect(banner.classes()).toContain('tv-stale--desk');
    expect(banner.attributes('role')).toBe('alert');
    expect(banner.text()).toContain('Data last updated 20 s ago');
    expect(banner.text()).toContain('Timers stopped');
    expect(board.find('.connection').text()).toBe('Stale: data may be out of dateData last updated 20 s ago');
    expect(board.text()).not.toContain('lag');
    expect(timer()).toBe('0:03');
    expect(board.find('.wallboard').classes()).toContain('data-frozen');

    // A backlog being read: the data are as old as the lag, though entries are read just now.
    connection.applyHealth({ ...health, stale: true, lagMs: 95_000, lastReadAt: T0 + 20_000 });
    await board.vm.$nextTick();
    expect(board.find('.tv-stale').text()).toContain('Data last updated 95 s ago');

    connection.markDisconnected();
    await board.vm.$nextTick();
    expect(board.find('.connection').text()).toBe('Reconnecting… data may be out of date');
    expect(board.find('.tv-stale').text()).toContain('Stale: connection lost');

    // Live again: the banner goes, the timers catch up.
    connection.markConnected();
    connection.applyHealth({ ...health, lastReadAt: T0 + 21_000 });
    await vi.advanceTimersByTimeAsync(1000);
    expect(board.find('.tv-stale').exists()).toBe(false);
    expect(board.find('.wallboard').classes()).not.toContain('data-frozen');
    expect(timer()).toBe('0:21');
  });

  it('switches to compact tiles past 120 reps', () => {
    const many = Array.from({ length: 121 }, (_, i) => makeRep({ id: `r${i}`, team: 'big' }));
    const board = mountBoard('en', many);
    expect(board.findAll('.rep-tile--compact')).toHaveLength(121);
    expect(board.find('.rep-grid').classes()).toContain('rep-grid--compact');
  });
});
