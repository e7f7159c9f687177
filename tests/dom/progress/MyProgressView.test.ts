import { flushPromises } from '@vue/test-utils';
import type { VueWrapper } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useConnectionStore } from '../../../client/stores/connection';
import { useFloorStore } from '../../../client/stores/floor';
import { useNotesStore } from '../../../client/stores/notes';
import MyProgressView from '../../../client/views/MyProgressView.vue';
import type { MeResponse } from '../../../shared/contracts/http';
import type { Rank } from '../../../shared/domain/rank';
import { SETTINGS, T0, makeRep, makeSnapshot } from '../support/floorData';
import { freshPinia } from '../support/mountApp';
import { makeNote, mountView, stubFetch } from '../console/support';
import type { FakeRequest } from '../console/support';

const MIN = 60_000;
const RANK: Rank = { floor: 3, floorSize: 60, team: 1, teamSize: 15 };
const me = makeRep({
  id: 'r1',
  name: 'Ada',
  team: 'team-a',
  dials: 45,
  talkSeconds: 30 * 60,
  status: 'on_call',
  currentCall: 'c-9',
  statusSince: T0 - 90_000,
  callAnsweredAt: T0 - 65_000,
  callbacks: [
    { call: 'unknown', followUpAt: null }, // the source gave no time: listed after the timed ones
    { call: 'later', followUpAt: T0 + 120 * MIN },
    { call: 'missed', followUpAt: T0 - 10 * MIN },
    { call: 'soon', followUpAt: T0 + 30 * MIN, contact: 'Wang Fang' },
  ],
});

function meResponse(): MeResponse {
  return {
    rep: me,
    pace: { dials: null, effectiveCalls: null, talkMinutes: null, leads: null, deals: null, revenue: null },
    rank: RANK,
    notes: [
      makeNote({ id: 'n-old', text: 'Good start', createdAt: T0 - 30 * MIN, ackAt: T0 - 20 * MIN }),
      makeNote({ id: 'n-new', text: 'Try the price anchor', createdAt: T0 - 5 * MIN }),
    ],
    callbacksDue: [],
    settings: SETTINGS,
    serverNow: T0,
  };
}

let requests: FakeRequest[];
let wrapper: VueWrapper | undefined;

async function mountProgress() {
  const pinia = freshPinia();
  useConnectionStore().observeServerNow(T0);
  useFloorStore().applySnapshot(makeSnapshot([me], { scope: { kind: 'rep', rep: 'r1' }, rank: RANK }));
  wrapper = mountView(MyProgressView, { pinia });
  await flushPromises();
  return wrapper;
}

describe('MyProgressView', () => {
  beforeEach(() => {
    requests = stubFetch(({ method, url }) => {
      if (method === 'GET' && url === '/api/me') return { status: 200, body: meResponse() };
      if (method === 'POST' && url === '/api/coaching-notes/n-new/ack')
        return {
          status: 200,
          body: makeNote({ id: 'n-new', text: 'Try the price anchor', createdAt: T0 - 5 * MIN, ackAt: T0 + 5 * MIN }),
        };
      return undefined;
    });
  });
  afterEach(() => {
    wrapper?.unmount();
    wrapper = undefined;
    vi.unstubAllGlobals();
  });

  it('shows the rank on the floor and in the team, and follows rank:changed', async () => {
    const w = await mountProgress();
    expect(w.find('.rank-line__text').text()).toBe('#3 of 60 on the floor · #1 of 15 in team-a');
    useFloorStore().applyRank({ floor: 2, floorSize: 60, team: 1, teamSize: 15 });
    await flushPromises();
    expect(w.find('.rank-line__text').text()).toBe('#2 of 60 on the floor · #1 of 15 in team-a');
    // A tie shares the rank: "=2".
    useFloorStore().applyRank({ floor: 2, floorSize: 60, team: 1, teamSize: 15, floorTied: true, teamTied: false });
    await flushPromises();
    expect(w.find('.rank-line__text').text()).toBe('#=2 of 60 on the floor · #1 of 15 in team-a');
  });

  it('draws one gauge per target metric with % of target and the expected-by-now mark in text', async () => {
    const w = await mountProgress();
    const gauges = w.findAll('figure.pace-gauge');
    expect(gauges.map((g) => g.attributes('data-metric'))).toEqual([
      'dials',
      'effectiveCalls',
      'talkMinutes',
      'leads',
      'deals',
      'revenue',
    ]);
    // 10:00 in a 09:00-18:00 shift: 1/9 of the day, 11% expected.
    expect(w.find('[data-metric="dials"] .pace-gauge__text').text()).toBe(
      'Dials: 45 of 180 (25%), expected by now 11%',
    );
    expect(w.find('[data-metric="talkMinutes"] .pace-gauge__text').text()).toBe(
      'Talk minutes: 30 of 150 (20%), expected by now 11%',
    );
    expect(w.find('[data-metric="deals"] .pace-gauge__mark').text()).toBe('▼ 0% of pace');
    expect(w.find('[data-metric="dials"] .pace-gauge__mark').text()).toMatch(/^▲ \d+% of pace$/);
  });

  it('puts plain next steps first: what gets me back on pace, what is left to each target, the next call-back', async () => {
    const w = await mountProgress();
    const card = w.find('.next-steps');
    // 10:00 in a 09:00-18:00 shift: 20 dials (45 made) and 3.3 effective calls (0 made) expected by now.
    expect(card.findAll('.next-steps__catch-up').map((li) => li.text())).toEqual([
      '▼ 4 effective calls to get back on pace',
    ]);
    expect(card.find('.next-steps__on-pace').exists()).toBe(false);
    expect(card.findAll('.next-steps__target').map((li) => li.text())).toEqual([
      '○ 135 dials to target',
      '○ 30 effective calls to target',
      '○ 120 talk minutes to target',
      '○ 6 leads to target',
      '○ 2 deals to target',
      '○ CN¥5,000 revenue to target',
    ]);
    expect(card.find('.next-steps__callback').text()).toBe('☎ Call-back at 09:50 ! Overdue');
    // The card comes before the gauges in the page order.
    const html = w.html();
    expect(html.indexOf('next-steps')).toBeLessThan(html.indexOf('pace-gauge'));
  });

  it('says a target is reached, "1 deal to target" in the singular, and on pace when nothing is behind', async () => {
    const ahead = { ...me, dials: 200, effectiveCalls: 10, deals: 1, revenue: 5000, callbacks: [] };
    const pinia = freshPinia();
    useConnectionStore().observeServerNow(T0);
    useFloorStore().applySnapshot(makeSnapshot([ahead], { scope: { kind: 'rep', rep: 'r1' }, rank: RANK }));
    wrapper = mountView(MyProgressView, { pinia });
    await flushPromises();
    const card = wrapper.find('.next-steps');
    expect(card.find('.next-steps__on-pace').text()).toBe('▲ On pace for dials and effective calls');
    expect(card.find('[data-metric="dials"].next-steps__target').text()).toBe('✓ Dials: target reached');
    expect(card.find('[data-metric="deals"].next-steps__target').text()).toBe('○ 1 deal to target');
    expect(card.find('[data-metric="revenue"].next-steps__target').text()).toBe('✓ Revenue: target reached');
    expect(card.find('.next-steps__callback').exists()).toBe(false);
  });

  it('shows unacknowledged notes before the gauges, folds acknowledged ones, and never shows a note’s call id', async () => {
    const response = meResponse();
    response.notes = response.notes.map((n) => ({ ...n, call: 'm999zemx7bqg00-1-49' }));
    requests = stubFetch(({ url }) => (url === '/api/me' ? { status: 200, body: response } : undefined));
    const w = await mountProgress();
    const html = w.html();
    expect(html.indexOf('data-note="n-new"')).toBeLessThan(html.indexOf('pace-gauge'));
    expect(w.find('.notes-inbox__earlier [data-note="n-old"]').exists()).toBe(true);
    expect(w.find('.notes-inbox__earlier summary').text()).toBe('Earlier notes (1)');
    expect(w.find('.notes-inbox__earlier [data-note="n-new"]').exists()).toBe(false);
    expect(w.text()).not.toContain('m999zemx7bqg00');
  });

  it('draws slim bars with the expected-by-now tick instead of gauges on a narrow screen', async () => {
    vi.stubGlobal('matchMedia', (query: string) => ({
      matches: query === '(max-width: 40rem)',
      addEventListener: () => undefined,
      removeEventListener: () => undefined,
    }));
    const w = await mountProgress();
    const dials = w.find('figure.pace-gauge[data-metric="dials"]');
    expect(dials.classes()).toContain('pace-gauge--compact');
    expect(w.findAll('.pace-gauge__chart')).toHaveLength(0);
    const bar = dials.find('[role="progressbar"]');
    expect(bar.attributes('aria-label')).toBe('Dials: 45 of 180 (25%), expected by now 11%');
    expect(bar.find('.target-progress__fill').attributes('style')).toContain('width: 25%');
    expect(bar.find('.target-progress__expected').attributes('style')).toMatch(/--at: 11\.1+\d*%/);
    expect(dials.find('.pace-gauge__mark').text()).toBe('▲ 225% of pace');
  });

  it('words the next steps in Chinese with the words table’s terms', async () => {
    const pinia = freshPinia();
    useConnectionStore().observeServerNow(T0);
    const soon = { ...me, deals: 1, callbacks: me.callbacks.filter((cb) => cb.call === 'soon') };
    useFloorStore().applySnapshot(makeSnapshot([soon], { scope: { kind: 'rep', rep: 'r1' }, rank: RANK }));
    wrapper = mountView(MyProgressView, { pinia, locale: 'zh-CN' });
    await flushPromises();
    const card = wrapper.find('.next-steps');
    expect(card.find('h2').text()).toBe('下一步');
    expect(card.find('.next-steps__catch-up').text()).toBe('▼ 再完成 4 个有效通话即可恢复正常进度');
    expect(card.find('[data-metric="deals"].next-steps__target').text()).toBe('○ 距目标还差 1 单成交');
    expect(card.find('.next-steps__callback').text()).toBe('☎ 10:30 回访 Wang Fang');
  });

  it('ticks the time in status and the current call from server time', async () => {
    const w = await mountProgress();
    expect(w.find('.my-progress__in-status').text()).toBe('1:30');
    expect(w.find('.my-progress__call').text()).toBe('1:05');
  });

  it('lists notes newest first, highlights the unacknowledged, and acknowledges through the API', async () => {
    const w = await mountProgress();
    const items = w.findAll('.notes-inbox [data-note]');
    expect(items.map((n) => n.attributes('data-note'))).toEqual(['n-new', 'n-old']);
    expect(items[0]?.classes()).toContain('note--unseen');
    expect(items[1]?.classes()).not.toContain('note--unseen');
    expect(items[1]?.text()).toContain('Acknowledged 09:40');
    expect(w.findAll('.note__acknowledge')).toHaveLength(1);

    await w.find('[data-note="n-new"] .note__acknowledge').trigger('click');
    await flushPromises();
    expect(requests.filter((r) => r.method === 'POST').map((r) => r.url)).toEqual(['/api/coaching-notes/n-new/ack']);
    expect(w.find('[data-note="n-new"]').text()).toContain('Acknowledged 10:05');
    expect(w.find('.note__acknowledge').exists()).toBe(false);
  });

  it('lists call-backs soonest first in the floor’s time, unknown times last, marking the overdue one', async () => {
    const w = await mountProgress();
    const rows = w.findAll('.callback');
    expect(rows.map((r) => r.attributes('data-call'))).toEqual(['missed', 'soon', 'later', 'unknown']);
    expect(rows.map((r) => r.find('.callback__time').text())).toEqual(['09:50', '10:30', '12:00', 'Time unknown']);
    expect(rows[3]?.find('time').exists()).toBe(false);
    expect(rows[3]?.text()).not.toContain('Overdue');
    expect(rows[0]?.text()).toContain('Overdue');
    expect(rows[1]?.text()).not.toContain('Overdue');
    // Who to call, never the call id: the contact when the source gave one, else just "Call-back".
    expect(rows.map((r) => r.find('.callback__contact').text())).toEqual([
      'Call-back',
      'Wang Fang',
      'Call-back',
      'Call-back',
    ]);
    const listed = w.find('.callbacks').text();
    for (const id of ['missed', 'soon', 'later', 'Call unknown']) expect(listed).not.toContain(id);
  });

  it('names the contact of the next call-back in the next steps, "Call-back at 10:30" without one', async () => {
    const pinia = freshPinia();
    useConnectionStore().observeServerNow(T0);
    const soon = { ...me, callbacks: me.callbacks.filter((cb) => cb.call === 'soon') };
    const floor = useFloorStore();
    floor.applySnapshot(makeSnapshot([soon], { scope: { kind: 'rep', rep: 'r1' }, rank: RANK }));
    wrapper = mountView(MyProgressView, { pinia });
    await flushPromises();
    expect(wrapper.find('.next-steps__callback').text()).toBe('☎ Call back Wang Fang at 10:30');
    const anonymous = { ...soon, version: 2, callbacks: [{ call: 'soon', followUpAt: T0 + 30 * MIN }] };
    floor.applySnapshot(makeSnapshot([anonymous], { scope: { kind: 'rep', rep: 'r1' }, rank: RANK }));
    await flushPromises();
    expect(wrapper.find('.next-steps__callback').text()).toBe('☎ Call-back at 10:30');
  });

  it('shows a toast when a note for me arrives live, and not for someone else', async () => {
    const w = await mountProgress();
    const notes = useNotesStore();
    notes.onAdded(makeNote({ id: 'other', rep: 'r2', text: 'Not yours' }));
    await flushPromises();
    expect(w.findAll('.note-toast')).toHaveLength(0);
    notes.onAdded(makeNote({ id: 'live', rep: 'r1', author: 'lead-a', text: '<b>Great close</b>' }));
    await flushPromises();
    const toast = w.find('.note-toast');
    expect(toast.text()).toContain('New coaching note from lead-a');
    expect(toast.find('.note-toast__text').text()).toBe('<b>Great close</b>');
    expect(w.find('.note-toasts').attributes('role')).toBe('status');
    expect(w.find('.notes-inbox [data-note="live"]').exists()).toBe(true);
    await toast.find('.note-toast__dismiss').trigger('click');
    expect(w.findAll('.note-toast')).toHaveLength(0);
  });
});

describe('MyProgressView when the data are stale', () => {
  beforeEach(() => {
    stubFetch(({ method, url }) =>
      method === 'GET' && url === '/api/me' ? { status: 200, body: meResponse() } : undefined,
    );
  });
  afterEach(() => {
    wrapper?.unmount();
    wrapper = undefined;
    vi.unstubAllGlobals();
  });

  it('tells the rep how old the figures are and stops the timers, as the wall does', async () => {
    const page = await mountProgress();
    const connection = useConnectionStore();
    const health = { redis: 'up' as const, lagMs: 0, lastReadAt: T0, stale: false, deadLetters: 0 };
    connection.markConnected();
    connection.applyHealth(health);
    await page.vm.$nextTick();
    expect(page.find('.tv-stale').exists()).toBe(false);

    connection.applyHealth({ ...health, redis: 'down', stale: true, lagMs: 150_000 });
    await page.vm.$nextTick();
    const banner = page.find('.tv-stale');
    expect(banner.exists()).toBe(true);
    expect(banner.attributes('role')).toBe('alert');
    expect(banner.text()).toContain('Data last updated 2 min ago');
    expect(page.find('.my-progress').classes()).toContain('data-frozen');
  });
});
