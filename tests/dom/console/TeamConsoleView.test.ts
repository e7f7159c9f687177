import { flushPromises } from '@vue/test-utils';
import type { VueWrapper } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useConnectionStore } from '../../../client/stores/connection';
import { useFloorStore } from '../../../client/stores/floor';
import { useNotesStore } from '../../../client/stores/notes';
import TeamConsoleView from '../../../client/views/TeamConsoleView.vue';
import { emptyTargetSettings } from '../../../shared/domain/targetSettings';
import { T0, makeRep, makeSnapshot } from '../support/floorData';
import { freshPinia } from '../support/mountApp';
import { makeNote, mountView, stubFetch } from './support';
import type { FakeRequest } from './support';

const TEAM = { kind: 'team', team: 'team-a' } as const;
const XSS = '<img src=x onerror=alert(1)>';
const DEFAULTS = { dials: 180, effectiveCalls: 30, talkMinutes: 150, leads: 6, deals: 2, revenue: 5000 };

const reps = [
  // Ada: fewest dials, but far ahead on leads, so the highest overall pace.
  makeRep({ id: 'r1', name: 'Ada', team: 'team-a', dials: 20, leads: 5 }),
  makeRep({
    id: 'r2',
    name: 'Bo',
    team: 'team-a',
    dials: 50,
    status: 'on_call',
    currentCall: 'call-42',
    callAnsweredAt: T0 - 30_000,
  }),
  makeRep({ id: 'r3', name: 'Cy', team: 'team-a', dials: 35 }),
];

let requests: FakeRequest[];
let wrapper: VueWrapper | undefined;
let postAnswer: { status: number; body: unknown };

function mountConsole(locale: 'en' | 'zh-CN' = 'en') {
  const pinia = freshPinia();
  useConnectionStore().observeServerNow(T0);
  useFloorStore().applySnapshot(makeSnapshot(reps, { scope: TEAM }));
  wrapper = mountView(TeamConsoleView, { pinia, props: { team: 'team-a' }, locale });
  return wrapper;
}

const names = (w: VueWrapper) => w.findAll('tbody tr th').map((th) => th.text());

describe('TeamConsoleView', () => {
  beforeEach(() => {
    postAnswer = { status: 201, body: makeNote({ id: 'sent', rep: 'r2', text: 'Slow down' }) };
    requests = stubFetch(({ method, url }) => {
      if (method === 'GET' && url === '/api/coaching-notes?team=team-a')
        return {
          status: 200,
          body: {
            notes: [
              makeNote({ id: 'old', rep: 'r1', text: 'Good opening', createdAt: T0 - 60_000 }),
              makeNote({ id: 'xss', rep: 'r3', text: XSS, tag: 'warning', createdAt: T0 }),
            ],
          },
        };
      if (method === 'GET' && url === '/api/targets')
        return { status: 200, body: { defaults: DEFAULTS, settings: emptyTargetSettings() } };
      if (method === 'POST' && url === '/api/coaching-notes') return postAnswer;
      return undefined;
    });
  });
  afterEach(() => {
    wrapper?.unmount();
    wrapper = undefined;
    vi.unstubAllGlobals();
  });

  it('shows a loading state before the first snapshot and an empty state for a team with no reps', async () => {
    const pinia = freshPinia();
    wrapper = mountView(TeamConsoleView, { pinia, props: { team: 'team-a' } });
    expect(wrapper.text()).toContain('Loading the team…');
    useFloorStore().applySnapshot(makeSnapshot([], { scope: TEAM }));
    await flushPromises();
    expect(wrapper.text()).toContain('No reps in this team today');
    expect(wrapper.find('table').exists()).toBe(false);
  });

  it('sorts the table by a column header, toggling the direction and aria-sort', async () => {
    const w = mountConsole();
    await flushPromises();
    expect(names(w)).toEqual(['Ada', 'Bo', 'Cy']);
    const dials = w.find('th[data-col="dials"]');
    expect(dials.attributes('aria-sort')).toBe('none');
    await dials.find('button').trigger('click');
    expect(names(w)).toEqual(['Bo', 'Cy', 'Ada']);
    expect(dials.attributes('aria-sort')).toBe('descending');
    expect(w.find('th[data-col="name"]').attributes('aria-sort')).toBe('none');
    await dials.find('button').trigger('click');
    expect(names(w)).toEqual(['Ada', 'Cy', 'Bo']);
    expect(dials.attributes('aria-sort')).toBe('ascending');
  });

  it('sorts the Pace column by the overall pace it shows (not the dials pace), highest first', async () => {
    const w = mountConsole();
    await flushPromises();
    const pace = w.find('th[data-col="pace"]');
    await pace.find('button').trigger('click');
    expect(pace.attributes('aria-sort')).toBe('descending');
    expect(names(w)).toEqual(['Ada', 'Bo', 'Cy']);
    const shown = w
      .findAll('tbody td[data-col="pace"] .pace__text')
      .map((cell) => parseInt(cell.text().replace(/\D+/g, ''), 10));
    expect(shown).toEqual([...shown].sort((a, b) => b - a));
  });

  it('Coach opens the form prefilled with the rep’s current call, and sends it', async () => {
    const w = mountConsole();
    await flushPromises();
    await w.find('tr[data-rep="r2"] .rep-table__coach').trigger('click');
    const form = w.find('form.coach-form');
    expect(form.text()).toContain('Coaching note for Bo');
    expect((form.find('input.coach-form__call').element as HTMLInputElement).value).toBe('call-42');
    await form.find('textarea').setValue('Slow down');
    expect(form.find('.coach-form__counter').text()).toBe('9 / 1000');
    await form.find('select').setValue('tip');
    await form.trigger('submit');
    await flushPromises();
    expect(requests.find((r) => r.method === 'POST')?.body).toEqual({
      rep: 'r2',
      text: 'Slow down',
      tag: 'tip',
      call: 'call-42',
    });
    expect(w.find('.coach-form__sent').text()).toBe('Sent to Bo');
  });

  it('opens the form in a row right under the rep with the note focused; Escape closes it and refocuses Coach', async () => {
    const w = mountConsole();
    await flushPromises();
    const coach = () => w.find('tr[data-rep="r2"] .rep-table__coach');
    await coach().trigger('click');
    await flushPromises();
    const row = w.find('tr[data-rep="r2"]').element;
    const formRow = row.nextElementSibling as HTMLElement;
    expect(formRow.getAttribute('data-coach-for')).toBe('r2');
    expect(formRow.querySelector('form.coach-form')).not.toBeNull();
    expect(document.activeElement).toBe(formRow.querySelector('textarea'));
    expect(coach().attributes('aria-expanded')).toBe('true');
    await w.find('textarea').trigger('keydown', { key: 'Escape' });
    await flushPromises();
    expect(w.find('form.coach-form').exists()).toBe(false);
    expect(document.activeElement).toBe(coach().element);
    expect(coach().attributes('aria-expanded')).toBe('false');
  });

  it('moves the form and the focus to another rep’s row when that rep’s Coach is clicked', async () => {
    const w = mountConsole();
    await flushPromises();
    await w.find('tr[data-rep="r1"] .rep-table__coach').trigger('click');
    await w.find('tr[data-rep="r3"] .rep-table__coach').trigger('click');
    await flushPromises();
    expect(w.findAll('form.coach-form')).toHaveLength(1);
    expect(w.find('tr[data-rep="r3"]').element.nextElementSibling?.getAttribute('data-coach-for')).toBe('r3');
    expect(document.activeElement).toBe(w.find('textarea').element);
    await w.find('.coach-form__close').trigger('click');
    await flushPromises();
    expect(document.activeElement).toBe(w.find('tr[data-rep="r3"] .rep-table__coach').element);
  });

  it('keeps each row compact: short headers named in full, the pace as arrow and percentage', async () => {
    const w = mountConsole();
    await flushPromises();
    const time = w.find('th[data-col="timeInStatus"] button');
    expect(time.text()).toBe('In status');
    expect(time.attributes('aria-label')).toBe('Time in status');
    expect(time.attributes('title')).toBe('Time in status');
    expect(w.find('th[data-col="pace"] button').attributes('title')).toContain('Overall');
    // The word stays for assistive tech and the tooltip; the eye gets the arrow and the figure.
    const pace = w.find('tr[data-rep="r3"] td[data-col="pace"] .pace');
    expect(pace.find('.visually-hidden').text()).toMatch(/^\d+% of pace$/);
    expect(pace.find('svg').exists()).toBe(true);
    expect(pace.attributes('title')).toMatch(/^\d+% of pace/);
  });

  it('leaves the call empty for a rep not on a call, and shows the server’s reason on failure', async () => {
    postAnswer = { status: 403, body: { error: 'rep r1 is not in your team' } };
    const w = mountConsole();
    await flushPromises();
    await w.find('tr[data-rep="r1"] .rep-table__coach').trigger('click');
    expect((w.find('input.coach-form__call').element as HTMLInputElement).value).toBe('');
    await w.find('textarea').setValue('Hello');
    await w.find('form.coach-form').trigger('submit');
    await flushPromises();
    expect(w.find('.coach-form__error').text()).toBe('Not sent: rep r1 is not in your team');
  });

  it('renders a note’s markup as literal text', async () => {
    const w = mountConsole();
    await flushPromises();
    const note = w.find('[data-note="xss"]');
    expect(note.find('.note__text').text()).toBe(XSS);
    expect(note.find('.note__rep').text()).toBe('Cy');
    expect(w.find('img').exists()).toBe(false);
    expect(document.querySelector('img')).toBeNull();
  });

  it('lists the team’s notes newest first and updates the acknowledgement live', async () => {
    const w = mountConsole();
    await flushPromises();
    expect(w.findAll('.team-notes [data-note]').map((n) => n.attributes('data-note'))).toEqual(['xss', 'old']);
    const old = () => w.find('[data-note="old"] .note__ack');
    expect(old().text()).toContain('Not yet seen');
    useNotesStore().onAcked(makeNote({ id: 'old', rep: 'r1', text: 'Good opening', ackAt: T0 + 42 * 60_000 }));
    await flushPromises();
    expect(old().text()).toContain('Seen 10:42');
  });

  it('shows team totals with pace and the team targets editor with defaults as placeholders', async () => {
    const w = mountConsole();
    await flushPromises();
    expect(w.find('.team-totals [data-metric="dials"]').text()).toContain('105 / 540');
    const dailyDials = w.find('input[name="daily.dials"]');
    expect(dailyDials.attributes('placeholder')).toBe('180');
    await dailyDials.setValue('200');
    await w.find('form[data-period="daily"]').trigger('submit');
    await flushPromises();
    const put = requests.find((r) => r.method === 'PUT');
    expect(put?.url).toBe('/api/targets');
    expect(put?.body).toMatchObject({
      scope: { kind: 'team', team: 'team-a' },
      period: 'daily',
      targets: { dials: 200, leads: null },
    });
  });

  it('speaks the floor’s Chinese in zh-CN', async () => {
    const w = mountConsole('zh-CN');
    await flushPromises();
    expect(w.find('#team-notes-title').text()).toContain('辅导留言');
    expect(w.find('th[data-col="pace"]').text()).toContain('进度');
    expect(w.find('[data-note="old"] .note__ack').text()).toContain('尚未查看');
  });

  it('says in a large banner how old stale data are and stops the status timers until live again', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    vi.setSystemTime(T0);
    try {
      const health = { redis: 'up' as const, lagMs: 0, lastReadAt: T0, stale: false, deadLetters: 0 };
      const w = mountConsole();
      const connection = useConnectionStore();
      connection.markConnected();
      connection.applyHealth(health);
      const timer = () => w.find('tr[data-rep="r1"] .live-timer').text();
      await vi.advanceTimersByTimeAsync(2000);
      const before = timer();
      expect(w.find('.tv-stale').exists()).toBe(false);

      connection.applyHealth({ ...health, redis: 'down', stale: true });
      await vi.advanceTimersByTimeAsync(30_000);
      const banner = w.find('.tv-stale');
      expect(banner.attributes('role')).toBe('alert');
      expect(banner.classes()).toContain('tv-stale--desk');
      expect(banner.text()).toContain('Data last updated 32 s ago');
      expect(w.find('.team-console').classes()).toContain('data-frozen');
      expect(timer()).toBe(before);

      connection.applyHealth({ ...health, lastReadAt: T0 + 32_000 });
      await vi.advanceTimersByTimeAsync(1000);
      expect(w.find('.tv-stale').exists()).toBe(false);
      expect(timer()).not.toBe(before);
    } finally {
      vi.useRealTimers();
    }
  });
});
