/**
 * The handoff board (issue #16): open handoffs by age with "waiting too long" in words, contact
 * labels only where the server sent them, rates per rep and per receiving team, Accept only on
 * the lead's incoming handoffs; the rep's own on /me with today's credit.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { VueWrapper } from '@vue/test-utils';
import type { HandoffsResponse, HandoffView } from '../../../shared/domain/handoffs';
import type { Viewer } from '../../../shared/domain/viewer';
import HandoffsView from '../../../client/views/HandoffsView.vue';
import MyHandoffs from '../../../client/components/handoffs/MyHandoffs.vue';
import HandoffTable from '../../../client/components/handoffs/HandoffTable.vue';
import { useSessionStore } from '../../../client/stores/session';
import { json, settle, stubFetch } from '../support/fakeFetch';
import { freshPinia } from '../support/mountApp';
import { mountView } from '../console/support';
import { LEAD, REP, SUPERVISOR } from '../support/viewers';

const NOW = Date.UTC(2026, 10, 23, 10, 0);
const MIN = 60_000;

function handoff(lead: string, fields: Partial<HandoffView> = {}): HandoffView {
  return {
    ...{
      lead,
      rep: 'rep-001',
      repName: 'Ann',
      team: 'north',
      to: 'closers',
      toTeam: 'closers',
      campaign: null,
      contact: null,
    },
    ...{ amount: 800, handoffAt: NOW - 10 * MIN, state: 'open', acceptedAt: null, acceptedBy: null },
    ...{ rejectedReason: null, closedAt: null, closedAmount: null, waiting: false },
    ...fields,
  };
}

const RESPONSE: HandoffsResponse = {
  open: [
    handoff('L-old', { handoffAt: NOW - 95 * MIN, waiting: true }),
    handoff('L-in', { rep: 'rep-009', team: 'south', to: 'north', toTeam: 'north', contact: 'Mr Li (Acme)' }),
    handoff('L-taken', { state: 'accepted', acceptedBy: 'cathy', handoffAt: NOW - 5 * MIN }),
  ],
  recent: [handoff('L-won', { state: 'won', closedAmount: 1500, closedAt: NOW - MIN })],
  byRep: [
    {
      key: 'rep-001',
      handoffs: 4,
      accepted: 2,
      rejected: 1,
      won: 1,
      lost: 1,
      acceptanceRate: 2 / 3,
      closeRate: 0.5,
      wonAmount: 1500,
    },
  ],
  byTeam: [
    {
      key: 'closers',
      handoffs: 3,
      accepted: 2,
      rejected: 0,
      won: 1,
      lost: 0,
      acceptanceRate: 1,
      closeRate: 1,
      wonAmount: 1500,
    },
    {
      key: 'north',
      handoffs: 1,
      accepted: 0,
      rejected: 0,
      won: 0,
      lost: 0,
      acceptanceRate: null,
      closeRate: null,
      wonAmount: 0,
    },
  ],
  counts: { open: 3, waiting: 1, accepted: 1 },
  waitMinutes: 30,
  windowDays: 30,
  serverNow: NOW,
};

let wrapper: VueWrapper | undefined;
afterEach(() => {
  wrapper?.unmount();
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

async function open(viewer: Viewer, locale: 'en' | 'zh-CN' = 'en') {
  vi.useFakeTimers({ now: NOW, toFake: ['Date'] });
  const calls = stubFetch({
    'GET /api/auth/session': json(200, { viewer }),
    'GET /api/handoffs': json(200, RESPONSE),
    'POST /api/handoffs/L-in/accept': json(200, { ...RESPONSE.open[1], state: 'accepted', acceptedBy: 'lena' }),
  });
  const pinia = freshPinia();
  await useSessionStore().ensureLoaded();
  wrapper = mountView(HandoffsView, { pinia, locale });
  await settle();
  return calls;
}

const rowsOf = (w: VueWrapper, section: string) =>
  w.findAll(`${section} tbody tr`).map((tr) => tr.attributes('data-lead'));

describe('the handoff board', () => {
  it('lists open handoffs oldest first, says in words which wait too long, shows contact labels only where sent', async () => {
    await open(SUPERVISOR);
    const w = wrapper!;
    expect(rowsOf(w, '.handoffs-view__open')).toEqual(['L-old', 'L-in', 'L-taken']);
    const old = w.find('[data-lead="L-old"]');
    expect(old.find('[data-test="waiting-too-long"]').text()).toBe('! Waiting too long');
    expect(old.text()).toContain('1 h 35 min');
    expect(w.find('[data-lead="L-in"] [data-test="waiting-too-long"]').exists()).toBe(false);
    expect(w.find('[data-lead="L-taken"]').text()).toContain('Accepted');
    // The contact label only where the server sent one; otherwise the lead id.
    expect(w.find('[data-lead="L-in"] th').text()).toBe('Mr Li (Acme)');
    expect(w.find('[data-lead="L-old"] th').text()).toBe('L-old');
    expect(w.find('[data-test="handoff-counts"]').text()).toBe('3 open · 1 waiting too long · 1 accepted');
    expect(w.find('.handoffs-view__recent [data-lead="L-won"]').text()).toContain('Won');
  });

  it('shows acceptance and close rates per rep and per receiving team, with the counts behind them', async () => {
    await open(SUPERVISOR);
    const [byRep, byTeam] = wrapper!.findAll('.handoff-rates');
    expect(byRep!.find('caption').text()).toBe('By rep');
    const rep = byRep!.find('[data-key="rep-001"]');
    expect(rep.find('[data-col="acceptance"]').text()).toBe('67% (2/3)');
    expect(rep.find('[data-col="close"]').text()).toBe('50% (1/2)');
    expect(byTeam!.find('caption').text()).toBe('By receiving team');
    expect(byTeam!.find('[data-key="north"] [data-col="acceptance"]').text()).toBe('– (0/0)');
  });

  it('gives a lead Accept on the incoming handoffs only, and accepts through the API', async () => {
    const calls = await open(LEAD);
    const buttons = wrapper!.findAll('.handoff-table__accept');
    expect(buttons.map((b) => b.attributes('aria-label'))).toEqual(['Accept the handoff of Mr Li (Acme)']);
    await buttons[0]!.trigger('click');
    await settle();
    expect(calls.some((c) => c.method === 'POST' && c.path === '/api/handoffs/L-in/accept')).toBe(true);
    expect(wrapper!.find('h1').text()).toBe('Lead handoffs · north');
  });

  it('speaks Chinese', async () => {
    await open(SUPERVISOR, 'zh-CN');
    expect(wrapper!.find('h1').text()).toBe('线索移交');
    expect(wrapper!.find('[data-lead="L-old"] [data-test="waiting-too-long"]').text()).toBe('! 等待过久');
  });
});

describe('the rep’s handoffs on /me', () => {
  it('shows what became of each and today’s credit', async () => {
    vi.useFakeTimers({ now: NOW, toFake: ['Date'] });
    stubFetch({ 'GET /api/handoffs': json(200, RESPONSE) });
    const pinia = freshPinia();
    wrapper = mountView(MyHandoffs, {
      pinia,
      props: {
        repId: REP.kind === 'user' && REP.role === 'rep' ? REP.rep : null,
        repName: 'Ann',
        handoffsWon: 1,
        handoffRevenue: 1500,
      },
    });
    await settle();
    expect(wrapper.find('[data-test="handoff-credit"]').text()).toMatch(/Credit today: 1 won · .*1,500/);
    expect(wrapper.findAll('tbody tr').map((tr) => tr.attributes('data-state'))).toEqual([
      'open',
      'open',
      'accepted',
      'won',
    ]);
  });
});

describe('the handoff table', () => {
  it('cuts a long lead id in the middle, keeping the end that tells two apart, and titles the whole id', () => {
    const pinia = freshPinia();
    const long = 'lead-yxaejdmx7qq2-run-0412-c1234';
    const table = mountView(HandoffTable, {
      pinia,
      props: {
        items: [handoff(long), handoff('L-88')],
        now: Date.now(),
        waitMinutes: 30,
        repNames: new Map(),
        caption: 'Open',
      },
    });
    const cells = table.findAll('.handoff-table__lead');
    expect(cells.map((c) => c.text())).toEqual(['lead-y…0412-c1234', 'L-88']);
    expect(cells[0]!.attributes('title')).toBe(long);
    table.unmount();
  });
});
