/** The rep's call-backs from the ledger on /me (issue #16): Done/Cancel, overdue in words, the reminder toast. */
import { flushPromises } from '@vue/test-utils';
import type { VueWrapper } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import CallbackReminders from '../../../client/components/callbacks/CallbackReminders.vue';
import { useConnectionStore } from '../../../client/stores/connection';
import { useFloorStore } from '../../../client/stores/floor';
import MyProgressView from '../../../client/views/MyProgressView.vue';
import type { MeResponse } from '../../../shared/contracts/http';
import type { CallbackView, CallbacksResponse } from '../../../shared/domain/callbacks';
import { SETTINGS, T0, makeRep, makeSnapshot } from '../support/floorData';
import { freshPinia } from '../support/mountApp';
import { mountView, stubFetch, type FakeRequest } from '../console/support';

const MIN = 60_000;
const GRACE = 15;
const me = makeRep({ id: 'r1', name: 'Ada', team: 'team-a', callbacks: [], callbackCount: 0 });

function item(call: string, followUpAt: number | null, contact: string | null, overdue = false): CallbackView {
  return {
    call,
    rep: 'r1',
    team: 'team-a',
    followUpAt,
    contact,
    customerHint: null,
    createdAt: T0 - 86_400_000,
    state: 'open',
    overdue,
  };
}
const ledger: CallbacksResponse = {
  // Promised yesterday: the day's fold no longer has them, the ledger does.
  callbacks: [item('cb-late', T0 - 30 * MIN, 'Wang Fang', true), item('cb-soon', T0 + 30 * MIN, null)],
  overdueByRep: { r1: 1 },
  graceMinutes: GRACE,
  serverNow: T0,
};

let wrapper: VueWrapper | undefined;
afterEach(() => {
  wrapper?.unmount();
  wrapper = undefined;
  vi.unstubAllGlobals();
});

describe('/me call-backs from the ledger', () => {
  it('lists them overdue first with the overdue marker in words, and Done removes one through the API', async () => {
    const requests: FakeRequest[] = stubFetch(({ method, url }) => {
      if (method === 'GET' && url === '/api/me')
        return {
          status: 200,
          body: {
            rep: me,
            pace: {},
            rank: { floor: 1, floorSize: 1, team: 1, teamSize: 1 },
            notes: [],
            callbacksDue: [],
            settings: SETTINGS,
            serverNow: T0,
          } as unknown as MeResponse,
        };
      if (method === 'GET' && url === '/api/callbacks?rep=r1') return { status: 200, body: ledger };
      if (method === 'POST' && url === '/api/callbacks/cb-late/done')
        return { status: 200, body: { ...ledger.callbacks[0], state: 'done', overdue: false } };
      return undefined;
    });
    const pinia = freshPinia();
    useConnectionStore().observeServerNow(T0);
    useFloorStore().applySnapshot(makeSnapshot([me], { scope: { kind: 'rep', rep: 'r1' } }));
    wrapper = mountView(MyProgressView, { pinia });
    await flushPromises();

    const rows = wrapper.findAll('.callbacks .callback');
    expect(rows.map((r) => r.attributes('data-call'))).toEqual(['cb-late', 'cb-soon']);
    expect(rows[0]!.find('.callback__overdue').text()).toContain('Overdue');
    expect(rows[1]!.find('.callback__overdue').exists()).toBe(false);
    expect(rows[0]!.find('.callback__done').attributes('aria-label')).toBe('Mark the call-back to Wang Fang done');
    // The next-steps card reads the ledger too.
    expect(wrapper.find('.next-steps__callback').text()).toContain('Wang Fang');
    // The reminder toast for the overdue one.
    expect(wrapper.find('.callback-reminder').text()).toContain('Call-back overdue: Wang Fang');

    await rows[0]!.find('.callback__done').trigger('click');
    await flushPromises();
    expect(requests.filter((r) => r.method === 'POST').map((r) => r.url)).toEqual(['/api/callbacks/cb-late/done']);
    expect(wrapper.findAll('.callbacks .callback').map((r) => r.attributes('data-call'))).toEqual(['cb-soon']);
    expect(wrapper.find('.callback-reminder').exists()).toBe(false);
  });
});

describe('CallbackReminders', () => {
  it('reminds once the grace has passed, not a millisecond before, once per call-back, until dismissed', async () => {
    const due = T0 + 30 * MIN;
    const callbacks = [{ call: 'c1', followUpAt: due, contact: 'Li Lei' }];
    const props = { callbacks, now: due + GRACE * MIN - 1, graceMs: GRACE * MIN, timeZone: 'UTC' };
    wrapper = mountView(CallbackReminders, { pinia: freshPinia(), props });
    expect(wrapper.findAll('.callback-reminder')).toHaveLength(0);
    await wrapper.setProps({ now: due + GRACE * MIN });
    expect(wrapper.findAll('.callback-reminder')).toHaveLength(1);
    expect(wrapper.find('.callback-reminder').text()).toContain('Call-back overdue: Li Lei, due 10:30');
    await wrapper.find('.callback-reminder__dismiss').trigger('click');
    await wrapper.setProps({ now: due + GRACE * MIN + 60_000 });
    expect(wrapper.findAll('.callback-reminder')).toHaveLength(0);
  });
});
