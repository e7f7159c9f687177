import { flushPromises } from '@vue/test-utils';
import type { VueWrapper } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import CoachingEffects from '../../../client/components/coaching/CoachingEffects.vue';
import { useCoachingEffectsStore } from '../../../client/stores/coachingEffects';
import { useConnectionStore } from '../../../client/stores/connection';
import { useFloorStore } from '../../../client/stores/floor';
import TeamConsoleView from '../../../client/views/TeamConsoleView.vue';
import type { CoachingEffectsResponse } from '../../../shared/contracts/coachingEffects';
import type { CoachingEffect } from '../../../shared/domain/coachingEffect';
import { emptyTargetSettings } from '../../../shared/domain/targetSettings';
import { T0, makeRep, makeSnapshot } from '../support/floorData';
import { freshPinia } from '../support/mountApp';
import { makeNote, mountView, stubFetch, type FakeRequest } from './support';

const TEAM = { kind: 'team', team: 'team-a' } as const;
const XSS = '<img src=x onerror=alert(1)>';
const reps = [
  makeRep({ id: 'r1', name: 'Ada', team: 'team-a' }),
  makeRep({ id: 'r2', name: 'Bo', team: 'team-a' }),
  makeRep({ id: 'r3', name: 'Cy', team: 'team-a' }),
];
const none = { callsAfter: 0, before: null, after: null, change: null, move: null, span: null, team: null };
const effect = (over: Partial<CoachingEffect> & Pick<CoachingEffect, 'note' | 'status'>): CoachingEffect => ({
  ...none,
  ...over,
});
const span = { from: T0 - 3_600_000, until: T0 + 3_600_000 };

const ANSWER: CoachingEffectsResponse = {
  effects: [
    effect({
      note: makeNote({ id: 'up', rep: 'r1', text: 'Open with the price anchor', metric: 'connect_rate' }),
      status: 'measured',
      callsAfter: 10,
      before: { calls: 10, value: 0.2 },
      after: { calls: 10, value: 0.8 },
      change: 0.6,
      move: 'up',
      span,
      team: { before: { calls: 10, value: 0.5 }, after: { calls: 10, value: 0.5 }, change: 0 },
    }),
    effect({
      note: makeNote({ id: 'flat', rep: 'r2', text: XSS, metric: 'talk_per_connect' }),
      status: 'measured',
      callsAfter: 8,
      before: { calls: 8, value: 60_000 },
      after: { calls: 8, value: 70_000 },
      change: 10_000,
      move: 'flat',
      span,
      team: { before: { calls: 4, value: 50_000 }, after: { calls: 5, value: 80_000 }, change: 30_000 },
    }),
    effect({
      note: makeNote({ id: 'wait', rep: 'r3', text: 'Ask for the deal', metric: 'conversion' }),
      status: 'not_enough_calls',
      callsAfter: 2,
    }),
    effect({
      note: makeNote({ id: 'gone', rep: 'r3', text: 'Smile', metric: 'lead_rate' }),
      status: 'calls_gone',
    }),
  ],
  from: T0 - 6 * 86_400_000,
  until: null,
  minCalls: 5,
  maxCalls: 50,
  tolerances: { connect_rate: 0.05, effective_rate: 0.05, talk_per_connect: 15_000, lead_rate: 0.05, conversion: 0.05 },
};

let requests: FakeRequest[];
let wrapper: VueWrapper | undefined;

function mountConsole(locale: 'en' | 'zh-CN' = 'en') {
  const pinia = freshPinia();
  useConnectionStore().observeServerNow(T0);
  useFloorStore().applySnapshot(makeSnapshot(reps, { scope: TEAM }));
  wrapper = mountView(TeamConsoleView, { pinia, props: { team: 'team-a' }, locale });
  return wrapper;
}

const group = (w: VueWrapper, name: string) => w.find(`.coaching-effects__group--${name}`);

describe('closed-loop coaching on the team console', () => {
  beforeEach(() => {
    requests = stubFetch(({ method, url }) => {
      if (method === 'GET' && url === '/api/coaching-notes/effects?team=team-a') return { status: 200, body: ANSWER };
      if (method === 'GET' && url === '/api/coaching-notes?team=team-a') return { status: 200, body: { notes: [] } };
      if (method === 'GET' && url === '/api/targets')
        return { status: 200, body: { defaults: {}, settings: emptyTargetSettings() } };
      if (method === 'POST' && url === '/api/coaching-notes')
        return { status: 201, body: makeNote({ id: 'new', rep: 'r2', text: 'Longer calls', metric: 'conversion' }) };
      return undefined;
    });
  });
  afterEach(() => {
    wrapper?.unmount();
    wrapper = undefined;
    vi.unstubAllGlobals();
  });

  it('lists the notes that did not move first, each before and after in words and numbers', async () => {
    const w = mountConsole();
    await flushPromises();
    const groups = w.findAll('.coaching-effects__group').map((g) => g.find('.coaching-effects__group-title').text());
    expect(groups).toEqual(['Did not move (1)', 'Moved (1)', 'Not enough calls yet (1)', 'Calls no longer kept (1)']);
    expect(w.find('.coaching-effects__rule').text()).toContain('within ±5 points (talk time ±15 s)');

    const flat = group(w, 'flat').find('.coaching-effect');
    expect(flat.find('.coaching-effect__head').text()).toMatch(
      /^Bo · Talk time per connect \(talk time \/ connects\)\s+=\s+Did not move$/,
    );
    expect(flat.find('.coaching-effect__text').text()).toBe(`“${XSS}”`); // literal text, no markup
    expect(flat.find('img').exists()).toBe(false);
    expect(flat.find('.coaching-effect__numbers').text()).toBe('1 min → 1 min 10 s over 8 calls each side (+10 s)');
    expect(flat.find('.coaching-effect__team').text()).toBe(
      'Rest of the team over the same time: 50 s → 1 min 20 s (+30 s)',
    );

    const up = group(w, 'moved').find('.coaching-effect');
    expect(up.find('.coaching-effect__status').text()).toBe('▲ Up'); // a mark and a word, not colour alone
    expect(up.find('.coaching-effect__numbers').text()).toBe('20% → 80% over 10 calls each side (+60 pts)');
    expect(up.find('.coaching-effect__team').text()).toBe('Rest of the team over the same time: 50% → 50% (±0 pts)');

    expect(group(w, 'waiting').text()).toContain('Cy · Conversion');
    expect(group(w, 'waiting').find('.coaching-effect__numbers').text()).toBe('2 of 5 calls after the note so far');
    expect(group(w, 'gone').find('.coaching-effect__status').text()).toBe('⌀ Calls no longer kept');
    expect(requests.filter((r) => r.url.startsWith('/api/coaching-notes/effects'))).toHaveLength(1);
  });

  it('sends the metric a note is about from the Coach form', async () => {
    const w = mountConsole();
    await flushPromises();
    await w.find('tr[data-rep="r2"] .rep-table__coach').trigger('click');
    const form = w.find('form.coach-form');
    await form.find('textarea').setValue('Longer calls');
    const metric = form.find('select.coach-form__metric');
    expect(metric.findAll('option').map((o) => o.text())[1]).toBe('Connect rate (connects / dials)');
    expect(form.find(`label[for="${metric.attributes('id')}"]`).text()).toBe('About (optional)');
    await metric.setValue('conversion');
    await form.trigger('submit');
    await flushPromises();
    expect(requests.find((r) => r.method === 'POST')?.body).toEqual({
      rep: 'r2',
      text: 'Longer calls',
      metric: 'conversion',
    });
    expect((metric.element as HTMLSelectElement).value).toBe(''); // ready for the next note
  });

  it('speaks the floor’s Chinese in zh-CN', async () => {
    const w = mountConsole('zh-CN');
    await flushPromises();
    expect(w.find('.coaching-effects__group-title').text()).toBe('无变化（1）');
    expect(group(w, 'moved').find('.coaching-effect__head').text()).toContain('接通率（接通 / 外呼）');
    expect(group(w, 'moved').find('.coaching-effect__numbers').text()).toBe('20% → 80%，前后各 10 通 (+60 个百分点)');
  });

  it('asks for a day or a week for the review page, and drops a late answer for another query', async () => {
    freshPinia();
    const store = useCoachingEffectsStore();
    const week = store.load({ team: 'team-a', week: '2026-03-02' });
    const day = store.load({ rep: 'r1', day: '2026-03-03' });
    expect(await Promise.all([week, day])).toEqual([true, false]);
    expect(requests.slice(-2).map((r) => r.url)).toEqual([
      '/api/coaching-notes/effects?team=team-a&week=2026-03-02',
      '/api/coaching-notes/effects?rep=r1&day=2026-03-03',
    ]);
    expect(store.answer).toBeNull(); // the week's answer came for a query no longer asked
    expect(store.error).toBe('not found');
  });

  it('says so when no note names a metric, and shows a load failure', async () => {
    const pinia = freshPinia();
    wrapper = mountView(CoachingEffects, { pinia, props: { effects: { ...ANSWER, effects: [] }, days: 7 } });
    expect(wrapper.find('.coaching-effects__empty').text()).toBe('No notes about a metric in the last 7 days');
    wrapper.unmount();
    vi.unstubAllGlobals();
    stubFetch(() => ({ status: 403, body: { error: "you may not see this team's notes" } }));
    const w = mountConsole();
    await flushPromises();
    expect(w.find('.team-console__effects [role="alert"]').text()).toBe(
      "Could not load coaching results: you may not see this team's notes",
    );
  });
});
